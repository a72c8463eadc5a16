package ui

import (
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"minuit/scheduler"
)

// DayInfo is what a calendar cell shows: the day's deliveries by figure
// (scheduler.DayOutcomes, the one definition; occurrences still to come count as
// pending, and recipients the rules will skip as skipped) and a line per message.
type DayInfo struct {
	scheduler.DayOutcomes
	Lines []DayLine // by time
}

// DayLine is one message of a day: "09:00 Soldes d'hiver…", or a day's birthdays
// of one birthday message together.
type DayLine struct {
	At        time.Time
	MessageID int64
	Body      string
	N         int    // deliveries (for birthdays, contacts)
	Birthday  bool   // the birthdays of one birthday message that day
	Held      bool   // the rules hold these until At: planned earlier, they leave here
	Zone      string // the message's zone ("" unknown: the computer's)
}

// AgendaItem is one line of a day's agenda.
type AgendaItem struct {
	At         time.Time
	MessageID  int64
	DeliveryID int64 // 0 for an occurrence not materialised yet
	To         string
	Body       string
	Status     string
	State      scheduler.State // "" for an occurrence to come
	Recurring  bool
	Birthday   bool   // a contact's birthday occurrence of a birthday message
	Held       bool   // the rules hold it: it leaves at At, not when planned
	Skipped    bool   // the rules will not send to these recipients
	Zone       string // the message's zone, for its time
}

const maxOccurrences = 500 // per message per month, a safety bound

// occurrencesIn returns m's occurrences not yet materialised in [from, to).
func occurrencesIn(m scheduler.Message, from, to time.Time) []time.Time {
	if m.Status != scheduler.MessageActive || m.Next.IsZero() || m.Birthday {
		return nil
	}
	var out []time.Time
	t := m.Next
	for i := 0; i < 10*maxOccurrences && !t.IsZero() && t.Before(to); i++ {
		if !t.Before(from) {
			out = append(out, t)
			if len(out) == maxOccurrences {
				break
			}
		}
		next, err := m.OccurrenceAfter(t)
		if err != nil || !next.After(t) {
			break
		}
		t = next
	}
	return out
}

// occKey names one occurrence of one message, for its forecast.
type occKey struct {
	msg int64
	at  int64 // Unix seconds
}

func keyOf(msg int64, at time.Time) occKey { return occKey{msg, at.Unix()} }

// monthInput is what the calendar read for a month.
type monthInput struct {
	counts map[int]scheduler.DayOutcomes
	lines  map[int][]scheduler.DayMessage
	held   []scheduler.HeldMove
	msgs   []scheduler.Message
	births []birthdayOcc
	fc     map[occKey]scheduler.Forecast // occurrences to come, judged by the rules
}

