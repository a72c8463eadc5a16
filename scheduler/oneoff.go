package scheduler

import (
	"context"
	"database/sql"
	"fmt"

	"minuit/internal/db"
	"minuit/scheduler/sms"
)

// RecordSkippedTx stores m (a one-off the shop's automations would have sent) as
// done, with one delivery to number ("" when there is none) already skipped with
// reason (a policy_reason code) and note (the sentence history shows), so that the
// history says what was not sent and why. It returns the message's id.
func (s *Store) RecordSkippedTx(ctx context.Context, tx *sql.Tx, m Message, number, reason, note string) (int64, error) {
	now := s.now()
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO messages
		(body, originator, kind, local_at, tz, rrule, birthday, window_s, status, cursor, next_at, created_at, updated_at, source)
		VALUES (?, ?, ?, ?, 'UTC', '', 0, 0, 'done', ?, '', ?, ?, ?) RETURNING id`,
		m.Body, m.Originator, m.Kind, s.Now().UTC().Format(WallLayout), now, now, now, m.Source).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("scheduler: save skipped message: %w", err)
	}
	if number != "" {
		if _, err := tx.ExecContext(ctx, `INSERT INTO message_recipients (message_id, kind, value) VALUES (?, 'number', ?)`,
			id, number); err != nil {
			return 0, fmt.Errorf("scheduler: save skipped message: %w", err)
		}
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO deliveries (message_id, occurrence, recipient, originator, kind, body,
		segments, state, due, error, policy_reason, policy_note, final_at, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, 'skipped', ?, ?, ?, ?, ?, ?, ?)`,
		id, now, number, m.Originator, m.Kind, m.Body, sms.Count(m.Body).Parts, now, note, reason, note, now, now, now)
	if err != nil {
		return 0, fmt.Errorf("scheduler: save skipped delivery: %w", err)
	}
	return id, nil
}

// InTx runs fn in one write transaction of the store's database.
func (s *Store) InTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	return db.InTx(ctx, s.db.W, fn)
}
