package scheduler

import (
	"context"
	"fmt"
	"time"

	"minuit/internal/db"
	"minuit/internal/minuit"
)

// AcceptedSQL is the one definition of "sent" in every figure Minuit shows (the
// Reports tab, `minuit report`, History's summary) and so of the delivery rate's
// denominator: the provider accepted the delivery (sent_at is set) and it left:
// sent and waiting for its report, delivered, or failed or expired at the
// operator. A delivery handed to the provider's scheduler that has not left yet is
// not sent, nor one queued again. report_totals.accepted is computed with it
// (reporttotals.go).
const AcceptedSQL = `(sent_at <> '' AND state IN ('sent', 'delivered', 'failed', 'expired'))`

// DeliveryRate is the one definition of the delivery rate: delivered over sent
// (AcceptedSQL), 0 when nothing was sent. History's summary, `minuit report` and
// the Reports tab all call it.
func DeliveryRate(delivered, sent int) float64 {
	if sent <= 0 {
		return 0
	}
	return float64(delivered) / float64(sent)
}

// OptOutRate is the opt-outs after a message over its deliveries sent
// (AcceptedSQL), 0 when nothing was sent.
func OptOutRate(optOuts, sent int) float64 { return DeliveryRate(optOuts, sent) }

// MessageReport is what became of one planned message's deliveries (or of all of a
// report's, in Report.Total), for an audit or to judge a campaign.
type MessageReport struct {
	MessageID  int64       `json:"message_id"`
	Kind       minuit.Kind `json:"kind"`
	Body       string      `json:"body"`
	FirstSent  time.Time   `json:"first_sent,omitzero"`
	Recipients int         `json:"recipients"` // deliveries created
	Pending    int         `json:"pending"`    // scheduled, sending, waiting to retry or with the provider's scheduler
	Sent       int         `json:"sent"`       // accepted by the provider and left (AcceptedSQL)
	Delivered  int         `json:"delivered"`
	Failed     int         `json:"failed"` // failed or expired
	Missed     int         `json:"missed"`
	Cancelled  int         `json:"cancelled"`
	// Unconfirmed: a crash left them unknown; the user decides.
	Unconfirmed int `json:"unconfirmed"`
	// Skipped counts the deliveries the compliance rules kept, by policy_reason.
	Skipped map[string]int `json:"skipped"`
	// OptOuts counts the STOP replies received from its recipients after it was
	// sent to them.
	OptOuts      int     `json:"opt_outs"`
	OptOutRate   float64 `json:"opt_out_rate"`  // OptOutRate(OptOuts, Sent)
	DeliveryRate float64 `json:"delivery_rate"` // DeliveryRate(Delivered, Sent)
	// Parts is the SMS parts of the deliveries sent; Cost is Parts × the price per
	// part of their provider and country (PriceTable), an estimate unless every
	// price was set by the user.
	Parts int     `json:"parts"`
	Cost  float64 `json:"cost"`
	// Orders and Revenue are what an Attribution (a connected shop) credits it with.
	Orders  int     `json:"orders,omitempty"`
	Revenue float64 `json:"revenue,omitempty"`
}

// SkippedTotal is the sum of Skipped.
func (r MessageReport) SkippedTotal() int {
	n := 0
	for _, v := range r.Skipped {
		n += v
	}
	return n
}

// Reports returns one report per message that has deliveries, newest message
// first; ids restricts it to those messages (none: every message). It is Report's
// Messages over all time.
func (s *Store) Reports(ctx context.Context, ids ...int64) ([]MessageReport, error) {
	r, err := s.Report(ctx, ReportQuery{MessageIDs: ids})
	return r.Messages, err
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
