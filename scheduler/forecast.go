package scheduler

import (
	"context"
	"fmt"
	"time"

	"minuit/internal/minuit"
	"minuit/internal/usererr"
	"minuit/scheduler/compliance"
)

// Forecast is what the compliance rules will do with the next occurrence of a
// message, judged when it is planned or listed rather than when it falls due, so
// that the shop owner sees a Sunday campaign held until Monday, and the contacts
// it will skip, the moment it is saved. It reads the recipients' consent and zones
// as they stand now (a STOP reply shows at once) and the frequency cap against the
// marketing already sent; marketing planned between now and then is not counted,
// so a cap may still hold a few more at send time.
type Forecast struct {
	At         time.Time      // the occurrence judged; for birthdays the first to come; zero: none
	Recipients int            // numbers the occurrence goes to
	Send       int            // leave at their time
	Held       []ForecastHold // leave later
	Skipped    []ForecastSkip // will not leave
}

// ForecastHold is a recipient the rules hold past the occurrence's time.
type ForecastHold struct {
	To     string            `json:"to"`
	Until  time.Time         `json:"until"` // when it really leaves
	Reason compliance.Reason `json:"reason"`
	Note   string            `json:"note"` // the sentence the history will show
	// ClosedDay: quiet hours close the occurrence's whole day there (a Sunday or a
	// public holiday in France), rather than only its hour.
	ClosedDay bool `json:"closed_day,omitempty"`
}

// ForecastSkip is a recipient the rules will not send to.
type ForecastSkip struct {
	To     string            `json:"to"`
	Reason compliance.Reason `json:"reason"`
	Note   string            `json:"note"`
}

// Forecast judges m's next occurrence (each recipient's next birthday for a
// birthday message) after now, for every recipient dir resolves.
func (s *Store) Forecast(ctx context.Context, m Message, dir Directory, now time.Time) (Forecast, error) {
	fs, err := s.ForecastEach(ctx, m, dir, now, []time.Time{m.Next})
	if err != nil {
		return Forecast{}, err
	}
	return fs[0], nil
}

// ForecastEach judges several occurrences of m at once (the calendar's month),
// resolving its recipients and reading the rules once: one Forecast per time in
// at, in order. A birthday message is judged at each recipient's next birthday
// whatever at says.
func (s *Store) ForecastEach(ctx context.Context, m Message, dir Directory, now time.Time, at []time.Time) ([]Forecast, error) {
	rules, err := s.LoadRules(ctx)
	if err != nil {
		return nil, err
	}
	rcpts, problem := resolve(ctx, m.Recipients, dir)
	if problem != "" {
		// Say which recipient is wrong (an unknown group) as the plan check does.
		if errs, err := s.checkRecipients(ctx, m.Recipients); err == nil && len(errs) > 0 {
			return nil, errs
		}
		return nil, fmt.Errorf("scheduler: forecast message %d: %w", m.ID,
			usererr.Say(usererr.NewMsg("The recipients could not be read: {{.Problem}}", map[string]any{"Problem": problem})))
	}
	var numbers []string
	for _, r := range rcpts {
		if r.Number != "" {
			numbers = append(numbers, r.Number)
		}
	}
	var recent map[string][]time.Time
	if m.Kind == minuit.Marketing {
		if recent, err = s.recentMarketing(ctx, numbers, now.Add(-rules.Policy.Cap.Per)); err != nil {
			return nil, err
		}
	}
	out := make([]Forecast, len(at))
	for i, next := range at {
		if out[i], err = forecastOne(rules.Policy, m, rcpts, recent, next, now); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// forecastOne judges one occurrence, due at next, for the resolved recipients.
func forecastOne(p compliance.Policy, m Message, rcpts []minuit.Recipient, recent map[string][]time.Time, next, now time.Time) (Forecast, error) {
	f := Forecast{At: next}
	for _, r := range rcpts {
		if r.Number == "" {
			continue
		}
		at := next
		if m.Birthday {
			var err error
			if at, err = m.BirthdayAfter(r.Birthday, now); err != nil {
				return Forecast{}, err
			}
			if !at.IsZero() && (f.At.IsZero() || at.Before(f.At)) {
				f.At = at
			}
		}
		if at.IsZero() {
			continue
		}
		f.Recipients++
		var deadline time.Time
		if m.Window > 0 {
			deadline = at.Add(m.Window)
		}
		d := p.Decide(compliance.Delivery{Kind: m.Kind, Number: r.Number,
			Consent: r.Consent, NoMessagesAtAll: r.NoMessagesAtAll, Due: at,
			Deadline: deadline, RecentMarketing: recent[r.Number]})
		switch {
		case d.Action == compliance.Skip:
			f.Skipped = append(f.Skipped, ForecastSkip{To: r.Number, Reason: d.Reason, Note: d.Message})
		case d.Action == compliance.Hold && d.Until.After(at):
			f.Held = append(f.Held, ForecastHold{To: r.Number, Until: d.Until, Reason: d.Reason, Note: d.Message,
				ClosedDay: d.Reason == compliance.ReasonQuietHours && closedDay(p.Quiet, at.In(d.Until.Location()))})
		default:
			f.Send++
		}
	}
	return f, nil
}

// closedDay reports whether the quiet hours close t's whole local day (a day
// without a window, or a public holiday).
func closedDay(q compliance.QuietHours, t time.Time) bool {
	if w := q.Days[t.Weekday()]; w.End <= w.Start {
		return true
	}
	if q.Holidays == nil {
		return false
	}
	actual, observed, _ := q.Holidays.IsHoliday(t)
	return actual || observed
}

// ForecastDraft is Forecast for a message as typed, before it is saved: its next
// occurrence is where saving it would start it (AtNow: this minute).
func (s *Store) ForecastDraft(ctx context.Context, m Message, dir Directory) (Forecast, error) {
	if err := s.resolveNow(&m); err != nil {
		return Forecast{}, err
	}
	next, err := s.firstNext(&m)
	if err != nil {
		return Forecast{}, err
	}
	m.Next = next
	return s.Forecast(ctx, m, dir, s.Now())
}
