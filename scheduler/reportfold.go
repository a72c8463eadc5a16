package scheduler

import (
	"cmp"
	"maps"
	"slices"
	"time"

	"minuit/internal/db"
)

// fold turns report_totals rows into a report: per message, per local day and
// month, and per provider and country with their prices.
func fold(q ReportQuery, rows []totalsRow, prices PriceTable) Report {
	rep := Report{From: q.From, To: q.To}
	msgs := map[int64]*MessageReport{}
	days := map[time.Time]*DayOutcomes{}
	months := map[time.Time]*MonthCost{}
	costs := map[[2]string]*CostLine{}
	slots := map[string]time.Time{}
	for _, r := range rows {
		m := msgs[r.message]
		if m == nil {
			m = &MessageReport{MessageID: r.message, Skipped: map[string]int{}}
			msgs[r.message] = m
		}
		count(m, r)
		if r.accepted && r.firstSent != "" {
			if t, err := db.ParseTime(r.firstSent); err == nil && (m.FirstSent.IsZero() || t.Before(m.FirstSent)) {
				m.FirstSent = t
			}
		}
		at, ok := slots[r.slot]
		if !ok {
			t, err := time.Parse(slotLayout, r.slot)
			if err != nil {
				continue // not a slot the triggers write; nothing to count it in
			}
			at = t.In(q.Loc)
			slots[r.slot] = at
		}
		day := time.Date(at.Year(), at.Month(), at.Day(), 0, 0, 0, 0, q.Loc)
		d := days[day]
		if d == nil {
			d = &DayOutcomes{Day: day}
			days[day] = d
		}
		countDay(d, r)
		if !r.accepted {
			continue
		}
		country := CountryOfPrefix(r.prefix)
		price, estimate := prices.For(r.provider, country)
		cost := float64(r.parts) * price
		rep.Estimate = rep.Estimate || (estimate && r.parts > 0)
		m.Cost += cost
		month := time.Date(at.Year(), at.Month(), 1, 0, 0, 0, 0, q.Loc)
		mc := months[month]
		if mc == nil {
			mc = &MonthCost{Month: month}
			months[month] = mc
		}
		mc.Parts += r.parts
		mc.Cost += cost
		key := [2]string{r.provider, country}
		c := costs[key]
		if c == nil {
			c = &CostLine{Provider: r.provider, Country: country, PerPart: price, Estimate: estimate}
			costs[key] = c
		}
		c.Parts += r.parts
		c.Cost += cost
	}
	for _, id := range slices.Sorted(maps.Keys(msgs)) {
		rep.Messages = append(rep.Messages, *msgs[id])
	}
	slices.Reverse(rep.Messages) // newest message first
	rep.Days = everyDay(q, days)
	for _, m := range slices.SortedFunc(maps.Keys(months), time.Time.Compare) {
		rep.Months = append(rep.Months, *months[m])
	}
	for _, c := range costs {
		rep.Costs = append(rep.Costs, *c)
	}
	slices.SortFunc(rep.Costs, func(a, b CostLine) int {
		return cmp.Or(cmp.Compare(b.Cost, a.Cost), cmp.Compare(a.Provider, b.Provider), cmp.Compare(a.Country, b.Country))
	})
	return rep
}

// pendingBucket is report_totals' state for deliveries not sent yet: scheduled,
// sending, waiting to retry or with the provider's scheduler.
const pendingBucket State = "pending"

// count adds a report_totals row to a message's figures.
func count(m *MessageReport, r totalsRow) {
	m.Recipients += r.n
	if r.accepted {
		m.Sent += r.n
		m.Parts += r.parts
	}
	switch State(r.state) {
	case Delivered:
		m.Delivered += r.n
	case Failed, Expired:
		m.Failed += r.n
	case Missed:
		m.Missed += r.n
	case Cancelled:
		m.Cancelled += r.n
	case Unconfirmed:
		m.Unconfirmed += r.n
	case Skipped:
		m.Skipped[r.reason] += r.n
	case pendingBucket, Scheduled, Sending, Retryable, HandedOff:
		m.Pending += r.n
	}
}

// countDay adds a report_totals row to a day's outcomes (DayOutcomes.Add, the
// one definition of the figures).
func countDay(d *DayOutcomes, r totalsRow) { d.Add(State(r.state), r.n) }

// maxDays bounds the days listed for a period, whatever its bounds (27 years);
// a period longer than maxPeriodDays lists only from its first to its last day
// with deliveries.
const (
	maxDays       = 10_000
	maxPeriodDays = 400
)

// everyDay lists every local day of the period, with or without deliveries: from
// From (or the first day with deliveries) to the day before To (or the last day
// with deliveries).
func everyDay(q ReportQuery, days map[time.Time]*DayOutcomes) []DayOutcomes {
	var first, last time.Time
	for d := range days {
		if first.IsZero() || d.Before(first) {
			first = d
		}
		if d.After(last) {
			last = d
		}
	}
	if !q.From.IsZero() {
		f := q.From.In(q.Loc)
		first = time.Date(f.Year(), f.Month(), f.Day(), 0, 0, 0, 0, q.Loc)
	}
	if !q.To.IsZero() {
		t := q.To.Add(-time.Nanosecond).In(q.Loc)
		last = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, q.Loc)
	}
	if first.IsZero() || last.Before(first) {
		return nil
	}
	if last.Sub(first) > maxPeriodDays*24*time.Hour { // a long period: its days with deliveries
		lo, hi := first, last
		first, last = time.Time{}, time.Time{}
		for d := range days {
			if d.Before(lo) || d.After(hi) {
				continue
			}
			if first.IsZero() || d.Before(first) {
				first = d
			}
			if d.After(last) {
				last = d
			}
		}
		if first.IsZero() {
			return nil
		}
	}
	var out []DayOutcomes
	for d := first; !d.After(last) && len(out) < maxDays; d = time.Date(d.Year(), d.Month(), d.Day()+1, 0, 0, 0, 0, q.Loc) {
		if v, ok := days[d]; ok {
			out = append(out, *v)
		} else {
			out = append(out, DayOutcomes{Day: d})
		}
	}
	return out
}

// finish computes the total and the rates once every figure is in.
func (r *Report) finish() {
	t := MessageReport{Skipped: map[string]int{}}
	for i := range r.Messages {
		m := &r.Messages[i]
		m.DeliveryRate, m.OptOutRate = DeliveryRate(m.Delivered, m.Sent), OptOutRate(m.OptOuts, m.Sent)
		t.Recipients += m.Recipients
		t.Pending += m.Pending
		t.Sent += m.Sent
		t.Delivered += m.Delivered
		t.Failed += m.Failed
		t.Missed += m.Missed
		t.Cancelled += m.Cancelled
		t.Unconfirmed += m.Unconfirmed
		for k, v := range m.Skipped {
			t.Skipped[k] += v
		}
		t.Parts += m.Parts
		t.Cost += m.Cost
		t.Orders += m.Orders
		t.Revenue += m.Revenue
		if !m.FirstSent.IsZero() && (t.FirstSent.IsZero() || m.FirstSent.Before(t.FirstSent)) {
			t.FirstSent = m.FirstSent
		}
	}
	t.OptOuts = r.Total.OptOuts // distinct replies, counted once (optOuts)
	t.DeliveryRate, t.OptOutRate = DeliveryRate(t.Delivered, t.Sent), OptOutRate(t.OptOuts, t.Sent)
	r.Total = t
}
