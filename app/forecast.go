package app

import (
	"context"
	"time"

	"minuit/scheduler"
)

// forecastJSON is what `list --json` says the compliance rules will do with a
// message's next occurrence, as soon as it is planned (scheduler.Forecast).
type forecastJSON struct {
	At         string                   `json:"at"` // RFC 3339
	Recipients int                      `json:"recipients"`
	Send       int                      `json:"send"` // leave at their time
	Held       []scheduler.ForecastHold `json:"held"` // each with the time it really leaves and why
	Skipped    []scheduler.ForecastSkip `json:"skipped"`
}

// forecasts judges the next occurrence of each active message with one to come.
func (e *env) forecasts(ctx context.Context, ms []scheduler.Message, now time.Time) (map[int64]forecastJSON, error) {
	out := map[int64]forecastJSON{}
	dir := e.directory()
	for _, m := range ms {
		if m.Status != scheduler.MessageActive || (m.Next.IsZero() && !m.Birthday) {
			continue
		}
		f, err := e.store.Forecast(ctx, m, dir, now)
		if err != nil {
			return nil, err
		}
		if f.At.IsZero() {
			continue
		}
		j := forecastJSON{At: f.At.UTC().Format(time.RFC3339), Recipients: f.Recipients, Send: f.Send,
			Held: f.Held, Skipped: f.Skipped}
		if j.Held == nil {
			j.Held = []scheduler.ForecastHold{}
		}
		if j.Skipped == nil {
			j.Skipped = []scheduler.ForecastSkip{}
		}
		out[m.ID] = j
	}
	return out, nil
}
