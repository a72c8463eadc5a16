package scheduler

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"minuit/internal/db"
	"minuit/internal/usererr"
)

// StateError refuses what was asked of a message or delivery because of where it
// stands (it already left, it is already cancelled…); nothing was changed. The
// sentence says so.
type StateError struct {
	What string // "message" or "delivery"
	ID   int64
	Text string
	Msg  usererr.Msg // Text for the translation catalogue
}

func (e *StateError) Error() string { return e.Text }

// Sentence implements usererr.Sentencer.
func (e *StateError) Sentence() string { return e.Text }

// Messages implements usererr.Messager.
func (e *StateError) Messages() []usererr.Msg { return []usererr.Msg{e.Msg} }

// refused is a StateError; format is the catalogue's key (usererr.Msgf).
func refused(what string, id int64, format string, args ...any) error {
	m := usererr.Msgf(format, args...)
	return &StateError{What: what, ID: id, Text: m.String(), Msg: m}
}

// CancelMessage stops a message: nothing more is planned, its deliveries that have
// not left yet (scheduled or waiting to retry) are cancelled, and those handed off
// to the provider are withdrawn there. A message already cancelled, or finished with
// nothing left to send, is refused with a StateError and left as it is, so that
// what was sent keeps its history.
func (s *Store) CancelMessage(ctx context.Context, id int64) error {
	return db.InTx(ctx, s.db.W, func(tx *sql.Tx) error {
		var status MessageStatus
		var tz string
		err := tx.QueryRowContext(ctx, `SELECT status, tz FROM messages WHERE id = ?`, id).Scan(&status, &tz)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("message", id)
		} else if err != nil {
			return fmt.Errorf("scheduler: cancel message: %w", err)
		}
		switch status {
		case MessageCancelled:
			return refused("message", id, "Message %d is already cancelled; nothing was changed.", id)
		case MessageDone:
			var pending, sending int
			var last string
			err := tx.QueryRowContext(ctx, `SELECT coalesce(sum(state IN ('scheduled', 'retryable', 'handed_off')), 0),
				coalesce(sum(state = 'sending'), 0), coalesce(max(nullif(sent_at, '')), '')
				FROM deliveries WHERE message_id = ?`, id).Scan(&pending, &sending, &last)
			if err != nil {
				return fmt.Errorf("scheduler: cancel message: %w", err)
			}
			switch {
			case pending > 0:
			case sending > 0:
				return refused("message", id, "Message %d is being sent right now; nothing was changed.", id)
			case last != "":
				return refused("message", id, "Message %d already left (last%s); nothing was changed.", id, atWall(last, tz))
			default:
				return refused("message", id, "Message %d has nothing left to send; nothing was changed.", id)
			}
		}
		now := s.now()
		if _, err := tx.ExecContext(ctx, `UPDATE messages SET status = 'cancelled', next_at = '', updated_at = ? WHERE id = ?`,
			now, id); err != nil {
			return fmt.Errorf("scheduler: cancel message: %w", err)
		}
		return cancelPendingTx(ctx, tx, now, `message_id = ?`, id)
	})
}

