package scheduler

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"minuit/scheduler/sms"
)

// MaxParts is the longest text a message may have, in SMS parts (the STOP footer
// of a marketing message included): a longer one is refused when it is planned.
const MaxParts = 10

// AtNow is the At of a message sent as soon as it is saved (`--at now`, "Send
// now"): the store replaces it with the current minute in the message's zone.
const AtNow = "now"

// pastGrace is how far in the past a send time may be and still count as now:
// the current minute, whose first seconds have already gone.
const pastGrace = time.Minute

// minRepeat is the shortest time between two occurrences of a repeating message.
const minRepeat = time.Hour

// PlanCheck is what a plan is checked against besides itself.
type PlanCheck struct {
	Now time.Time // the clock
	// Footer is the opt-out footer marketing messages get ("" none), counted in
	// their parts.
	Footer string
	// Editing is set for an edit of a stored message: a repeating message's first
	// occurrence may then be past (its later ones are what count).
	Editing bool
	// UTMCampaign is the campaign a marketing message's links are tagged with
	// (SentText), counted in its parts; "" when revenue tracking is off.
	UTMCampaign string
}

// Check is the one check of a plan, made by the store before anything is stored
// (CheckMessage) and by the window as the fields are filled, so both refuse the
// same plans with the same sentences. On top of Validate it refuses:
//   - a send time already past (AtNow and the current minute are fine), except for
//     birthday messages, and for an edited repeating message that has dates left;
//   - a repeat rule more often than hourly (FREQ=SECONDLY or MINUTELY, or two
//     occurrences less than an hour apart on the wall clock), COUNT or INTERVAL
//     below 1, or a rule that gives no date to send on from now;
//   - a text over MaxParts SMS, with its footer when marketing.
//
// The error is PlanErrors (one *PlanError per problem) or nil.
func (m Message) Check(pc PlanCheck) error {
	if m.At == AtNow {
		if loc, err := m.location(); err == nil {
			m.At = pc.Now.In(loc).Format(WallLayout)
		}
	}
	var errs PlanErrors
	if err := m.Validate(); err != nil {
		errs = append(errs, err.(PlanErrors)...)
	}
	if !errs.Has(FieldText) {
		body := SentText(m.Body, m.Kind, pc.Footer, pc.UTMCampaign)
		if n := sms.Count(body).Parts; n > MaxParts && body != m.Body {
			errs.add(FieldText, "The text, with its STOP footer, is %d SMS long; at most %d are sent: shorten it.", n, MaxParts)
		} else if n > MaxParts {
			errs.add(FieldText, "The text is %d SMS long; at most %d are sent: shorten it.", n, MaxParts)
		}
	}
	if !errs.Has(FieldWhen) && !errs.Has(FieldRepeat) && !m.Birthday {
		start, _ := m.start()
		loc := start.Location()
		switch {
		case m.RRule != "":
			errs = append(errs, m.checkRule(pc, start)...)
		case start.Before(pc.Now.Add(-pastGrace)):
			errs.add(FieldWhen, "The send time %s is already past (it is %s in %s): pick a later time, or send now.",
				start.Format(WallLayout), pc.Now.In(loc).Format(WallLayout), m.TZ)
		}
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// checkRule is Check for a repeating message whose start and rule are readable.
func (m Message) checkRule(pc PlanCheck, start time.Time) PlanErrors {
	var errs PlanErrors
	for _, part := range strings.Split(strings.TrimPrefix(m.RRule, "RRULE:"), ";") {
		key, val, _ := strings.Cut(part, "=")
		switch key = strings.ToUpper(strings.TrimSpace(key)); key {
		case "FREQ":
			if f := strings.ToUpper(strings.TrimSpace(val)); f == "SECONDLY" || f == "MINUTELY" {
				errs.add(FieldRepeat, "FREQ=%s repeats more often than once an hour; the most often is FREQ=HOURLY.", f)
			}
		case "COUNT", "INTERVAL":
			if n, err := strconv.Atoi(strings.TrimSpace(val)); err == nil && n < 1 {
				errs.add(FieldRepeat, "%s=%s is not allowed in the repeat rule: it must be 1 or more.", key, strings.TrimSpace(val))
			}
		}
	}
	if len(errs) > 0 {
		return errs
	}
	if !pc.Editing && start.Before(pc.Now.Add(-pastGrace)) {
		loc := start.Location()
		errs.add(FieldWhen, "The first send time %s is already past (it is %s in %s): pick a later time, or send now.",
			start.Format(WallLayout), pc.Now.In(loc).Format(WallLayout), m.TZ)
		return errs
	}
	r, _ := m.rule()
	first := r.After(start.Add(-time.Second), true)
	if first.IsZero() {
		errs.add(FieldRepeat, "The repeat rule “%s” never gives a date to send on.", m.RRule)
		return errs
	}
	next := r.After(pc.Now.Add(-pastGrace), true)
	if next.IsZero() {
		errs.add(FieldRepeat, "The repeat rule “%s” gives no date to send on after %s.", m.RRule,
			pc.Now.In(start.Location()).Format(WallLayout))
		return errs
	}
	// Two occurrences closer than an hour on the wall clock, so that a DST change
	// does not make an hourly rule look faster than it is (the hour a DST gap skips
	// gives the same time twice: one occurrence).
	prev := next
	for i := 0; i < 50; i++ {
		t := r.After(prev, false)
		if t.IsZero() {
			break
		}
		if gap := wallClock(t).Sub(wallClock(prev)); gap > 0 && gap < minRepeat {
			errs.add(FieldRepeat, "The repeat rule “%s” sends more often than once an hour (%s, then %s).", m.RRule,
				prev.Format(WallLayout), t.Format(WallLayout))
			break
		}
		prev = t
	}
	return errs
}

// wallClock is t's wall-clock reading in its zone, as an instant in UTC.
func wallClock(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
}

// GapNote says what a wall-clock send time in zone tz becomes when it falls in a
// DST gap ("02:30 does not exist on 29 March in Europe/Paris: sending at
// 03:30."); "" when the time exists, is AtNow, or cannot be read.
func GapNote(at, tz string) string {
	loc, err := time.LoadLocation(tz)
	if err != nil || tz == "" {
		return ""
	}
	t, err := time.ParseInLocation(WallLayout, strings.TrimSpace(at), loc)
	if err != nil {
		return ""
	}
	typed, _ := time.Parse(WallLayout, strings.TrimSpace(at))
	if wallClock(t).Equal(typed) {
		return ""
	}
	return fmt.Sprintf("%s does not exist on %s in %s: sending at %s.", typed.Format("15:04"), typed.Format("2 January"),
		tz, t.Format("15:04"))
}

// FooterText is the footer a KeyFooter setting value gives: "" for "none".
func FooterText(setting string) string {
	f := strings.TrimSpace(setting)
	if strings.EqualFold(f, "none") {
		return ""
	}
	return f
}
