package ui

import (
	"sort"
	"strings"
	"time"

	"minuit/scheduler"
)

// DayInfo is what a calendar cell shows: materialised deliveries by state group,
// plus recipients of occurrences still to come.
type DayInfo struct {
	Planned  int
	Done     int
	Problems int
}

// Total is every message of the day.
func (d DayInfo) Total() int { return d.Planned + d.Done + d.Problems }

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
	Birthday   bool // a contact's birthday occurrence of a birthday message
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

// monthPlan merges the store's per-day counts with the occurrences to come.
func monthPlan(counts map[int]scheduler.DayCount, msgs []scheduler.Message, year int, month time.Month, loc *time.Location) map[int]DayInfo {
	out := map[int]DayInfo{}
	for d, c := range counts {
		out[d] = DayInfo{Planned: c.Planned, Done: c.Done, Problems: c.Problems}
	}
	from := time.Date(year, month, 1, 0, 0, 0, 0, loc)
	to := from.AddDate(0, 1, 0)
	for _, m := range msgs {
		for _, t := range occurrencesIn(m, from, to) {
			d := out[t.In(loc).Day()]
			d.Planned += len(m.Recipients)
			out[t.In(loc).Day()] = d
		}
	}
	return out
}

// dayAgenda merges a day's deliveries and occurrences to come, by time. Those still
// to leave say whether they leave with the provider or from this computer (where,
// given at, now).
func dayAgenda(ds []scheduler.Delivery, msgs []scheduler.Message, day time.Time, loc *time.Location,
	where func(at time.Time) string) []AgendaItem {
	from := time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, loc)
	to := from.AddDate(0, 0, 1)
	var out []AgendaItem
	for _, d := range ds {
		status := d.State.Label()
		if d.State == scheduler.Scheduled {
			status += " · " + where(d.Due)
		}
		out = append(out, AgendaItem{At: d.Due, MessageID: d.MessageID, DeliveryID: d.ID, To: d.To,
			Body: d.Body, Status: status, State: d.State})
	}
	for _, m := range msgs {
		for _, t := range occurrencesIn(m, from, to) {
			out = append(out, AgendaItem{At: t, MessageID: m.ID, To: recipientsText(m.Recipients),
				Body: m.Body, Status: "planned · " + where(t), Recurring: m.RRule != ""})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].At.Before(out[j].At) })
	return out
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
			parts = append(parts, "group "+r.Value)
		case scheduler.ToContact:
			parts = append(parts, "contact #"+r.Value)
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
