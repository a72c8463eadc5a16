package scheduler

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"minuit/internal/db"
)

// EraseContact is EraseContactTx in its own transaction, with the erased pages
// zeroed (secure_delete) and copied out of the write-ahead log, so that no copy of
// the texts stays in the file. The contacts live in another file: the caller
// erases the history first, then the contact, so that a failure in between leaves
// the contact for the user to erase again (this step is idempotent).
func (s *Store) EraseContact(ctx context.Context, contactID int64, numbers []string) error {
	err := db.InTx(ctx, s.db.W, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `PRAGMA secure_delete = ON`); err != nil {
			return fmt.Errorf("scheduler: erase contact %d from history: %w", contactID, err)
		}
		return s.EraseContactTx(ctx, tx, contactID, numbers)
	})
	if err != nil {
		return err
	}
	if _, err := s.db.W.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		return fmt.Errorf("scheduler: erase contact %d from history: checkpoint: %w", contactID, err)
	}
	return nil
}

// EraseContactTx removes a person from message history for good (GDPR art. 17),
// inside tx: their deliveries keep their state
// (so reports still add up) but lose the number, the text and the errors; pending
// ones are cancelled; they leave every message's recipients; their replies lose the
// number and the text. numbers are the contact's E.164 numbers.
func (s *Store) EraseContactTx(ctx context.Context, tx *sql.Tx, contactID int64, numbers []string) error {
	now := db.FormatTime(s.Now())
	in := `''`
	args := []any{}
	if len(numbers) > 0 {
		in = `?` + strings.Repeat(`, ?`, len(numbers)-1)
		for _, n := range numbers {
			args = append(args, n)
		}
	}
	who := `(contact_id = ? OR recipient IN (` + in + `))`
	whoArgs := append([]any{contactID}, args...)
	steps := []struct {
		sql  string
		args []any
	}{
		{`UPDATE deliveries SET state = 'cancelled', final_at = ? WHERE state IN ('scheduled', 'retryable') AND ` + who,
			append([]any{now}, whoArgs...)},
		{`UPDATE delivery_attempts SET error = '(erased)' WHERE delivery_id IN (SELECT id FROM deliveries WHERE ` + who + `)`,
			whoArgs},
		{`UPDATE deliveries SET recipient = 'erased-' || id, body = '', error = '', contact_id = NULL, updated_at = ?
			WHERE ` + who, append([]any{now}, whoArgs...)},
		// A shop automation's message holds the text as written for them (their name,
		// order, parcel): it is blanked too, and their waiting cart forgotten.
		{`UPDATE messages SET body = '' WHERE source <> '' AND id IN (SELECT message_id FROM message_recipients
			WHERE kind = 'number' AND value IN (` + in + `))`, args},
		{`DELETE FROM shop_checkouts WHERE phone IN (` + in + `)`, args},
		{`DELETE FROM message_recipients WHERE (kind = 'contact' AND value = ?) OR (kind = 'number' AND value IN (` + in + `))`,
			append([]any{fmt.Sprint(contactID)}, args...)},
		{`UPDATE inbound_replies SET number = 'erased', body = '' WHERE number IN (` + in + `)`, args},
	}
	for _, st := range steps {
		if _, err := tx.ExecContext(ctx, st.sql, st.args...); err != nil {
			return fmt.Errorf("scheduler: erase contact %d from history: %w", contactID, err)
		}
	}
	return nil
}
