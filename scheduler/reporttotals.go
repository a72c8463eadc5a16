package scheduler

import (
	"context"
	"database/sql"
	"fmt"

	"minuit/internal/db"
)

// pendingStates are the states report_totals counts together as "pending": not
// sent yet (scheduled, sending, waiting to retry, with the provider's scheduler).
const pendingStates = `('scheduled', 'sending', 'retryable', 'handed_off')`

// foldSQL adds the journal's rows up to an id into report_totals: each row's key
// computed once here (the slot of its planned time, its state with the pending
// ones together, AcceptedSQL, the reason it was skipped, the provider that took
// it, its number's prefix), summed with its sign. A row's state, reason and
// provider are those of AcceptedSQL and the figures (figures.go).
const foldSQL = `INSERT INTO report_totals (slot, message_id, state, accepted, reason, provider, prefix, n, parts, first_sent)
	SELECT substr(occurrence, 1, 14) || printf('%02d', CAST(substr(occurrence, 15, 2) AS INTEGER) / 15 * 15),
		message_id,
		CASE WHEN state IN ` + pendingStates + ` THEN 'pending' ELSE state END,
		` + AcceptedSQL + `,
		CASE WHEN state = 'skipped' THEN policy_reason ELSE '' END,
		CASE WHEN ` + AcceptedSQL + ` THEN provider ELSE '' END,
		substr(recipient, 2, 3),
		sum(sign), sum(sign * segments),
		coalesce(min(CASE WHEN sign > 0 AND ` + AcceptedSQL + ` THEN sent_at END), '')
	FROM report_journal WHERE id <= ? GROUP BY 1, 2, 3, 4, 5, 6, 7
	ON CONFLICT DO UPDATE SET n = n + excluded.n, parts = parts + excluded.parts,
		first_sent = CASE WHEN first_sent = '' OR (excluded.first_sent <> '' AND excluded.first_sent < first_sent)
			THEN excluded.first_sent ELSE first_sent END`

// FoldReports brings report_totals up to date with the deliveries: it folds the
// changes the triggers wrote in report_journal (migration 0005) into it, in one
// transaction, and empties the journal. Every reader of report_totals calls it
// first; the background sender calls it every minute, so that the journal stays
// short. With nothing to fold it only reads.
func (s *Store) FoldReports(ctx context.Context) error {
	var changed bool
	if err := s.db.R.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM report_journal)`).Scan(&changed); err != nil {
		return fmt.Errorf("scheduler: fold reports: %w", err)
	}
	if !changed {
		return nil
	}
	return db.InTx(ctx, s.db.W, func(tx *sql.Tx) error {
		var last sql.NullInt64
		if err := tx.QueryRowContext(ctx, `SELECT max(id) FROM report_journal`).Scan(&last); err != nil {
			return fmt.Errorf("scheduler: fold reports: %w", err)
		}
		if !last.Valid {
			return nil // another process folded it meanwhile
		}
		if _, err := tx.ExecContext(ctx, foldSQL, last.Int64); err != nil {
			return fmt.Errorf("scheduler: fold reports: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM report_journal WHERE id <= ?`, last.Int64); err != nil {
			return fmt.Errorf("scheduler: fold reports: %w", err)
		}
		return nil
	})
}
