package scheduler

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"minuit/internal/db"
)

// orphans returns the deliveries left `sending` that were claimed before `before`,
// grouped by request reference, skipping references still in flight.
func (s *Store) orphans(ctx context.Context, before time.Time, inFlight func(string) bool) ([]job, time.Time, error) {
	rows, err := s.db.R.QueryContext(ctx, `SELECT id, message_id, recipient, originator, body, kind, occurrence, deadline,
		attempts, reference, claimed_at, requested_at, due FROM deliveries WHERE state = 'sending' AND claimed_at < ? ORDER BY reference, id`,
		db.FormatTime(before))
	if err != nil {
		return nil, time.Time{}, fmt.Errorf("scheduler: find orphans: %w", err)
	}
	defer rows.Close()
	var jobs []job
	var oldest time.Time
	for rows.Next() {
		var c claimed
		var occ, deadline, ref, claimedAt, requestedAt, due string
		if err := rows.Scan(&c.ID, &c.MessageID, &c.Recipient, &c.Originator, &c.Body, &c.Kind, &occ, &deadline,
			&c.Attempts, &ref, &claimedAt, &requestedAt, &due); err != nil {
			return nil, time.Time{}, fmt.Errorf("scheduler: find orphans: %w", err)
		}
		if inFlight(ref) {
			continue
		}
		t, err := db.ParseTime(claimedAt)
		if err != nil {
			return nil, time.Time{}, fmt.Errorf("scheduler: find orphans: delivery %d: %w", c.ID, err)
		}
		if err := c.parseTimes(occ, deadline, due, t); err != nil {
			return nil, time.Time{}, err
		}
		if oldest.IsZero() || t.Before(oldest) {
			oldest = t
		}
		if n := len(jobs); n == 0 || jobs[n-1].Reference != ref {
			jobs = append(jobs, job{Batch: Batch{Reference: ref, Originator: c.Originator, Body: c.Body, Kind: c.Kind,
				SendAt: c.SendAt},
				requested: requestedAt != ""})
		}
		j := &jobs[len(jobs)-1]
		j.rows = append(j.rows, c)
		j.Recipients = append(j.Recipients, c.Recipient)
	}
	return jobs, oldest, rows.Err()
}

// markUnconfirmed records that the provider has no trace of a request that a crash
// interrupted: the user decides whether to send again.
func (s *Store) markUnconfirmed(ctx context.Context, j job, now time.Time) ([]Event, error) {
	why := "Minuit stopped while sending and the provider has no trace of this message: send it again or drop it"
	var evs []Event
	err := db.InTx(ctx, s.db.W, func(tx *sql.Tx) error {
		for _, c := range j.rows {
			if err := s.finishTx(ctx, tx, c, Unconfirmed, why, now); err != nil {
				return err
			}
			evs = append(evs, eventFor(EventUnconfirmed, c, why, now))
		}
		return nil
	})
	if err != nil {
		return nil, err // nothing was recorded: the next pass reports it
	}
	return evs, nil
}

// check is one delivery waiting for its report.
type check struct {
	ID, MessageID int64
	Recipient     string
	Checks        int
	SentAt        time.Time // for a handed-off delivery: when the provider sends it
	State         State     // sent or handed_off
}

// dueChecks returns deliveries whose report is due, grouped by provider message id.
func (s *Store) dueChecks(ctx context.Context, now time.Time, limit int) (map[string][]check, error) {
	rows, err := s.db.R.QueryContext(ctx, `SELECT id, message_id, provider_id, recipient, checks, sent_at, state FROM deliveries
		WHERE state IN ('sent', 'handed_off') AND check_at <> '' AND check_at <= ? ORDER BY check_at LIMIT ?`, db.FormatTime(now), limit)
	if err != nil {
		return nil, fmt.Errorf("scheduler: due reports: %w", err)
	}
	defer rows.Close()
	out := map[string][]check{}
	for rows.Next() {
		var c check
		var pid, sent string
		if err := rows.Scan(&c.ID, &c.MessageID, &pid, &c.Recipient, &c.Checks, &sent, &c.State); err != nil {
			return nil, fmt.Errorf("scheduler: due reports: %w", err)
		}
		c.SentAt, _ = db.ParseTime(sent)
		out[pid] = append(out[pid], c)
	}
	return out, rows.Err()
}