// monthPlan merges the store's per-day figures and messages with the occurrences
// to come, each where it will really leave.
func monthPlan(in monthInput, year int, month time.Month, loc *time.Location) map[int]DayInfo {
	from := time.Date(year, month, 1, 0, 0, 0, 0, loc)
	to := from.AddDate(0, 1, 0)
	p := planner{out: map[int]DayInfo{}, from: from, to: to, loc: loc}
	for d, c := range in.counts {
		p.out[d] = DayInfo{DayOutcomes: c}
	}
	bodies, zones := map[int64]string{}, map[int64]string{}
	for _, m := range in.msgs {
		bodies[m.ID], zones[m.ID] = m.Body, m.TZ
	}
	p.zones = zones
	for _, ms := range in.lines {
		for _, m := range ms {
			bodies[m.MessageID] = m.Body
			p.line(DayLine{At: m.At, MessageID: m.MessageID, Body: m.Body, N: m.N, Birthday: m.Birthday})
		}
	}
	for _, h := range in.held {
		p.add(h.Occurrence, func(d *DayInfo) { d.Pending -= h.N })
		p.line(DayLine{At: h.Occurrence, MessageID: h.MessageID, N: -h.N})
		p.add(h.Until, func(d *DayInfo) { d.Pending += h.N })
		p.line(DayLine{At: h.Until, MessageID: h.MessageID, Body: bodies[h.MessageID], N: h.N, Held: true})
	}
	for _, m := range in.msgs {
		for _, t := range occurrencesIn(m, from, to) {
			f, ok := in.fc[keyOf(m.ID, t)]
			if !ok { // not judged yet: every recipient reference at its time
				p.add(t, func(d *DayInfo) { d.Pending += len(m.Recipients) })
				p.line(DayLine{At: t, MessageID: m.ID, Body: m.Body, N: len(m.Recipients)})
				continue
			}
			p.add(t, func(d *DayInfo) { d.Pending += f.Send; d.Skipped += len(f.Skipped) })
			if f.Send > 0 || len(f.Held) == 0 {
				p.line(DayLine{At: t, MessageID: m.ID, Body: m.Body, N: f.Send})
			}
			for _, h := range f.Held {
				p.add(h.Until, func(d *DayInfo) { d.Pending++ })
				p.line(DayLine{At: h.Until, MessageID: m.ID, Body: m.Body, N: 1, Held: true})
			}
		}
	}
	for _, b := range in.births {
		p.add(b.At, func(d *DayInfo) { d.Pending++ })
		p.line(DayLine{At: b.At, MessageID: b.Msg, Body: b.Body, N: 1, Birthday: true})
	}
	p.finish()
	return p.out
}

// planner builds a month plan: figures and lines by local day.
type planner struct {
	out      map[int]DayInfo
	from, to time.Time
	loc      *time.Location
	zones    map[int64]string // message → zone
}

// add changes the figures of t's day when it is in the month.
func (p *planner) add(t time.Time, f func(*DayInfo)) {
	if t.Before(p.from) || !t.Before(p.to) {
		return
	}
	d := p.out[t.In(p.loc).Day()]
	f(&d)
	p.out[t.In(p.loc).Day()] = d
}

// line adds l to its day, merged with the line of the same message, kind and
// (birthdays and held ones aside) time.
func (p *planner) line(l DayLine) {
	if l.Zone == "" {
		l.Zone = p.zones[l.MessageID]
	}
	p.add(l.At, func(d *DayInfo) {
		for i, o := range d.Lines {
			if o.MessageID == l.MessageID && o.Birthday == l.Birthday && o.Held == l.Held &&
				(l.Birthday || l.Held || o.At.Equal(l.At) || l.N < 0) {
				d.Lines[i].N += l.N
				if l.N > 0 && l.At.Before(o.At) {
					d.Lines[i].At = l.At
				}
				if d.Lines[i].Body == "" {
					d.Lines[i].Body = l.Body
				}
				return
			}
		}
		if l.N >= 0 {
			d.Lines = append(d.Lines, l)
		}
	})
}

// finish drops emptied lines and sorts each day's lines by time.
func (p *planner) finish() {
	for day, d := range p.out {
		kept := d.Lines[:0]
		for _, l := range d.Lines {
			if l.N > 0 {
				kept = append(kept, l)
			}
		}
		d.Lines = kept
		sort.SliceStable(d.Lines, func(i, j int) bool { return d.Lines[i].At.Before(d.Lines[j].At) })
		d.Pending = max(d.Pending, 0)
		p.out[day] = d
	}
}

func recipientsText(rs []scheduler.RecipientRef) string {
	var parts []string
	for i, r := range rs {
		if i == 2 {
			parts = append(parts, "+"+itoa(len(rs)-2))
			break
		}
		switch r.Kind {
		case scheduler.ToGroup:
			parts = append(parts, lang.L("group {{.Name}}", map[string]any{"Name": r.Value}))
		case scheduler.ToContact:
			parts = append(parts, lang.L("contact #{{.ID}}", map[string]any{"ID": r.Value}))

		default:
			parts = append(parts, r.Value)
		}
	}
	return strings.Join(parts, ", ")
}

// firstWords shortens a body to n runes on one line.
func firstWords(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
