package ui

import (
	"sort"
	"time"

	"fyne.io/fyne/v2/lang"

	"minuit/scheduler"
	"minuit/ui/l10n"
)

// agendaInput is what one day's agenda is made of.
type agendaInput struct {
	ds     []scheduler.Delivery // planned that day
	heldIn []scheduler.Delivery // planned earlier, held by the rules into that day
	msgs   []scheduler.Message
	fc     map[occKey]scheduler.Forecast
	month  time.Time // first day of the shown month: the occurrences judged
	// where says where an occurrence due at `at` leaves from.
	where func(at time.Time) string
}

// dayAgenda lists a day's deliveries and occurrences to come by time, each where it
// will really leave: a held occurrence shows on its day with "held until …" and at
// the time it leaves; recipients the rules will skip show as such.
func (m *Main) dayAgenda(in agendaInput, day time.Time) []AgendaItem {
	loc := m.loc
	from := time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, loc)
	to := from.AddDate(0, 0, 1)
	var out []AgendaItem
	for _, d := range in.ds {
		it := AgendaItem{At: d.Due, MessageID: d.MessageID, DeliveryID: d.ID, To: d.To, Body: d.Body,
			Status: l10n.StateLabel(d.State), State: d.State, Zone: d.Zone}
		switch {
		case held(d):
			it.Held, it.Status = true, m.heldUntil(d.HeldUntil, d.Zone)
		case d.State == scheduler.Scheduled:
			it.Status += " · " + in.where(d.Due)
		}
		out = append(out, it)
	}
	for _, d := range in.heldIn {
		out = append(out, AgendaItem{At: d.HeldUntil, MessageID: d.MessageID, DeliveryID: d.ID, To: d.To, Body: d.Body,
			State: d.State, Zone: d.Zone, Held: true,
			Status: lang.L("held from {{.When}}", map[string]any{"When": m.shortWhen(d.Due, d.Zone)})})
	}
	monthEnd := in.month.AddDate(0, 1, 0)
	for _, msg := range in.msgs {
		recurring := msg.RRule != ""
		for _, t := range occurrencesIn(msg, in.month, monthEnd) {
			f, judged := in.fc[keyOf(msg.ID, t)]
			onDay := !t.Before(from) && t.Before(to)
			if !judged {
				if onDay {
					out = append(out, AgendaItem{At: t, MessageID: msg.ID, To: recipientsText(msg.Recipients), Body: msg.Body,
						Status: lang.L("planned") + " · " + in.where(t), Recurring: recurring, Zone: msg.TZ})
				}
				continue
			}
			out = append(out, m.judged(msg, t, f, onDay, from, to, in.where)...)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].At.Before(out[j].At) })
	return out
}

// held reports whether the rules hold a pending delivery past its planned time.
func held(d scheduler.Delivery) bool {
	return (d.State == scheduler.Scheduled || d.State == scheduler.Retryable) && !d.HeldUntil.IsZero() &&
		d.HeldUntil.After(d.Due)
}

// judged is the agenda items of one judged occurrence (due at t) for the day
// [from, to): those leaving on time, those held (on their day, and where they
// leave) and those skipped.
func (m *Main) judged(msg scheduler.Message, t time.Time, f scheduler.Forecast, onDay bool, from, to time.Time,
	where func(time.Time) string) []AgendaItem {
	base := AgendaItem{At: t, MessageID: msg.ID, Body: msg.Body, Recurring: msg.RRule != "", Zone: msg.TZ}
	var out []AgendaItem
	if onDay && (f.Send > 0 || (len(f.Held) == 0 && len(f.Skipped) == 0)) {
		it := base
		it.To, it.Status = recipientsText(msg.Recipients), lang.L("planned")+" · "+where(t)
		if len(f.Held)+len(f.Skipped) > 0 {
			it.To = lang.N("{{.Count}} recipients", f.Send, map[string]any{"Count": l10n.Int(f.Send)}) + " · " + it.To
		}
		out = append(out, it)
	}
	byUntil := map[int64][]scheduler.ForecastHold{}
	for _, h := range f.Held {
		byUntil[h.Until.Unix()] = append(byUntil[h.Until.Unix()], h)
	}
	for _, hs := range byUntil {
		h := hs[0]
		var nums []string
		for _, x := range hs {
			nums = append(nums, x.To)
		}
		why := m.holdWhy(h, t, msg.TZ)
		if onDay {
			it := base
			it.To, it.Held = numbersText(nums, nil), true
			it.Status = lang.L("{{.Held}}: {{.Why}}", map[string]any{"Held": m.heldUntil(h.Until, msg.TZ), "Why": why})
			if !h.Until.Before(from) && h.Until.Before(to) {
				it.At = h.Until // later the same day
			}
			out = append(out, it)
		}
		if !h.Until.Before(from) && h.Until.Before(to) && !onDay {
			it := base
			it.At, it.To, it.Held = h.Until, numbersText(nums, nil), true
			it.Status = lang.L("held from {{.When}}", map[string]any{"When": m.shortWhen(t, msg.TZ)}) + ": " + why
			out = append(out, it)
		}
	}
	if onDay && len(f.Skipped) > 0 {
		var nums []string
		for _, s := range f.Skipped {
			nums = append(nums, s.To)
		}
		it := base
		it.To, it.Skipped = numbersText(nums, nil), true
		it.Status = lang.N("{{.Count}} will be skipped: {{.Reasons}}", len(f.Skipped),
			map[string]any{"Count": l10n.Int(len(f.Skipped)), "Reasons": skipSummary(f.Skipped)})
		out = append(out, it)
	}
	return out
}
