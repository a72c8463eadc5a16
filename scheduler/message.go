package scheduler

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/teambition/rrule-go"
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
	Kind       Kind
	At         string // first occurrence, WallLayout, in TZ; for birthdays only the time counts
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

// Validate checks a message before it is stored and says what is wrong in plain words.
func (m *Message) Validate() error {
	var errs []error
	if strings.TrimSpace(m.Body) == "" {
		errs = append(errs, errors.New("the message text is empty"))
	}
	if m.Kind != Transactional && m.Kind != Marketing {
		errs = append(errs, fmt.Errorf("the kind must be %q or %q", Transactional, Marketing))
	}
	if len(m.Recipients) == 0 {
		errs = append(errs, errors.New("the message has no recipient"))
	}
	for _, r := range m.Recipients {
		switch r.Kind {
		case ToNumber, ToContact, ToGroup:
		default:
			errs = append(errs, fmt.Errorf("unknown recipient kind %q", r.Kind))
		}
	}
	if m.Birthday && m.RRule != "" {
		errs = append(errs, errors.New("a birthday message cannot also have a repeat rule"))
	}
	if m.Window < 0 {
		errs = append(errs, errors.New("the deadline is before the send time"))
	}
	if _, err := m.location(); err != nil {
		errs = append(errs, err)
	} else if _, err := m.start(); err != nil {
		errs = append(errs, err)
	} else if _, err := m.rule(); err != nil {
		errs = append(errs, err)
	}
	if len(errs) > 0 {
		return fmt.Errorf("scheduler: %w", errors.Join(errs...))
	}
	return nil
}

func (m *Message) location() (*time.Location, error) {
	if m.TZ == "" {
		return nil, errors.New("the time zone is missing")
	}
	loc, err := time.LoadLocation(m.TZ)
	if err != nil {
		return nil, fmt.Errorf("unknown time zone %q", m.TZ)
	}
	return loc, nil
}

// start is the first occurrence as an instant.
func (m *Message) start() (time.Time, error) {
	loc, err := m.location()
	if err != nil {
		return time.Time{}, err
	}
	t, err := time.ParseInLocation(WallLayout, m.At, loc)
	if err != nil {
		t, err = time.ParseInLocation(wallSeconds, m.At, loc)
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("the send time %q is not like %q", m.At, WallLayout)
	}
	return t, nil
}

func (m *Message) rule() (*rrule.RRule, error) {
	if m.RRule == "" {
		return nil, nil
	}
	opt, err := rrule.StrToROption(strings.TrimPrefix(m.RRule, "RRULE:"))
	if err != nil {
		return nil, fmt.Errorf("the repeat rule %q is not valid: %v", m.RRule, err)
	}
	start, err := m.start()
	if err != nil {
		return nil, err
	}
	opt.Dtstart = start
	r, err := rrule.NewRRule(*opt)
	if err != nil {
		return nil, fmt.Errorf("the repeat rule %q is not valid: %v", m.RRule, err)
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
	r, err := m.rule()
	if err != nil {
		return time.Time{}, fmt.Errorf("scheduler: %w", err)
	}
	if r == nil {
		start, err := m.start()
		if err != nil {
			return time.Time{}, fmt.Errorf("scheduler: %w", err)
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

// Birthday is a day of the year, with the year when known.
type Birthday struct {
	Year  int // 0 = unknown
	Month time.Month
	Day   int
}

// IsZero reports whether no birthday is known.
func (b Birthday) IsZero() bool { return b.Month == 0 || b.Day == 0 }

// BirthdayAfter returns the first birthday occurrence strictly after t at the
// message's time of day in its zone. A 29 February birthday is kept on 28 February
// in other years.
func (m *Message) BirthdayAfter(b Birthday, t time.Time) (time.Time, error) {
	if b.IsZero() {
		return time.Time{}, nil
	}
	start, err := m.start()
	if err != nil {
		return time.Time{}, fmt.Errorf("scheduler: %w", err)
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
