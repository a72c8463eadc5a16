package scheduler

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"minuit/internal/db"
)

// handOffWindow is the range of due times the engine hands to the provider's
// scheduler now; ok is false when hand-off is off or the provider cannot schedule.
func (e *Engine) handOffWindow(now time.Time) (from, to time.Time, ok bool) {
	if !e.cfg.HandOff || e.caps.ScheduleMax <= 0 {
		return time.Time{}, time.Time{}, false
	}
	// A little inside the provider's window: the request takes time to arrive.
	return now.Add(e.caps.ScheduleMin + time.Minute), now.Add(e.caps.ScheduleMax - time.Hour), true
}

// HandsOff reports whether this engine gives deliveries to the provider's scheduler:
// they then leave even when this computer is off.
func (e *Engine) HandsOff() bool {
	_, _, ok := e.handOffWindow(time.Time{})
	return ok
}

// handOffFailed delays the next hand-off after a failure that was not permanent:
// hand-offs are early, so they can wait; a delivery whose time comes meanwhile is
// sent from here.
func (e *Engine) handOffFailed(now time.Time) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.handOffFails++
	e.handOffAfter = now.Add(min(backoff(e.handOffFails), 15*time.Minute))
}

func (e *Engine) handOffAllowed(now time.Time) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	return !now.Before(e.handOffAfter)
}

func (e *Engine) handOffSucceeded() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.handOffFails = 0
}

