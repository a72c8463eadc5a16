package scheduler

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"minuit/internal/db"
)

// SkipOccurrence cancels one occurrence of a message ("only this one"): its
// deliveries not yet claimed are cancelled, and an occurrence still to come will
// never be created. The message's other occurrences are untouched.
func (s *Store) SkipOccurrence(ctx context.Context, id int64, at time.Time) error {
	m, err := s.Message(ctx, id)
	if err != nil {
		return err
	}
	return db.InTx(ctx, s.db.W, func(tx *sql.Tx) error {
		now := s.now()
		occ := db.FormatTime(at)
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO message_skips (message_id, occurrence) VALUES (?, ?)`, id, occ); err != nil {
			return fmt.Errorf("scheduler: skip occurrence: %w", err)
		}
		if err := cancelPendingTx(ctx, tx, now, `message_id = ? AND occurrence = ?`, id, occ); err != nil {
			return err
		}
		if !m.Next.Equal(at) {
			return nil
		}
		m.Skipped = append(m.Skipped, at)
		next, err := m.OccurrenceAfter(at)
		if err != nil {
			return err
		}
		status := MessageActive
		if next.IsZero() {
			status = MessageDone
		}
		_, err = tx.ExecContext(ctx, `UPDATE messages SET next_at = ?, status = ?, updated_at = ? WHERE id = ? AND status = 'active'`,
			fmtOpt(next), status, now, id)
		if err != nil {
			return fmt.Errorf("scheduler: skip occurrence: %w", err)
		}
		return nil
	})
}

func (m *Message) isSkipped(t time.Time) bool {
	for _, s := range m.Skipped {
		if s.Equal(t) {
			return true
		}
	}
	return false
}
