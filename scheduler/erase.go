package scheduler

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"minuit/internal/db"
)

// EraseContactTx removes a person from message history for good (GDPR art. 17),
// inside the transaction that erases the contact: their deliveries keep their state
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