// withdraw cancels at the provider the handed-off deliveries that a cancel, an edit
// or a STOP reply asked to withdraw, one provider message at a time.
func (e *Engine) withdraw(ctx context.Context) error {
	st := e.cfg.Store
	msgs, err := st.toWithdraw(ctx, 200)
	if err != nil || len(msgs) == 0 {
		return err
	}
	c, canCancel := e.cfg.Provider.(Canceller)
	var errs []error
	for pid, provider := range msgs {
		now := e.cfg.Clock.Now()
		var evs []Event
		switch {
		case !canCancel || provider != e.cfg.Provider.Name():
			why := fmt.Sprintf("it could not be withdrawn: it was handed to %s, which is no longer the provider; it will leave at its time", provider)
			evs, err = st.settleWithdraw(ctx, pid, withdrawRefused, why, now)
		default:
			cerr := c.Cancel(ctx, pid)
			switch {
			case cerr == nil:
				evs, err = st.settleWithdraw(ctx, pid, withdrawDone, "", now)
			case errors.Is(cerr, ErrAlreadySent):
				evs, err = st.settleWithdraw(ctx, pid, withdrawTooLate, "it had already left when it was cancelled", now)
			default:
				errs = append(errs, fmt.Errorf("scheduler: withdraw %s at the provider: %w", pid, cerr))
				continue
			}
		}
		e.emit(evs)
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

type withdrawOutcome int

const (
	withdrawDone    withdrawOutcome = iota // cancelled at the provider
	withdrawTooLate                        // it had already left
	withdrawRefused                        // it cannot be cancelled there
)

// toWithdraw returns provider messages with deliveries to withdraw, and the
// provider that holds each.
func (s *Store) toWithdraw(ctx context.Context, limit int) (map[string]string, error) {
	out := map[string]string{}
	err := s.eachRow(ctx, `SELECT DISTINCT provider_id, provider FROM deliveries
		WHERE state = 'handed_off' AND withdraw <> '' LIMIT ?`, []any{limit}, func(r *sql.Rows) error {
		var pid, provider string
		if err := r.Scan(&pid, &provider); err != nil {
			return err
		}
		out[pid] = provider
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("scheduler: read what to withdraw: %w", err)
	}
	return out, nil
}

// settleWithdraw records what the provider said about withdrawing message pid.
// Done: the deliveries asked to be withdrawn reach their final state (cancelled or
// skipped), and their companions in the same provider message go back to
// scheduled, to be handed off again. Too late: they were sent (error says the
// cancel came too late). Refused: they stay handed off, error says why.
func (s *Store) settleWithdraw(ctx context.Context, pid string, o withdrawOutcome, why string, now time.Time) ([]Event, error) {
	t := db.FormatTime(now)
	var evs []Event
	err := db.InTx(ctx, s.db.W, func(tx *sql.Tx) error {
		var q string
		var args []any
		switch o {
		case withdrawDone:
			if _, err := tx.ExecContext(ctx, `UPDATE deliveries SET state = 'scheduled', reference = '', provider_id = '',
				sent_at = '', handed_off_at = '', check_at = '', updated_at = ?
				WHERE provider_id = ? AND state = 'handed_off' AND withdraw = ''`, t, pid); err != nil {
				return fmt.Errorf("scheduler: put back the rest of a withdrawn message: %w", err)
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM deliveries WHERE provider_id = ? AND state = 'handed_off'
				AND withdraw = ?`, pid, withdrawReplace); err != nil {
				return fmt.Errorf("scheduler: remove a replaced delivery: %w", err)
			}
			q = `UPDATE deliveries SET state = withdraw, withdraw = '', sent_at = '', check_at = '', final_at = ?, updated_at = ?
				WHERE provider_id = ? AND state = 'handed_off' AND withdraw <> '' RETURNING id, message_id, recipient, error`
			args = []any{t, t, pid}
		case withdrawTooLate:
			q = `UPDATE deliveries SET state = 'sent', withdraw = '', error = ?, updated_at = ?
				WHERE provider_id = ? AND state = 'handed_off' AND withdraw <> '' RETURNING id, message_id, recipient, error`
			args = []any{why, t, pid}
		default:
			q = `UPDATE deliveries SET withdraw = '', error = ?, updated_at = ?
				WHERE provider_id = ? AND state = 'handed_off' AND withdraw <> '' RETURNING id, message_id, recipient, error`
			args = []any{why, t, pid}
		}
		rows, err := tx.QueryContext(ctx, q, args...)
		if err != nil {
			return fmt.Errorf("scheduler: record a withdrawal: %w", err)
		}
		defer rows.Close()
		kind := map[withdrawOutcome]EventKind{withdrawDone: EventWithdrawn, withdrawTooLate: EventAlreadySent,
			withdrawRefused: EventAlreadySent}[o]
		for rows.Next() {
			ev := Event{Kind: kind, At: now}
			if err := rows.Scan(&ev.DeliveryID, &ev.MessageID, &ev.To, &ev.Reason); err != nil {
				return fmt.Errorf("scheduler: record a withdrawal: %w", err)
			}
			evs = append(evs, ev)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	return evs, nil
}

// withdrawReplace is the withdraw target of a delivery an edit replaces: once
// withdrawn at the provider it is deleted, and the edited plan takes its place.
const withdrawReplace State = "replaced"

// withdrawHandedOffTx asks the engine to withdraw the handed-off deliveries that
// match where, ending them in state (cancelled, skipped, or withdrawReplace) with
// the reason why.
func withdrawHandedOffTx(ctx context.Context, tx *sql.Tx, now string, state State, why, policy, where string, args ...any) error {
	_, err := tx.ExecContext(ctx, `UPDATE deliveries SET withdraw = ?, error = ?, policy_reason = ?, policy_note = ?,
		updated_at = ? WHERE state = 'handed_off' AND withdraw = '' AND `+where,
		append([]any{string(state), why, policy, why, now}, args...)...)
	if err != nil {
		return fmt.Errorf("scheduler: withdraw handed-off deliveries: %w", err)
	}
	return nil
}

// HandedOffCounts returns, per message, how many of its deliveries the provider's
// scheduler holds now.
func (s *Store) HandedOffCounts(ctx context.Context) (map[int64]int, error) {
	out := map[int64]int{}
	err := s.eachRow(ctx, `SELECT message_id, count(*) FROM deliveries WHERE state = 'handed_off' GROUP BY message_id`, nil,
		func(r *sql.Rows) error {
			var id int64
			var n int
			if err := r.Scan(&id, &n); err != nil {
				return err
			}
			out[id] = n
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("scheduler: count handed-off deliveries: %w", err)
	}
	return out, nil
}
