package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2/lang"

	"minuit/scheduler"
)

type calData struct {
	month  monthInput
	agenda agendaInput
	births []birthdayOcc
}

// Reload reads the month and the selected day off the UI goroutine. Each reload
// has a generation: the result of an older one, come late, is dropped, so a month
// never shows another's figures.
func (c *Calendar) Reload() {
	c.gen++
	gen, month, day, loc, st := c.gen, c.Month, c.selectedDay(), c.m.loc, c.m.deps.Store
	br, _ := c.m.deps.Contacts.(BirthdayResolver)
	fc := c.forecasts
	background(c.m.tk, func(ctx context.Context) (calData, error) {
		counts, err := st.MonthCounts(ctx, month.Year(), month.Month(), loc)
		if err != nil {
			return calData{}, err
		}
		lines, err := st.MonthMessages(ctx, month.Year(), month.Month(), loc)
		if err != nil {
			return calData{}, err
		}
		heldMoves, err := st.HeldFrom(ctx, month)
		if err != nil {
			return calData{}, err
		}
		msgs, err := st.Messages(ctx, false)
		if err != nil {
			return calData{}, err
		}
		ds, _, err := st.History(ctx, scheduler.HistoryQuery{From: day, To: day.AddDate(0, 0, 1), Limit: 500})
		if err != nil {
			return calData{}, err
		}
		heldIn, err := st.HeldInto(ctx, day, day.AddDate(0, 0, 1))
		if err != nil {
			return calData{}, err
		}
		bs, err := birthdaysIn(ctx, br, msgs, month, month.AddDate(0, 1, 0))
		if err != nil {
			return calData{}, err
		}
		snd, err := c.m.sending(ctx)
		if err != nil {
			return calData{}, err
		}
		now := c.m.deps.Now()
		where := func(at time.Time) string { return snd.from(at, now) }
		return calData{
			month:  monthInput{counts: counts, lines: lines, held: heldMoves, msgs: msgs, births: bs, fc: fc},
			agenda: agendaInput{ds: ds, heldIn: heldIn, msgs: msgs, fc: fc, month: month, where: where},
			births: bs,
		}, nil
	}, func(d calData, err error) {
		if gen != c.gen {
			return // a newer reload is under way
		}
		if err != nil {
			c.Status.SetText(lang.L("Could not read the calendar: {{.Why}}", map[string]any{"Why": plainError(err)}))
			return
		}
		c.data, c.msgs, c.selected = d, d.month.msgs, -1
		c.Status.SetText("")
		c.build()
		c.judge(gen)
	})
}

// build computes the month plan and the day's agenda from what was read and the
// forecasts known, and shows them.
func (c *Calendar) build() {
	d := c.data
	d.month.fc, d.agenda.fc = c.forecasts, c.forecasts
	c.Plan = monthPlan(d.month, c.Month.Year(), c.Month.Month(), c.m.loc)
	c.Agenda = withBirthdays(c.m.dayAgenda(d.agenda, c.selectedDay()), d.births, c.selectedDay(), c.m.loc)
	c.render()
}

// judge asks, off the UI goroutine, what the compliance rules will do with the
// month's occurrences still to come that are not judged yet, then shows each where
// it will really leave. One judging runs at a time; a request meanwhile runs after.
func (c *Calendar) judge(gen int) {
	fc := c.m.deps.Forecast
	if fc == nil {
		return
	}
	if c.judging {
		c.rejudge = true
		return
	}
	type job struct {
		msg scheduler.Message
		at  []time.Time
	}
	var jobs []job
	from, to := c.Month, c.Month.AddDate(0, 1, 0)
	for _, m := range c.msgs {
		var at []time.Time
		for _, t := range occurrencesIn(m, from, to) {
			if _, ok := c.forecasts[keyOf(m.ID, t)]; !ok {
				at = append(at, t)
			}
		}
		if len(at) > 0 {
			jobs = append(jobs, job{m, at})
		}
	}
	if len(jobs) == 0 {
		return
	}
	c.judging = true
	background(c.m.tk, func(ctx context.Context) (map[occKey]scheduler.Forecast, error) {
		out := map[occKey]scheduler.Forecast{}
		for _, j := range jobs {
			fs, err := fc.Each(ctx, j.msg, j.at)
			if err != nil {
				continue // unresolvable recipients: the occurrence shows as planned, the sender will say why
			}
			for i, f := range fs {
				out[keyOf(j.msg.ID, j.at[i])] = f
			}
		}
		return out, ctx.Err()
	}, func(got map[occKey]scheduler.Forecast, err error) {
		c.judging = false
		if err == nil && gen == c.gen {
			for k, f := range got {
				c.forecasts[k] = f
			}
			c.build()
		}
		if c.rejudge {
			c.rejudge = false
			c.judge(c.gen)
		}
	})
}

// forget drops the judged occurrences: the plan, the consent or the rules changed.
func (c *Calendar) forget() { c.forecasts = map[occKey]scheduler.Forecast{} }