// recordStatus applies a provider's report to the deliveries of one message. A
// delivery with no final word is checked again later (backing off), until checkFor
// has passed: then it stays `sent`, which is the truth. A handed-off delivery the
// provider reports sent (pending) becomes `sent`; one still scheduled there after
// its time is checked again; one cancelled there (from its dashboard) is cancelled.
func (s *Store) recordStatus(ctx context.Context, cs []check, st []RecipientStatus, now time.Time) ([]Event, error) {
	byNum := map[string]RecipientStatus{}
	for _, r := range st {
		byNum[digits(r.Recipient)] = r
	}
	var evs []Event
	err := db.InTx(ctx, s.db.W, func(tx *sql.Tx) error {
		t := db.FormatTime(now)
		for _, c := range cs {
			r := byNum[digits(c.Recipient)]
			var state State
			var kind EventKind
			switch r.Status {
			case DLRDelivered:
				state, kind = Delivered, EventDelivered
			case DLRFailed:
				state, kind = Failed, EventFailed
			case DLRExpired:
				state, kind = Expired, EventExpired
			case DLRCancelled:
				state, kind = Cancelled, EventWithdrawn
				r.Reason = "cancelled at the provider"
			case DLRPending:
				if c.State == HandedOff {
					if _, err := tx.ExecContext(ctx, `UPDATE deliveries SET state = 'sent', updated_at = ?
						WHERE id = ? AND state = 'handed_off' AND withdraw = ''`, t, c.ID); err != nil {
						return fmt.Errorf("scheduler: record report: %w", err)
					}
				}
			}
			if state != "" {
				reason := r.Reason
				if state == Failed && reason == "" {
					reason = "the operator could not deliver it"
				}
				if _, err := tx.ExecContext(ctx, `UPDATE deliveries SET state = ?, error = ?, final_at = ?, check_at = '',
					checks = checks + 1, updated_at = ? WHERE id = ? AND state IN ('sent', 'handed_off')`, state, reason, t, t, c.ID); err != nil {
					return fmt.Errorf("scheduler: record report: %w", err)
				}
				evs = append(evs, Event{Kind: kind, DeliveryID: c.ID, MessageID: c.MessageID, To: c.Recipient, Reason: reason, At: now})
				continue
			}
			next := ""
			switch {
			case c.State == HandedOff && now.Before(c.SentAt):
				next = db.FormatTime(c.SentAt.Add(firstCheck)) // asked early (a restart): at its time
			case now.Sub(c.SentAt) < checkFor:
				next = db.FormatTime(now.Add(checkBackoff(c.Checks + 1)))
			}
			// A word on a message not final yet (a phone holding it past its time) is
			// kept where the user reads it.
			if _, err := tx.ExecContext(ctx, `UPDATE deliveries SET check_at = ?, checks = checks + 1, updated_at = ?,
				error = CASE WHEN ? <> '' THEN ? ELSE error END
				WHERE id = ? AND state IN ('sent', 'handed_off')`, next, t, r.Reason, r.Reason, c.ID); err != nil {
				return fmt.Errorf("scheduler: record report: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err // nothing was recorded: the next pass reports it
	}
	return evs, nil
}

// checkBackoff doubles from firstCheck up to 15 minutes.
func checkBackoff(checks int) time.Duration {
	d := firstCheck
	for i := 0; i < checks && d < 15*time.Minute; i++ {
		d *= 2
	}
	return min(d, 15*time.Minute)
}
