package compliance

import (
	"errors"
	"fmt"
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/fr"
)

// ErrInvalidQuietHours is wrapped by the errors Custom returns.
var ErrInvalidQuietHours = errors.New("compliance: invalid quiet hours")

// Window is the part of a day when marketing messages may be sent, in the
// recipient's wall-clock time: from Start (inclusive) to End (exclusive), both
// measured from midnight, so {8 * time.Hour, 20 * time.Hour} is 08:00–20:00.
// End may be 24h (until midnight). A window cannot span midnight. A Window with
// End not after Start (the zero Window) closes the whole day.
type Window struct {
	Start, End time.Duration
}

// open reports whether the window allows some time of the day.
func (w Window) open() bool { return w.End > w.Start && w.End > 0 && w.Start < 24*time.Hour }

// Holidays tells whether a date is a public holiday. *cal.Calendar from
// github.com/rickar/cal/v2 satisfies it; a day is closed when it is the actual
// or the observed date of a holiday.
type Holidays interface {
	IsHoliday(date time.Time) (actual, observed bool, h *cal.Holiday)
}

// QuietHours says when marketing messages may be sent: each weekday's Window,
// except on holidays. Every other moment is quiet. The rules apply in the
// recipient's local time. The zero QuietHours allows nothing (see Custom for a
// checked constructor); Policy.QuietEnabled turns the rule off.
type QuietHours struct {
	// Days holds each weekday's window, indexed by time.Weekday (Sunday is 0).
	Days [7]Window
	// Holidays, when not nil, closes every holiday for the whole day.
	Holidays Holidays
}

// FrenchHolidays returns a calendar of France's national public holidays (New
// Year, Easter Monday, 1 May, 8 May, Ascension, Whit Monday, 14 July, 15 August,
// 1 November, 11 November, Christmas) from github.com/rickar/cal/v2/fr. Whit
// Monday is listed although many employers work it ("journée de solidarité").
// Holidays specific to Alsace-Moselle or the overseas departments are not included.
func FrenchHolidays() *cal.Calendar {
	c := &cal.Calendar{Name: "France"} // not Cacheable: a cache would be shared mutable state
	c.AddHoliday(fr.Holidays...)
	return c
}

// France returns the French preset: Monday to Saturday 08:00–20:00, never on
// Sundays or French public holidays (FrenchHolidays).
func France() QuietHours {
	q := QuietHours{Holidays: FrenchHolidays()}
	for d := time.Monday; d <= time.Saturday; d++ {
		q.Days[d] = Window{8 * time.Hour, 20 * time.Hour}
	}
	return q
}

// UnitedStates returns the United States preset: every day 08:00–21:00, the
// federal (TCPA) hours, holidays included. Some states are stricter (Florida
// and Oklahoma, for instance, end at 20:00); use Custom for them.
func UnitedStates() QuietHours {
	var q QuietHours
	for d := range q.Days {
		q.Days[d] = Window{8 * time.Hour, 21 * time.Hour}
	}
	return q
}

// Custom returns quiet hours with the given window for each weekday present in
// days (absent weekdays and zero windows are closed) and an optional holiday
// calendar (nil for none, or FrenchHolidays(), or any Holidays). It fails when
// a window is outside 00:00–24:00 or ends before it starts, or when no day is open.
func Custom(days map[time.Weekday]Window, holidays Holidays) (QuietHours, error) {
	q := QuietHours{Holidays: holidays}
	openDays := 0
	for d, w := range days {
		switch {
		case d < time.Sunday || d > time.Saturday:
			return QuietHours{}, fmt.Errorf("%w: %d is not a weekday", ErrInvalidQuietHours, d)
		case w == Window{}:
			continue
		case w.Start < 0 || w.End > 24*time.Hour:
			return QuietHours{}, fmt.Errorf("%w: %s's hours must be between 00:00 and 24:00", ErrInvalidQuietHours, d)
		case w.End <= w.Start:
			return QuietHours{}, fmt.Errorf("%w: %s's hours end before they start", ErrInvalidQuietHours, d)
		}
		q.Days[d] = w
		openDays++
	}
	if openDays == 0 {
		return QuietHours{}, fmt.Errorf("%w: no day allows sending", ErrInvalidQuietHours)
	}
	return q, nil
}