// CancelDelivery cancels one delivery that has not left: scheduled, waiting to
// retry, or unconfirmed (the user drops it rather than send it again); one handed
// off to the provider is withdrawn there. Any other is refused with a StateError
// that says where it stands, and left as it is: a delivery that left, failed or
// was missed keeps its state, so reports stay true.
func (s *Store) CancelDelivery(ctx context.Context, id int64) error {
	return db.InTx(ctx, s.db.W, func(tx *sql.Tx) error {
		var st State
		var sentAt, finalAt, tz string
		err := tx.QueryRowContext(ctx, `SELECT d.state, d.sent_at, d.final_at, m.tz FROM deliveries d
			JOIN messages m ON m.id = d.message_id WHERE d.id = ?`, id).Scan(&st, &sentAt, &finalAt, &tz)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("delivery", id)
		} else if err != nil {
			return fmt.Errorf("scheduler: cancel delivery: %w", err)
		}
		switch st {
		case Scheduled, Retryable, Unconfirmed:
		case HandedOff:
			return withdrawHandedOffTx(ctx, tx, s.now(), Cancelled, "cancelled", "", `id = ?`, id)
		case Sending:
			return refused("delivery", id, "Delivery %d is being sent right now; nothing was changed.", id)
		case Sent, Delivered, Expired:
			return refused("delivery", id, "Delivery %d already left%s; nothing was changed.", id, atWall(sentAt, tz))
		case Failed:
			return refused("delivery", id, "Delivery %d already failed%s; there is nothing to cancel.", id, atWall(finalAt, tz))
		case Missed:
			return refused("delivery", id, "Delivery %d was missed%s; there is nothing to cancel.", id, atWall(finalAt, tz))
		case Skipped:
			return refused("delivery", id, "Delivery %d was not sent (compliance rules); there is nothing to cancel.", id)
		case Cancelled:
			return refused("delivery", id, "Delivery %d is already cancelled; nothing was changed.", id)
		default:
			return refused("delivery", id, "Delivery %d is %s and cannot be cancelled; nothing was changed.", id, st)
		}
		now := s.now()
		if _, err := tx.ExecContext(ctx, `UPDATE deliveries SET state = 'cancelled', final_at = ?, updated_at = ? WHERE id = ?`,
			now, now, id); err != nil {
			return fmt.Errorf("scheduler: cancel delivery: %w", err)
		}
		return nil
	})
}

// cancelPendingTx cancels the deliveries matching where that were not claimed yet,
// and asks the engine to withdraw those handed off to the provider's scheduler.
func cancelPendingTx(ctx context.Context, tx *sql.Tx, now, where string, args ...any) error {
	_, err := tx.ExecContext(ctx, `UPDATE deliveries SET state = 'cancelled', final_at = ?, updated_at = ?
		WHERE state IN ('scheduled', 'retryable') AND `+where, append([]any{now, now}, args...)...)
	if err != nil {
		return fmt.Errorf("scheduler: cancel deliveries: %w", err)
	}
	return withdrawHandedOffTx(ctx, tx, now, Cancelled, "cancelled", "", where, args...)
}

// SendAgain puts a failed, missed, expired or unconfirmed delivery back in the queue,
// due now, with a fresh reference at its next claim. The deadline is lifted: the
// user asked for it explicitly. An unknown id is a NotFoundError, any other state a
// StateError.
func (s *Store) SendAgain(ctx context.Context, id int64) error {
	return db.InTx(ctx, s.db.W, func(tx *sql.Tx) error {
		var st State
		err := tx.QueryRowContext(ctx, `SELECT state FROM deliveries WHERE id = ?`, id).Scan(&st)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("delivery", id)
		} else if err != nil {
			return fmt.Errorf("scheduler: send again: %w", err)
		}
		switch st {
		case Failed, Missed, Expired, Unconfirmed:
		default:
			return refused("delivery", id, "Delivery %d is %s; only failed, missed, expired or unconfirmed ones can be sent again.",
				id, stateWords(st))
		}
		now := s.now()
		if _, err := tx.ExecContext(ctx, `UPDATE deliveries SET state = 'scheduled', due = ?, deadline = '', attempts = 0,
			uncertain = 0, error = '', final_at = '', updated_at = ? WHERE id = ?`, now, now, id); err != nil {
			return fmt.Errorf("scheduler: send again: %w", err)
		}
		return nil
	})
}

// stateWords is a state as it reads inside a sentence.
func stateWords(st State) string {
	switch st {
	case Scheduled:
		return "scheduled"
	case Sending:
		return "being sent"
	case HandedOff:
		return "with the provider"
	case Retryable:
		return "waiting to retry"
	case Sent:
		return "sent"
	case Delivered:
		return "delivered"
	case Cancelled:
		return "cancelled"
	case Skipped:
		return "not sent (compliance rules)"
	}
	return string(st)
}

// atWall writes a stored time as " at YYYY-MM-DD HH:MM" in zone tz (UTC when tz is
// unknown), as every time in an error is written; "" when there is none.
func atWall(stored, tz string) string {
	t, err := db.ParseTime(stored)
	if err != nil || t.IsZero() {
		return ""
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		loc = time.UTC
	}
	return " at " + t.In(loc).Format(WallLayout)
}
