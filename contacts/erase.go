package contacts

import (
	"context"
	"database/sql"
	"fmt"
)

// Erase deletes a contact for good (right to be forgotten): its row, numbers, group
// memberships, consent history and search entry, in one transaction. extra, if not
// nil, runs first in the same transaction (the contact's rows still exist, so it can
// read its numbers from contact_phones) to erase the message history's personal
// fields; if it fails, nothing is erased. Ask the user to confirm before calling.
// Deleted pages are zeroed (secure_delete) and the search index is rebuilt so that
// no copy of the erased text stays in the file.
func (s *Store) Erase(ctx context.Context, id int64, extra func(tx *sql.Tx) error) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM contacts WHERE id = ?`, id).Scan(&n); err != nil {
			return fmt.Errorf("contacts: erase: %w", err)
		}
		if n == 0 {
			return &NotFoundError{ID: id}
		}
		if _, err := tx.ExecContext(ctx, `PRAGMA secure_delete = ON`); err != nil {
			return fmt.Errorf("contacts: erase: %w", err)
		}
		if extra != nil {
			if err := extra(tx); err != nil {
				return fmt.Errorf("contacts: erase the message history: %w", err)
			}
		}
		for _, q := range []string{
			`DELETE FROM contacts_fts WHERE rowid = ?`,
			`DELETE FROM contacts WHERE id = ?`, // cascades to phones, memberships and consent events
		} {
			if _, err := tx.ExecContext(ctx, q, id); err != nil {
				return fmt.Errorf("contacts: erase: %w", err)
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM contact_groups WHERE id NOT IN
			(SELECT DISTINCT group_id FROM contact_group_members)`); err != nil {
			return fmt.Errorf("contacts: erase: %w", err)
		}
		// Rewrite the search index: contentless-delete FTS5 keeps erased words in its
		// segments until they are merged.
		if _, err := tx.ExecContext(ctx, `INSERT INTO contacts_fts (contacts_fts) VALUES ('optimize')`); err != nil {
			return fmt.Errorf("contacts: erase from the search index: %w", err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	// Copy the erased pages out of the write-ahead log into the (zeroed) database.
	if _, err := s.d.W.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		return fmt.Errorf("contacts: erase: checkpoint: %w", err)
	}
	return nil
}
