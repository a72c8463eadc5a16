package scheduler

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"minuit/internal/db"
)

// poll asks the provider for the delivery reports that are due.
func (e *Engine) poll(ctx context.Context) error {
	st := e.cfg.Store
	due, err := st.dueChecks(ctx, e.cfg.Clock.Now(), 200)
	if err != nil {
		return err
	}
	var errs []error
	for pid, cs := range due {
		if ctx.Err() != nil {
			break
		}
		statuses, err := e.cfg.Provider.Status(ctx, pid)
		now := e.cfg.Clock.Now()
		var pe *ProviderError
		switch {
		case errors.As(err, &pe):
			// The provider cannot answer now: the reports are asked again later,
			// backing off (recorded below as a check with no word). After
			// ReadFailures in a row the user is told once that reports are unread.
			if ev, tell := e.reports.failed(pe.Reason, now); tell {
				e.cfg.OnEvent(ev)
			}
			statuses = nil
		case err != nil:
			// Not the provider's answer (a bug, a closed client): the pass reports
			// it, and the reports are asked again later all the same.
			errs = append(errs, fmt.Errorf("scheduler: read the delivery reports of %s: %w", pid, err))
			statuses = nil
		default:
			e.reports.worked()
		}
		evs, rerr := st.recordStatus(ctx, cs, statuses, now)
		e.emit(evs)
		errs = append(errs, rerr)
		var optedOut []string
		for _, s := range statuses {
			if s.OptedOut {
				optedOut = append(optedOut, e164(s.Recipient))
			}
		}
		if len(optedOut) > 0 && rerr == nil {
			evs, err := e.providerOptOut(ctx, optedOut, "the provider says the recipient replied STOP", now)
			e.emit(evs)
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
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
		if c.SentAt, err = db.ParseTime(sent); err != nil {
			return nil, fmt.Errorf("scheduler: due reports: delivery %d: %w", c.ID, err)
		}
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
