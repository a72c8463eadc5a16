package contacts

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"minuit/internal/db"
)

// bulkRows is how many rows one INSERT statement carries.
const bulkRows = 128

// writer writes contacts inside one transaction. New contacts are buffered and
// inserted many rows per statement; ids are assigned here, which is safe because
// the transaction holds the database's only write lock.
type writer struct {
	ctx        context.Context
	tx         *sql.Tx
	now        time.Time
	nowS       string
	nextID     int64
	groups     map[string]int64 // folded name → id
	groupNames map[string]int64 // name as written → id

	firstNew int64   // contacts from this id on are new: indexed for search at the end
	stale    []int64 // stored contacts whose search row must be rebuilt

	contacts, phones, members, consents rowBuf
}

func newWriter(ctx context.Context, tx *sql.Tx, now time.Time, source string) (*writer, error) {
	w := &writer{ctx: ctx, tx: tx, now: now, nowS: db.FormatTime(now)}
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) + 1 FROM contacts`).Scan(&w.nextID); err != nil {
		return nil, fmt.Errorf("contacts: next id: %w", err)
	}
	w.firstNew = w.nextID
	if _, err := tx.ExecContext(ctx, `PRAGMA defer_foreign_keys = ON`); err != nil {
		return nil, fmt.Errorf("contacts: %w", err)
	}
	// OR IGNORE and deferred foreign keys spare SQLite a statement journal per
	// multi-row INSERT; flush checks that every row went in, so nothing is ignored.
	w.contacts = rowBuf{head: `INSERT OR IGNORE INTO contacts (id, name, sort_key, first_name, last_name, company, email,
		bday_year, bday_month, bday_day, notes, uid, fallback_key, phone, consent_status, consent_source,
		consent_proof, consent_at, edits, source, no_messages, created_at, updated_at) VALUES `, cols: 19,
		row:  "?,?,?,E,E,E,E,?,?,?,E,?,?,E,?,E,E,E,E",
		tail: "," + sqlString(source) + ",0," + sqlString(w.nowS) + "," + sqlString(w.nowS)}
	w.phones = rowBuf{head: `INSERT OR IGNORE INTO contact_phones (contact_id, position, e164, raw, label, kind, preferred,
		problem, digits) VALUES `, cols: 9, row: "?,?,?,?,E,?,?,E,E"}
	w.members = rowBuf{head: `INSERT OR IGNORE INTO contact_group_members (group_id, contact_id) VALUES `, cols: 2,
		mayIgnore: true}
	w.consents = rowBuf{head: `INSERT OR IGNORE INTO consent_events (contact_id, status, source, proof, at) VALUES `, cols: 5}
	return w, nil
}

// rowBuf accumulates rows for one multi-row INSERT.
type rowBuf struct {
	head      string
	cols      int
	tail      string // constant values ending each row, as SQL literals
	row       string // a row's placeholders: ? a value, E a text passed as nil when empty
	mayIgnore bool   // a row already there is fine (memberships)
	args      []any
	full      *sql.Stmt // prepared for bulkRows rows
}

func (b *rowBuf) rows() int { return len(b.args) / b.cols }

func (b *rowBuf) add(vals ...any) { b.args = append(b.args, vals...) }

// flush inserts every buffered row, bulkRows at a time.
func (b *rowBuf) flush(ctx context.Context, tx *sql.Tx) error { return b.flushRows(ctx, tx, false) }

// flushFull inserts only whole chunks of bulkRows rows, with the prepared
// statement, and keeps the rest buffered.
func (b *rowBuf) flushFull(ctx context.Context, tx *sql.Tx) error { return b.flushRows(ctx, tx, true) }

func (b *rowBuf) flushRows(ctx context.Context, tx *sql.Tx, fullOnly bool) error {
	done := 0
	for done < len(b.args) {
		n := min((len(b.args)-done)/b.cols, bulkRows)
		if n < bulkRows && fullOnly {
			break
		}
		args := b.args[done : done+n*b.cols]
		var err error
		var res sql.Result
		if n == bulkRows {
			if b.full == nil {
				if b.full, err = tx.PrepareContext(ctx, b.sql(bulkRows)); err != nil {
					return fmt.Errorf("contacts: prepare insert: %w", err)
				}
			}
			res, err = b.full.ExecContext(ctx, args...)
		} else {
			res, err = tx.ExecContext(ctx, b.sql(n), args...)
		}
		if err != nil {
			return fmt.Errorf("contacts: insert: %w", err)
		}
		if got, err := res.RowsAffected(); !b.mayIgnore && (err != nil || got != int64(n)) {
			return fmt.Errorf("contacts: insert: %d of %d rows conflicted with stored ones", int64(n)-got, n)
		}
		done += n * b.cols
	}
	// keep the rest at the start of the same array
	rest := copy(b.args, b.args[done:])
	clear(b.args[rest:])
	b.args = b.args[:rest]
	return nil
}

func (b *rowBuf) sql(rows int) string {
	row := b.row
	if row == "" {
		row = strings.TrimSuffix(strings.Repeat("?,", b.cols), ",")
	}
	// binding nil is cheaper than binding "" (no copy to C memory): columns that are
	// often empty take coalesce(?, '')
	one := "(" + strings.ReplaceAll(row, "E", "coalesce(?,'')") + b.tail + ")"
	return b.head + strings.TrimSuffix(strings.Repeat(one+",", rows), ",")
}

// flush writes every buffered row, parents first.
func (w *writer) flush() error {
	for _, b := range []*rowBuf{&w.contacts, &w.phones, &w.members, &w.consents} {
		if err := b.flush(w.ctx, w.tx); err != nil {
			return err
		}
	}
	return nil
}

func (w *writer) close() {
	for _, b := range []*rowBuf{&w.contacts, &w.phones, &w.members, &w.consents} {
		if b.full != nil {
			_ = b.full.Close()
		}
	}
}

// invalidDigits is what the search index takes of an invalid number.
func invalidDigits(p Phone) string {
	if p.Number != "" {
		return ""
	}
	return digits(p.Raw)
}

// sqlString quotes a constant for an SQL statement.
func sqlString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func flagInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// contactFallbackKey is set, when a contact is created, only if no UID, valid number
// or email identifies it. It is never changed afterwards, so that the same file keeps
// matching the same contact after numbers were added to it.
func contactFallbackKey(c *Contact) any {
	if c.UID != "" || c.Email != "" {
		return nil
	}
	for _, p := range c.Phones {
		if p.Number != "" {
			return nil
		}
	}
	return fallbackKey(c.Name, c.Phones)
}

func formatTimeOrEmpty(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return db.FormatTime(t)
}

func editsJSON(e map[string]fieldEdit) string {
	if len(e) == 0 {
		return ""
	}
	b, err := json.Marshal(e)
	if err != nil {
		return "" // a map of strings and times always marshals
	}
	return string(b)
}
