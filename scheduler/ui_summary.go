package scheduler

import (
	"context"
	"fmt"
	"time"

	"minuit/internal/db"
)

// Summary counts the deliveries planned in a range, for the history's header.
type Summary struct {
	Total     int
	Sent      int // accepted by the provider, delivered or not yet known
	Delivered int
	Failed    int // failed, expired, missed or unconfirmed
	Waiting   int // scheduled, sending or retrying
}

// Rate is delivered over sent (0 when nothing was sent).
func (s Summary) Rate() float64 {
	if s.Sent == 0 {
		return 0
	}
	return float64(s.Delivered) / float64(s.Sent)
}

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
	rows, err := s.db.R.QueryContext(ctx, `SELECT state, count(*) FROM deliveries
		WHERE occurrence >= ? AND occurrence < ? GROUP BY state`, lo, hi)
	if err != nil {
		return Summary{}, fmt.Errorf("scheduler: summary: %w", err)
	}
	defer rows.Close()
	var out Summary
	for rows.Next() {
		var st State
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return Summary{}, fmt.Errorf("scheduler: summary: %w", err)
		}
		out.Total += n
		switch st {
		case Sent:
			out.Sent += n
		case Delivered:
			out.Sent += n
			out.Delivered += n
		case Failed, Expired, Missed, Unconfirmed:
			out.Failed += n
		case Scheduled, Sending, Retryable:
			out.Waiting += n
		}
	}
	return out, rows.Err()
}
