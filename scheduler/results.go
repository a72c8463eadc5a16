package scheduler

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"time"

	"minuit/internal/db"
)

// Retry policy: attempt⁴ seconds ± 10 %, at most maxBackoff, at most MaxAttempts tries.
const (
	MaxAttempts = 8
	maxBackoff  = time.Hour
)

// backoff is the wait after the given failed attempt (1-based).
func backoff(attempt int) time.Duration {
	d := time.Duration(math.Pow(float64(attempt), 4)) * time.Second
	if d > maxBackoff || d <= 0 {
		d = maxBackoff
	}
	jitter := 0.9 + 0.2*rand.Float64()
	return time.Duration(float64(d) * jitter)
}

// firstCheck is when the first delivery report is asked for after a send.
const firstCheck = 10 * time.Second

// checkFor is how long reports are polled; after that the delivery stays `sent`.
const checkFor = 48 * time.Hour

// RecordSent marks a request's deliveries sent. Recipients the provider did not list
// are failed with that reason, never left hanging.
func (s *Store) RecordSent(ctx context.Context, j job, acc Accepted, now time.Time) ([]Event, error) {
	listed := map[string]bool{}
	for _, r := range acc.Recipients {
		listed[digits(r)] = true
	}
	var evs []Event
	err := db.InTx(ctx, s.db.W, func(tx *sql.Tx) error {
		t := db.FormatTime(now)
		for _, c := range j.rows {
			if len(listed) > 0 && !listed[digits(c.Recipient)] {
				if err := s.finishTx(ctx, tx, c, Failed, "the provider did not accept this number", now); err != nil {
					return err
				}
				evs = append(evs, eventFor(EventFailed, c, "the provider did not accept this number", now))
				continue
			}
			state, sentAt, handedAt, kind := Sent, now, "", EventSent
			if !j.SendAt.IsZero() {
				state, sentAt, handedAt, kind = HandedOff, j.SendAt, t, EventHandedOff
			}
			_, err := tx.ExecContext(ctx, `UPDATE deliveries SET state = ?, provider_id = ?, reference = ?, sent_at = ?,
				handed_off_at = ?, check_at = ?, checks = 0, uncertain = 0, error = '', updated_at = ?
				WHERE id = ? AND state = 'sending'`,
				state, acc.ID, j.Reference, db.FormatTime(sentAt), handedAt, db.FormatTime(sentAt.Add(firstCheck)), t, c.ID)
			if err != nil {
				return fmt.Errorf("scheduler: record sent: %w", err)
			}
			evs = append(evs, eventFor(kind, c, "", now))
		}
		return nil
	})
	if err != nil {
		return nil, err // nothing was recorded: the next pass reports it
	}
	return evs, nil
}

// RecordFailure records a failed attempt for each of a request's deliveries and
// decides what comes next: a retry after backoff (or after the wait the provider
// asked for), failed, or missed when the retry would come after the deadline. The
// request's deliveries share one retry time, so that they travel together again. A
// hand-off that failed for a reason that is not permanent stays scheduled for its
// due time: the engine tries the hand-off again later, or sends it from here.
func (s *Store) RecordFailure(ctx context.Context, j job, cause error, now time.Time) ([]Event, error) {
	class, reason := Classify(cause), Reason(cause)
	wait := RetryAfter(cause)
	if wait <= 0 && len(j.rows) > 0 {
		wait = backoff(j.rows[0].Attempts)
	}
	next := now.Add(wait)
	var evs []Event
	err := db.InTx(ctx, s.db.W, func(tx *sql.Tx) error {
		for _, c := range j.rows {
			if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO delivery_attempts (delivery_id, attempt, at, reference, error)
				VALUES (?, ?, ?, ?, ?)`, c.ID, c.Attempts, db.FormatTime(now), j.Reference,
				class.String()+": "+cause.Error()); err != nil {
				return fmt.Errorf("scheduler: record attempt: %w", err)
			}
			switch {
			case class != Permanent && !j.SendAt.IsZero():
				_, err := tx.ExecContext(ctx, `UPDATE deliveries SET state = 'scheduled', attempts = attempts - 1, error = ?,
					uncertain = ?, updated_at = ? WHERE id = ? AND state = 'sending'`,
					"the hand-off to the provider failed; it will be tried again: "+reason, boolInt(class == Ambiguous),
					db.FormatTime(now), c.ID)
				if err != nil {
					return fmt.Errorf("scheduler: record a failed hand-off: %w", err)
				}
			case class == Permanent:
				evs = append(evs, eventFor(EventFailed, c, reason, now))
				if err := s.finishTx(ctx, tx, c, Failed, reason, now); err != nil {
					return err
				}
			case c.Attempts >= MaxAttempts:
				why := fmt.Sprintf("gave up after %d attempts: %s", c.Attempts, reason)
				evs = append(evs, eventFor(EventFailed, c, why, now))
				if err := s.finishTx(ctx, tx, c, Failed, why, now); err != nil {
					return err
				}
			case !c.Deadline.IsZero() && !next.Before(c.Deadline):
				why := "its deadline passed while retrying: " + reason
				evs = append(evs, eventFor(EventMissed, c, why, now))
				if err := s.finishTx(ctx, tx, c, Missed, why, now); err != nil {
					return err
				}
			default:
				_, err := tx.ExecContext(ctx, `UPDATE deliveries SET state = 'retryable', due = ?, error = ?, uncertain = ?,
					updated_at = ? WHERE id = ? AND state = 'sending'`,
					db.FormatTime(next), reason, boolInt(class == Ambiguous), db.FormatTime(now), c.ID)
				if err != nil {
					return fmt.Errorf("scheduler: record retry: %w", err)
				}
				evs = append(evs, eventFor(EventRetrying, c, reason, now))
			}
		}
		return nil
	})
	if err != nil {
		return nil, err // nothing was recorded: the next pass reports it
	}
	return evs, nil
}

func (s *Store) finishTx(ctx context.Context, tx *sql.Tx, c claimed, st State, reason string, now time.Time) error {
	t := db.FormatTime(now)
	_, err := tx.ExecContext(ctx, `UPDATE deliveries SET state = ?, error = ?, final_at = ?, check_at = '', updated_at = ?
		WHERE id = ?`, st, reason, t, t, c.ID)
	if err != nil {
		return fmt.Errorf("scheduler: record %s: %w", st, err)
	}
	return nil
}

// digits keeps the digits of a number: providers drop the "+".
func digits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}
