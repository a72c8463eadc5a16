package icalendar

import (
	"fmt"
	"sort"
	"time"

	ics "github.com/arran4/golang-ical"
)

// transition is one change of a zone's offset, read from Go's zone data.
type transition struct {
	at       time.Time // the instant, UTC
	from, to int       // offsets in seconds east of UTC, before and after
	name     string    // the abbreviation after (CET, CEST)
	dst      bool      // daylight saving time after
}

// transitions finds the offset changes of loc in [from, to), to the second: the
// offset is sampled every 6 days (changes are months apart) and each change found
// is narrowed down by bisection.
func transitions(loc *time.Location, from, to time.Time) []transition {
	var out []transition
	const step = 6 * 24 * time.Hour
	_, prev := from.In(loc).Zone()
	for t := from; t.Before(to); t = t.Add(step) {
		next := t.Add(step)
		_, off := next.In(loc).Zone()
		if off == prev {
			continue
		}
		lo, hi := t, next // offset(lo) == prev, offset(hi) != prev
		for hi.Sub(lo) > time.Second {
			mid := lo.Add(hi.Sub(lo) / 2)
			if _, o := mid.In(loc).Zone(); o == prev {
				lo = mid
			} else {
				hi = mid
			}
		}
		at := hi.Truncate(time.Second)
		name, to := at.In(loc).Zone()
		out = append(out, transition{at: at.UTC(), from: prev, to: to, name: name, dst: at.In(loc).IsDST()})
		prev = off
	}
	return out
}

// observance is a set of transitions with the same offsets, name and kind: one
// STANDARD or DAYLIGHT of a VTIMEZONE.
type observance struct {
	from, to int
	name     string
	dst      bool
	starts   []time.Time // local wall times of its transitions (in the offset before), oldest first
}

// addTimezone writes the VTIMEZONE of loc covering the years [fromYear, toYear]:
// one STANDARD or DAYLIGHT per kind of transition, with a yearly RRULE when its
// transitions fall on the same weekday of the same week of the same month at the
// same time every year (as in Europe and North America), else an RDATE per
// transition. A zone without transitions gets a single STANDARD.
func addTimezone(cal *ics.Calendar, loc *time.Location, fromYear, toYear int) {
	tz := cal.AddTimezone(loc.String())
	start := time.Date(fromYear, 1, 1, 0, 0, 0, 0, time.UTC)
	ts := transitions(loc, start, time.Date(toYear+1, 1, 1, 0, 0, 0, 0, time.UTC))
	if len(ts) == 0 {
		name, off := start.In(loc).Zone()
		o := observance{from: off, to: off, name: name, starts: []time.Time{time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)}}
		addObservance(tz, o, false)
		return
	}
	groups := map[string]*observance{}
	var keys []string
	for _, t := range ts {
		key := fmt.Sprint(t.from, t.to, t.name, t.dst)
		o := groups[key]
		if o == nil {
			o = &observance{from: t.from, to: t.to, name: t.name, dst: t.dst}
			groups[key] = o
			keys = append(keys, key)
		}
		o.starts = append(o.starts, t.at.Add(time.Duration(t.from)*time.Second))
	}
	sort.SliceStable(keys, func(i, j int) bool { return groups[keys[i]].starts[0].Before(groups[keys[j]].starts[0]) })
	for _, k := range keys {
		o := groups[k]
		addObservance(tz, *o, o.yearly() != "")
	}
}

// yearly returns the RRULE of an observance whose transitions recur yearly on the
// same weekday rule, or "".
func (o observance) yearly() string {
	if len(o.starts) < 2 {
		return ""
	}
	first := o.starts[0]
	rule := weekdayRule(first)
	for i, s := range o.starts {
		if s.Year() != first.Year()+i || s.Month() != first.Month() || s.Weekday() != first.Weekday() ||
			s.Hour() != first.Hour() || s.Minute() != first.Minute() || s.Second() != first.Second() ||
			weekdayRule(s) != rule {
			return ""
		}
	}
	return fmt.Sprintf("FREQ=YEARLY;BYMONTH=%d;BYDAY=%s", first.Month(), rule)
}

var dayCodes = [7]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}

// weekdayRule is the day's place in its month as an RRULE BYDAY: "-1SU" for the
// last Sunday, else "2SU" for the second.
func weekdayRule(t time.Time) string {
	if t.AddDate(0, 0, 7).Month() != t.Month() {
		return "-1" + dayCodes[t.Weekday()]
	}
	return fmt.Sprintf("%d%s", (t.Day()-1)/7+1, dayCodes[t.Weekday()])
}

const localLayout = "20060102T150405"

func addObservance(tz *ics.VTimezone, o observance, rrule bool) {
	var c *ics.ComponentBase
	if o.dst {
		d := &ics.Daylight{}
		tz.Components = append(tz.Components, d)
		c = &d.ComponentBase
	} else {
		s := tz.AddStandard()
		c = &s.ComponentBase
	}
	c.SetProperty(ics.ComponentPropertyDtStart, o.starts[0].Format(localLayout))
	c.SetProperty("TZOFFSETFROM", offset(o.from))
	c.SetProperty("TZOFFSETTO", offset(o.to))
	c.SetProperty("TZNAME", o.name)
	if rrule {
		c.AddRrule(o.yearly())
		return
	}
	for _, s := range o.starts[1:] {
		c.AddRdate(s.Format(localLayout))
	}
}

// offset writes seconds east of UTC as RFC 5545's UTC-OFFSET: +0100, -0330,
// +054500 when seconds remain.
func offset(sec int) string {
	sign := "+"
	if sec < 0 {
		sign, sec = "-", -sec
	}
	s := fmt.Sprintf("%s%02d%02d", sign, sec/3600, sec%3600/60)
	if sec%60 != 0 {
		s += fmt.Sprintf("%02d", sec%60)
	}
	return s
}