// horizon is how far NextAllowed looks ahead before giving up.
const horizon = 400 * 24 * time.Hour

// Allowed reports whether a marketing message may be sent at t, judged in loc
// (t's own location when loc is nil).
func (q QuietHours) Allowed(t time.Time, loc *time.Location) bool {
	if loc == nil {
		loc = t.Location()
	}
	u := t.In(loc)
	w, open := q.window(u)
	c := clock(u)
	return open && c >= w.Start && c < w.End
}

// NextAllowed returns t when a marketing message may be sent at t, judged in loc
// (t's own location when loc is nil); otherwise the earliest later instant
// that is allowed, expressed in loc. It returns the zero Time when nothing is
// allowed within 400 days (for instance for the zero QuietHours).
//
// Windows are wall-clock times, so DST changes are followed: after the
// spring-forward night, 08:00 is one hour closer to midnight in UTC. On a day
// whose clock jumps over a window's start (a window starting at 02:30 on the
// night the clock goes from 02:00 to 03:00), the window opens at the jump. When
// the clock goes back, a time of day that occurs twice is allowed each time.
func (q QuietHours) NextAllowed(t time.Time, loc *time.Location) time.Time {
	if loc == nil {
		loc = t.Location()
	}
	u := t.In(loc)
	limit := t.Add(horizon)
	for u.Before(limit) {
		w, open := q.window(u)
		c := clock(u)
		var next time.Time
		switch {
		case open && c >= w.Start && c < w.End:
			if u.Equal(t) {
				return t
			}
			return u
		case open && c < w.Start:
			next = u.Add(w.Start - c) // the window's start, if no clock change comes first
		default:
			next = u.Add(24*time.Hour - c) // the next midnight, if no clock change comes first
		}
		// Within one zone period the wall clock moves with real time; at a
		// change it jumps, so stop there and look again.
		if _, end := u.ZoneBounds(); !end.IsZero() && end.Before(next) {
			next = end
		}
		u = next.In(loc)
	}
	return time.Time{}
}

// NextAllowedAll is NextAllowed for a recipient who may be in any of locs (a
// number that maps to several zones): the earliest instant at or after t that is
// allowed in every zone. It returns the zero Time when locs is empty or when no
// such instant exists within 14 days (zones too far apart for the windows to overlap).
func (q QuietHours) NextAllowedAll(t time.Time, locs []*time.Location) time.Time {
	if len(locs) == 0 {
		return time.Time{}
	}
	limit := t.Add(14 * 24 * time.Hour)
	u := t
	for !u.After(limit) {
		moved := false
		for _, loc := range locs {
			v := q.NextAllowed(u, loc)
			if v.IsZero() {
				return time.Time{}
			}
			if v.After(u) {
				u, moved = v, true
			}
		}
		if !moved {
			return u
		}
	}
	return time.Time{}
}

// window returns the window of u's local day and whether that day is open.
func (q QuietHours) window(u time.Time) (Window, bool) {
	w := q.Days[u.Weekday()]
	if !w.open() {
		return w, false
	}
	if q.Holidays != nil {
		if actual, observed, _ := q.Holidays.IsHoliday(u); actual || observed {
			return w, false
		}
	}
	return w, true
}

// clock is u's wall-clock time since its local midnight.
func clock(u time.Time) time.Duration {
	h, m, s := u.Clock()
	return time.Duration(h)*time.Hour + time.Duration(m)*time.Minute +
		time.Duration(s)*time.Second + time.Duration(u.Nanosecond())
}
