package automation

import (
	"context"
	"fmt"
	"time"

	"minuit/internal/db"
	"minuit/scheduler"
)

// Stats is what an automation has done: its texts by outcome, the events it did
// not send by reason, and when it last fired.
type Stats struct {
	Sent    int `json:"sent"`    // left (sent or delivered)
	Waiting int `json:"waiting"` // planned, not left yet
	Failed  int `json:"failed"`  // failed, expired, missed, unconfirmed or cancelled
	// Skipped counts the events not sent, by reason: the automation's own
	// (too-late, no-mobile-number, order-cancelled, text-refused) and the
	// compliance rules' (no-consent, opted-out, …).
	Skipped map[string]int `json:"skipped"`
	LastRun time.Time      `json:"last_run,omitzero"`
}

// Counts returns every automation's Stats (an automation that never fired has
// zero counts).
func Counts(ctx context.Context, st *scheduler.Store) (map[Name]Stats, error) {
	out := map[Name]Stats{}
	for _, n := range Names {
		out[n] = Stats{Skipped: map[string]int{}}
	}
	rows, err := st.DB().R.QueryContext(ctx, `SELECT f.automation, coalesce(d.state, ''),
		CASE WHEN f.outcome = 'skipped' THEN f.reason ELSE coalesce(d.policy_reason, '') END, count(*), max(f.fired_at)
		FROM automation_fires f LEFT JOIN deliveries d ON d.message_id = f.message_id
		GROUP BY 1, 2, 3`)
	if err != nil {
		return nil, fmt.Errorf("automation: counts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var name, state, reason, last string
		var n int
		if err := rows.Scan(&name, &state, &reason, &n, &last); err != nil {
			return nil, fmt.Errorf("automation: counts: %w", err)
		}
		s, ok := out[Name(name)]
		if !ok {
			continue
		}
		switch scheduler.State(state) {
		case scheduler.Sent, scheduler.Delivered:
			s.Sent += n
		case scheduler.Skipped:
			s.Skipped[reason] += n
		case scheduler.Failed, scheduler.Expired, scheduler.Missed, scheduler.Unconfirmed, scheduler.Cancelled:
			s.Failed += n
		default:
			s.Waiting += n
		}
		if t, err := db.ParseTime(last); err == nil && t.After(s.LastRun) {
			s.LastRun = t
		}
		out[Name(name)] = s
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("automation: counts: %w", err)
	}
	return out, nil
}
