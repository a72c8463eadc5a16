package scheduler

import (
	"context"
	"fmt"
	"strings"
	"time"

	"minuit/internal/db"
)

// MessageReport is what became of one planned message's deliveries, for an audit
// or to judge a campaign.
type MessageReport struct {
	MessageID  int64     `json:"message_id"`
	Kind       Kind      `json:"kind"`
	Body       string    `json:"body"`
	FirstSent  time.Time `json:"first_sent,omitzero"`
	Recipients int       `json:"recipients"` // deliveries created
	Pending    int       `json:"pending"`    // scheduled, sending or waiting to retry
	Sent       int       `json:"sent"`       // accepted by the provider, whatever came after
	Delivered  int       `json:"delivered"`
	Failed     int       `json:"failed"` // failed or expired
	Missed     int       `json:"missed"`
	Cancelled  int       `json:"cancelled"`
	// Skipped counts the deliveries the compliance rules kept, by policy_reason.
	Skipped map[string]int `json:"skipped"`
	// OptOuts counts the STOP replies received from its recipients after it was
	// first sent to them.
	OptOuts      int     `json:"opt_outs"`
	OptOutRate   float64 `json:"opt_out_rate"`  // OptOuts / Sent
	DeliveryRate float64 `json:"delivery_rate"` // Delivered / Sent
}

// Reports returns one report per message that has deliveries, newest message
// first; ids restricts it to those messages (none: every message).
func (s *Store) Reports(ctx context.Context, ids ...int64) ([]MessageReport, error) {
	where, args := "", []any{}
	if len(ids) > 0 {
		where = ` WHERE d.message_id IN (?` + strings.Repeat(`, ?`, len(ids)-1) + `)`
		for _, id := range ids {
			args = append(args, id)
		}
	}
	rows, err := s.db.R.QueryContext(ctx, `SELECT d.message_id, m.kind, m.body, coalesce(min(nullif(d.sent_at, '')), ''),
		count(*),
		sum(d.state IN ('scheduled', 'sending', 'retryable')),
		sum(d.sent_at <> ''),
		sum(d.state = 'delivered'),
		sum(d.state IN ('failed', 'expired')),
		sum(d.state = 'missed'),
		sum(d.state = 'cancelled'),
		(SELECT count(DISTINCT r.id) FROM inbound_replies r JOIN deliveries x ON x.recipient = r.number
			WHERE x.message_id = d.message_id AND x.sent_at <> '' AND r.action = 'opt-out' AND r.received_at >= x.sent_at)
		FROM deliveries d JOIN messages m ON m.id = d.message_id`+where+`
		GROUP BY d.message_id ORDER BY d.message_id DESC`, args...)
	if err != nil {
		return nil, fmt.Errorf("scheduler: report: %w", err)
	}
	defer rows.Close()
	var out []MessageReport
	index := map[int64]int{}
	for rows.Next() {
		r := MessageReport{Skipped: map[string]int{}}
		var first string
		if err := rows.Scan(&r.MessageID, &r.Kind, &r.Body, &first, &r.Recipients, &r.Pending, &r.Sent, &r.Delivered,
			&r.Failed, &r.Missed, &r.Cancelled, &r.OptOuts); err != nil {
			return nil, fmt.Errorf("scheduler: report: %w", err)
		}
		r.FirstSent, _ = db.ParseTime(first)
		if r.Sent > 0 {
			r.DeliveryRate = float64(r.Delivered) / float64(r.Sent)
			r.OptOutRate = float64(r.OptOuts) / float64(r.Sent)
		}
		index[r.MessageID] = len(out)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("scheduler: report: %w", err)
	}
	rows.Close()
	skips, err := s.db.R.QueryContext(ctx, `SELECT d.message_id, d.policy_reason, count(*) FROM deliveries d
		WHERE d.state = 'skipped'`+strings.Replace(where, "WHERE", "AND", 1)+` GROUP BY d.message_id, d.policy_reason`, args...)
	if err != nil {
		return nil, fmt.Errorf("scheduler: report: %w", err)
	}
	defer skips.Close()
	for skips.Next() {
		var id int64
		var reason string
		var n int
		if err := skips.Scan(&id, &reason, &n); err != nil {
			return nil, fmt.Errorf("scheduler: report: %w", err)
		}
		if i, ok := index[id]; ok {
			out[i].Skipped[reason] = n
		}
	}
	if err := skips.Err(); err != nil {
		return nil, fmt.Errorf("scheduler: report: %w", err)
	}
	return out, nil
}

// Hold is why a message's pending deliveries wait beyond their planned time.
type Hold struct {
	Until      time.Time `json:"until"`  // the earliest held delivery's next allowed time
	Reason     string    `json:"reason"` // its policy_reason (quiet-hours, frequency-cap)
	Note       string    `json:"note"`   // the same in a sentence
	Deliveries int       `json:"deliveries"`
}

// Holds returns, per message, its pending deliveries held by the compliance rules,
// for `minuit list`.
func (s *Store) Holds(ctx context.Context) (map[int64]Hold, error) {
	rows, err := s.db.R.QueryContext(ctx, `SELECT message_id, min(held_until), policy_reason, policy_note, count(*)
		FROM deliveries WHERE state IN ('scheduled', 'retryable') AND held_until <> '' AND held_until = due
		GROUP BY message_id`)
	if err != nil {
		return nil, fmt.Errorf("scheduler: read held deliveries: %w", err)
	}
	defer rows.Close()
	out := map[int64]Hold{}
	for rows.Next() {
		var id int64
		var h Hold
		var until string
		if err := rows.Scan(&id, &until, &h.Reason, &h.Note, &h.Deliveries); err != nil {
			return nil, fmt.Errorf("scheduler: read held deliveries: %w", err)
		}
		h.Until, _ = db.ParseTime(until)
		out[id] = h
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("scheduler: read held deliveries: %w", err)
	}
	return out, nil
}
