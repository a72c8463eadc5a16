package scheduler

import (
	"context"
	"fmt"
	"time"

	"minuit/internal/db"
)

// Summary counts the deliveries planned in a range, for the history's header, by
// the figures of DayOutcomes (see figures.go); Day is unused.
type Summary struct {
	DayOutcomes
	Sent int // accepted by the provider and left (AcceptedSQL), whatever came after
}

// Rate is the delivery rate (DeliveryRate): delivered over sent.
func (s Summary) Rate() float64 { return DeliveryRate(s.Delivered, s.Sent) }

// Summary counts the deliveries whose planned time is in [from, to); a zero bound
// is open. One scan of the history index.
func (s *Store) Summary(ctx context.Context, from, to time.Time) (Summary, error) {
	lo, hi := "", "9999"
	if !from.IsZero() {
		lo = db.FormatTime(from)
	}
	if !to.IsZero() {
		hi = db.FormatTime(to)
	}
	rows, err := s.db.R.QueryContext(ctx, `SELECT state, count(*), sum(`+AcceptedSQL+`) FROM deliveries
		WHERE occurrence >= ? AND occurrence < ? GROUP BY state`, lo, hi)
	if err != nil {
		return Summary{}, fmt.Errorf("scheduler: summary: %w", err)
	}
	defer rows.Close()
	var out Summary
	for rows.Next() {
		var st State
		var n, sent int
		if err := rows.Scan(&st, &n, &sent); err != nil {
			return Summary{}, fmt.Errorf("scheduler: summary: %w", err)
		}
		out.Add(st, n)
		out.Sent += sent
	}
	return out, rows.Err()
}
