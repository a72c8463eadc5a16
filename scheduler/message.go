package scheduler

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/teambition/rrule-go"

	"minuit/internal/minuit"
)

// WallLayout is how a message's local send time is written: a wall-clock time that
// means the same hour in its zone whatever the season.
const WallLayout = "2006-01-02 15:04"

// wallSeconds is also accepted, with optional fractional seconds, for scripts.
const wallSeconds = "2006-01-02 15:04:05"

// Message is what the user plans: a body sent to recipients at a local time in a
// zone, once or by a recurrence rule, or on each recipient's birthday.
type Message struct {
	ID         int64
	Body       string // template with {placeholders}
	Originator string // sender ID; "" = the provider's default
	Kind       minuit.Kind
	At         string // first occurrence, WallLayout, in TZ (or AtNow when planned); for birthdays only the time counts
	TZ         string // IANA zone
	RRule      string // RFC 5545 RRULE body ("FREQ=WEEKLY;BYDAY=MO"), "" = once
	Birthday   bool   // send on each contact recipient's birthday at At's time of day
	// Window is the "no later than" allowance after each occurrence: past it the
	// delivery is missed, not sent. 0 = none.
	Window     time.Duration
	Recipients []RecipientRef
	Status     MessageStatus
	Next       time.Time   // next occurrence not yet materialised; zero = none
	Skipped    []time.Time // occurrences cancelled one by one (SkipOccurrence)
	Created    time.Time
	Updated    time.Time
	// Source says what made the message: "" the user; an automation of the shop,
	// e.g. "shopify:order-confirmation #1002" (history --json shows it).
	Source string

	cursor time.Time // occurrences up to here were materialised
}

// RecipientRef names who a message goes to.
type RecipientRef struct {
	Kind  string // "number", "contact" or "group"
	Value string // E.164 number, contact id, or group name
}

// Recipient kinds.
const (
	ToNumber  = "number"
	ToContact = "contact"
	ToGroup   = "group"
)

// SplitRecipients sorts refs by kind: typed numbers, contact ids and group names,
// each in order. A contact id that is not a number (the plan check refuses one)
// is left out.
func SplitRecipients(refs []RecipientRef) (numbers []string, ids []int64, groups []string) {
	for _, r := range refs {
		switch r.Kind {
		case ToNumber:
			numbers = append(numbers, r.Value)
		case ToContact:
			if id, err := strconv.ParseInt(r.Value, 10, 64); err == nil {
				ids = append(ids, id)
			}
		case ToGroup:
			groups = append(groups, r.Value)
		}
	}
	return numbers, ids, groups
}

// Validate checks that a message is complete and readable, and says what is not
// in sentences: PlanErrors, or nil. Check adds what depends on the clock.
func (m *Message) Validate() error {
	var errs PlanErrors
	if strings.TrimSpace(m.Body) == "" {
		errs.add(FieldText, "The message text is empty.")
	}
	if !m.Kind.Valid() {
		errs.add(FieldKind, "The kind must be %s or %s, not “%s”.", minuit.Transactional, minuit.Marketing, m.Kind)
	}
	if len(m.Recipients) == 0 {
		errs.add(FieldTo, "Say who to send to: the message has no recipient.")
	}
	for _, r := range m.Recipients {
		switch r.Kind {
		case ToNumber, ToContact, ToGroup:
		default:
			errs.add(FieldTo, "The recipient kind “%s” is not number, contact or group.", r.Kind)
		}
	}
	if m.Birthday && m.RRule != "" {
		errs.add(FieldRepeat, "A birthday message cannot also have a repeat rule.")
	}
	if m.Window < 0 {
		errs.add(FieldDeadline, "The deadline must be after the send time.")
	}
	if _, err := m.location(); err != nil {
		errs = append(errs, err)
	} else if _, err := m.start(); err != nil {
		errs = append(errs, err)
	} else if _, err := m.rule(); err != nil {
		errs = append(errs, err)
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

func (m *Message) location() (*time.Location, *PlanError) {
	if m.TZ == "" {
		return nil, NewPlanError(FieldWhen, "The time zone is missing.")
	}
	loc, err := time.LoadLocation(m.TZ)
	if err != nil {
		return nil, NewPlanError(FieldWhen, "The time zone “%s” is unknown; use a name like Europe/Paris.", m.TZ)
	}
	return loc, nil
}

// start is the first occurrence as an instant.
func (m *Message) start() (time.Time, *PlanError) {
	loc, err := m.location()
	if err != nil {
		return time.Time{}, err
	}
	t, perr := time.ParseInLocation(WallLayout, m.At, loc)
	if perr != nil {
		t, perr = time.ParseInLocation(wallSeconds, m.At, loc)
	}
	if perr != nil {
		return time.Time{}, NewPlanError(FieldWhen, "The send time “%s” is not written YYYY-MM-DD HH:MM.", m.At)
	}
	return t, nil
}

func (m *Message) rule() (*rrule.RRule, *PlanError) {
	if m.RRule == "" {
		return nil, nil
	}
	invalid := func(err error) *PlanError {
		return NewPlanError(FieldRepeat, "The repeat rule “%s” is not valid: %v.", m.RRule, err)
	}
	opt, err := rrule.StrToROption(strings.TrimPrefix(m.RRule, "RRULE:"))
	if err != nil {
		return nil, invalid(err)
	}
	start, perr := m.start()
	if perr != nil {
		return nil, perr
	}
	opt.Dtstart = start
	r, err := rrule.NewRRule(*opt)
	if err != nil {
		return nil, invalid(err)
	}
	return r, nil
}

// OccurrenceAfter returns the first occurrence strictly after t (zero when there is
// none). Recurrences are computed on the wall clock of the message's zone, so
// "09:00 Europe/Paris" stays 09:00 across DST. Birthday messages have no occurrences
// of their own; see BirthdayAfter.
func (m *Message) OccurrenceAfter(t time.Time) (time.Time, error) {
	if m.Birthday {
		return time.Time{}, nil
	}
	r, perr := m.rule()
	if perr != nil {
		return time.Time{}, fmt.Errorf("scheduler: %w", perr)
	}
	if r == nil {
		start, perr := m.start()
		if perr != nil {
			return time.Time{}, fmt.Errorf("scheduler: %w", perr)
		}
		if start.After(t) {
			return start, nil
		}
		return time.Time{}, nil
	}
	next := r.After(t, false)
	for i := 0; i < 10000 && !next.IsZero() && m.isSkipped(next); i++ {
		next = r.After(next, false)
	}
	return next, nil
}

// BirthdayAfter returns the first birthday occurrence strictly after t at the
// message's time of day in its zone. A 29 February birthday is kept on 28 February
// in other years.
func (m *Message) BirthdayAfter(b minuit.Birthday, t time.Time) (time.Time, error) {
	if b.IsZero() {
		return time.Time{}, nil
	}
	start, perr := m.start()
	if perr != nil {
		return time.Time{}, fmt.Errorf("scheduler: %w", perr)
	}
	loc := start.Location()
	for y := t.In(loc).Year(); y <= t.In(loc).Year()+1; y++ {
		day := b.Day
		if b.Month == time.February && day == 29 && !isLeap(y) {
			day = 28
		}
		occ := time.Date(y, b.Month, day, start.Hour(), start.Minute(), 0, 0, loc)
		if occ.After(t) {
			return occ, nil
		}
	}
	return time.Time{}, nil
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }
