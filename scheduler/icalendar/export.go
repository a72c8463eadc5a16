// Package icalendar writes Minuit's planned messages as an RFC 5545 calendar
// (.ics) that any calendar app opens or subscribes to: one VEVENT per message
// (per contact for birthday messages), in the message's own zone with its
// VTIMEZONE, repeating by its RRULE. It uses github.com/arran4/golang-ical for
// the format (CRLF lines folded at 75 octets, text escaping) and has no words of
// its own: the caller gives the summary and description in the user's language.
package icalendar

import (
	"context"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/teambition/rrule-go"

	"minuit/internal/minuit"
	"minuit/scheduler"
)

// Options are what Write needs besides the messages.
type Options struct {
	Now  time.Time // DTSTAMP of every event; zero: time.Now()
	Name string    // the calendar's name (X-WR-CALNAME), e.g. "Minuit: planned texts"
	// Summary and Description say what an event is, in the user's language; for a
	// birthday message r is the contact it is for (nil otherwise).
	Summary, Description func(m scheduler.Message, r *minuit.Recipient) string
	// Birthdays resolves a birthday message's contacts, with their birthdays; nil:
	// birthday messages are left out.
	Birthdays func(ctx context.Context, m scheduler.Message) ([]minuit.Recipient, error)
}

// KeyLiveFolder is the setting naming the folder (a synced one, say) where the
// background sender keeps LiveFile up to date for calendar apps to subscribe to;
// "" = none.
const KeyLiveFolder = "calendar.live_folder"

// LiveFile is the name of the live calendar file in that folder.
const LiveFile = "minuit.ics"

// ProductID names Minuit as the calendar's producer.
const ProductID = "-//Minuit//Planned SMS//EN"

// DefaultLength is how long an event lasts in a calendar when its message has no
// "no later than" window.
const DefaultLength = 15 * time.Minute

// UID is the stable identity of a message's event (and, for a birthday message,
// of the contact's), so that a calendar subscribed to the file updates it in place.
func UID(messageID, contactID int64) string {
	if contactID != 0 {
		return fmt.Sprintf("message-%d-contact-%d@minuit", messageID, contactID)
	}
	return fmt.Sprintf("message-%d@minuit", messageID)
}

// Write writes msgs as a calendar to w. Messages that are not active, or whose
// time or rule cannot be read, are left out; an error is returned only when w
// fails or birthdays cannot be resolved.
func Write(ctx context.Context, w io.Writer, msgs []scheduler.Message, o Options) error {
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	cal := ics.NewCalendarFor("Minuit")
	cal.SetProductId(ProductID)
	cal.SetCalscale("GREGORIAN")
	cal.SetMethod(ics.MethodPublish)
	if o.Name != "" {
		cal.SetName(o.Name)
	}
	zones := map[string]*time.Location{}
	minYear, maxYear := o.Now.Year(), o.Now.Year()
	var events []*ics.VEvent
	for _, m := range msgs {
		if m.Status != scheduler.MessageActive {
			continue
		}
		start, err := m.FirstAt()
		if err != nil {
			continue // Validate refuses such a message; an old one is not exported
		}
		var evs []*ics.VEvent
		if m.Birthday {
			if evs, err = birthdayEvents(ctx, m, start, o); err != nil {
				return err
			}
		} else {
			if m.RRule != "" {
				// The first occurrence the rule gives (a DTSTART off the rule is
				// undefined in RFC 5545; Minuit never sends it).
				if first, err := m.OccurrenceAfter(start.Add(-time.Second)); err == nil && !first.IsZero() {
					start = first
				}
			}
			evs = []*ics.VEvent{event(m, nil, start, o)}
		}
		if len(evs) == 0 {
			continue
		}
		zones[m.TZ] = start.Location()
		minYear, maxYear = min(minYear, start.Year()), max(maxYear, start.Year())
		events = append(events, evs...)
	}
	for _, tz := range slices.Sorted(maps.Keys(zones)) {
		addTimezone(cal, zones[tz], minYear-1, maxYear+10)
	}
	for _, e := range events {
		cal.AddVEvent(e)
	}
	if err := cal.SerializeTo(w, ics.WithNewLineWindows); err != nil {
		return fmt.Errorf("icalendar: write: %w", err)
	}
	return nil
}

// event is the VEVENT of message m (for contact r of a birthday message) that
// starts at start.
func event(m scheduler.Message, r *minuit.Recipient, start time.Time, o Options) *ics.VEvent {
	var contact int64
	if r != nil {
		contact = r.ContactID
	}
	e := ics.NewEvent(UID(m.ID, contact))
	e.SetDtStampTime(o.Now)
	if !m.Updated.IsZero() {
		e.SetLastModifiedAt(m.Updated)
	}
	tzid := ics.WithTZID(m.TZ)
	e.SetProperty(ics.ComponentPropertyDtStart, start.Format(localLayout), tzid)
	length := DefaultLength
	if m.Window > 0 {
		length = m.Window
	}
	e.SetProperty(ics.ComponentPropertyDtEnd, start.Add(length).Format(localLayout), tzid)
	if o.Summary != nil {
		e.SetSummary(clean(o.Summary(m, r)))
	}
	if o.Description != nil {
		e.SetDescription(clean(o.Description(m, r)))
	}
	e.AddCategory(string(m.Kind))
	switch {
	case r != nil:
		e.AddRrule(birthdayRule(start))
	case m.RRule != "":
		e.AddRrule(utcUntil(m.RRule))
		for _, s := range m.Skipped {
			e.AddExdate(s.In(start.Location()).Format(localLayout), tzid)
		}
	}
	return e
}

// birthdayEvents is one yearly event per contact of a birthday message who has a
// birthday, from their first birthday after the message was planned.
func birthdayEvents(ctx context.Context, m scheduler.Message, start time.Time, o Options) ([]*ics.VEvent, error) {
	if o.Birthdays == nil {
		return nil, nil
	}
	rs, err := o.Birthdays(ctx, m)
	if err != nil {
		return nil, fmt.Errorf("icalendar: birthdays of message %d: %w", m.ID, err)
	}
	from := m.Created
	if from.IsZero() {
		from = start
	}
	var out []*ics.VEvent
	for i := range rs {
		at, err := m.BirthdayAfter(rs[i].Birthday, from.Add(-time.Second))
		if err != nil || at.IsZero() {
			continue
		}
		out = append(out, event(m, &rs[i], at, o))
	}
	return out, nil
}

// birthdayRule repeats a birthday every year; one on 29 February falls on the
// last day of February, as Minuit sends it on the 28th in common years.
func birthdayRule(first time.Time) string {
	if first.Month() == time.February && first.Day() >= 28 && first.AddDate(0, 0, 1).Month() == time.March {
		return "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1"
	}
	return "FREQ=YEARLY"
}

// utcUntil writes an RRULE's UNTIL in UTC, as RFC 5545 requires beside a DTSTART
// with TZID; other parts are kept as they are.
func utcUntil(rule string) string {
	rule = strings.TrimPrefix(rule, "RRULE:")
	opt, err := rrule.StrToROption(rule)
	if err != nil || opt.Until.IsZero() {
		return rule
	}
	parts := strings.Split(rule, ";")
	for i, p := range parts {
		if strings.HasPrefix(strings.ToUpper(p), "UNTIL=") {
			parts[i] = "UNTIL=" + opt.Until.UTC().Format("20060102T150405Z")
		}
	}
	return strings.Join(parts, ";")
}

// clean keeps a text's lines and drops the control characters RFC 5545 forbids
// in TEXT (all but tab and line feed), carriage returns included.
func clean(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return r
		}
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, s)
}
