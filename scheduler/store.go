package scheduler

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"strconv"
	"time"

	"minuit/internal/db"
	"minuit/internal/usererr"
)

//go:embed migrations/*.sql
var migrations embed.FS

// ErrNotFound is returned (wrapped) for an unknown message or delivery id.
var ErrNotFound = errors.New("scheduler: not found")

// NotFoundError is an unknown message or delivery id; it wraps ErrNotFound.
type NotFoundError struct {
	What string // "message" or "delivery"
	ID   int64
}

func (e *NotFoundError) Error() string { return fmt.Sprintf("There is no %s %d.", e.What, e.ID) }

// Unwrap makes errors.Is(err, ErrNotFound) true.
func (e *NotFoundError) Unwrap() error { return ErrNotFound }

func notFound(what string, id int64) error { return &NotFoundError{What: what, ID: id} }

// Store keeps messages, deliveries and settings in SQLite.
type Store struct {
	db *db.DB
	// Now is the clock; tests set it.
	Now func() time.Time
	// Directory resolves contact and group recipients when a message is planned,
	// so that one naming nobody is refused (CheckMessage); nil: they are not
	// checked then, only when each occurrence is materialised.
	Directory Directory
}

// Sentence implements usererr.Sentencer.
func (e *NotFoundError) Sentence() string { return e.Error() }

// Messages implements usererr.Messager.
func (e *NotFoundError) Messages() []usererr.Msg {
	switch e.What {
	case "message":
		return []usererr.Msg{usererr.Msgf("There is no message %d.", e.ID)}
	case "delivery":
		return []usererr.Msg{usererr.Msgf("There is no delivery %d.", e.ID)}
	}
	return nil // read as it is
}

// Open migrates the scheduler's tables in d and returns the store.
func Open(ctx context.Context, d *db.DB, now func() time.Time) (*Store, error) {
	if now == nil {
		now = time.Now
	}
	if err := d.Migrate(ctx, "scheduler", migrations, "migrations"); err != nil {
		return nil, fmt.Errorf("scheduler: %w", err)
	}
	return &Store{db: d, Now: now}, nil
}

// DB exposes the database, for providers that keep state beside the scheduler's.
func (s *Store) DB() *db.DB { return s.db }

func (s *Store) now() string { return db.FormatTime(s.Now()) }

// CreateMessage checks m (CheckMessage) and stores it, and returns its id. A
// refused plan stores nothing; the error is PlanErrors.
func (s *Store) CreateMessage(ctx context.Context, m Message) (int64, error) {
	if err := s.resolveNow(&m); err != nil {
		return 0, err
	}
	if err := s.CheckMessage(ctx, m, false); err != nil {
		return 0, err
	}
	var id int64
	err := db.InTx(ctx, s.db.W, func(tx *sql.Tx) error {
		var err error
		id, err = s.insertMessageTx(ctx, tx, m)
		return err
	})
	return id, err
}

// CreateMessageTx is CreateMessage inside tx.
func (s *Store) CreateMessageTx(ctx context.Context, tx *sql.Tx, m Message) (int64, error) {
	if err := s.resolveNow(&m); err != nil {
		return 0, err
	}
	if err := s.CheckMessage(ctx, m, false); err != nil {
		return 0, err
	}
	return s.insertMessageTx(ctx, tx, m)
}

// resolveNow replaces AtNow with the current minute in m's zone.
func (s *Store) resolveNow(m *Message) error {
	if m.At != AtNow {
		return nil
	}
	loc, err := m.location()
	if err != nil {
		return PlanErrors{err}
	}
	m.At = s.Now().In(loc).Format(WallLayout)
	return nil
}

func (s *Store) insertMessageTx(ctx context.Context, tx *sql.Tx, m Message) (int64, error) {
	next, err := s.firstNext(&m)
	if err != nil {
		return 0, err
	}
	now := s.now()
	var id int64
	err = tx.QueryRowContext(ctx, `INSERT INTO messages
		(body, originator, kind, local_at, tz, rrule, birthday, window_s, status, cursor, next_at, created_at, updated_at, source)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?, ?, ?) RETURNING id`,
		m.Body, m.Originator, m.Kind, m.At, m.TZ, m.RRule, boolInt(m.Birthday), int64(m.Window/time.Second),
		now, fmtOpt(next), now, now, m.Source).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("scheduler: save message: %w", err)
	}
	if err := insertRecipients(ctx, tx, id, m.Recipients); err != nil {
		return 0, err
	}
	return id, nil
}

// firstNext is where a new or edited message starts: its first occurrence from now
// on. A one-off planned for the current minute (AtNow) is due at once.
func (s *Store) firstNext(m *Message) (time.Time, error) {
	if m.Birthday {
		return s.Now(), nil // the materialiser looks at the recipients' birthdays at once
	}
	start, err := m.start()
	if err != nil {
		return time.Time{}, fmt.Errorf("scheduler: %w", err)
	}
	if m.RRule == "" {
		return start, nil
	}
	return m.OccurrenceAfter(s.Now().Add(-time.Second))
}

func insertRecipients(ctx context.Context, tx *sql.Tx, id int64, rs []RecipientRef) error {
	for _, r := range rs {
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO message_recipients (message_id, kind, value) VALUES (?, ?, ?)`,
			id, r.Kind, r.Value); err != nil {
			return fmt.Errorf("scheduler: save recipients: %w", err)
		}
	}
	return nil
}

// UpdateMessage replaces a message's plan. Deliveries not yet claimed give way to
// the new plan, handed-off ones are withdrawn at the provider first, and the plan
// starts again from now; what was already sent stays in history.
func (s *Store) UpdateMessage(ctx context.Context, m Message) error {
	if err := s.resolveNow(&m); err != nil {
		return err
	}
	if err := s.CheckMessage(ctx, m, true); err != nil {
		return err
	}
	return db.InTx(ctx, s.db.W, func(tx *sql.Tx) error {
		next, err := s.firstNext(&m)
		if err != nil {
			return err
		}
		now := s.now()
		res, err := tx.ExecContext(ctx, `UPDATE messages SET body = ?, originator = ?, kind = ?, local_at = ?, tz = ?,
			rrule = ?, birthday = ?, window_s = ?, status = 'active', cursor = ?, next_at = ?, updated_at = ?
			WHERE id = ? AND status <> 'cancelled'`,
			m.Body, m.Originator, m.Kind, m.At, m.TZ, m.RRule, boolInt(m.Birthday), int64(m.Window/time.Second),
			now, fmtOpt(next), now, m.ID)
		if err != nil {
			return fmt.Errorf("scheduler: update message: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound("message", m.ID)
		}
		// The old plan's deliveries that never left give way to the new plan (which may
		// reuse their occurrences); those handed off are withdrawn first (withdrawReplace),
		// and the message is replanned only once none is left (messagesDue).
		if _, err := tx.ExecContext(ctx, `DELETE FROM deliveries WHERE message_id = ? AND state IN ('scheduled', 'retryable')`,
			m.ID); err != nil {
			return fmt.Errorf("scheduler: update message: %w", err)
		}
		if err := withdrawHandedOffTx(ctx, tx, now, withdrawReplace, "replaced by an edit", "", `message_id = ?`, m.ID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM message_recipients WHERE message_id = ?`, m.ID); err != nil {
			return fmt.Errorf("scheduler: update message: %w", err)
		}
		return insertRecipients(ctx, tx, m.ID, m.Recipients)
	})
}

// Setting returns a stored setting, or def when unset.
func (s *Store) Setting(ctx context.Context, key, def string) (string, error) {
	var v string
	err := s.db.R.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return def, nil
	}
	if err != nil {
		return "", fmt.Errorf("scheduler: read setting %s: %w", key, err)
	}
	return v, nil
}

// SetSetting stores a setting.
func (s *Store) SetSetting(ctx context.Context, key, value string) error {
	_, err := s.db.W.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	if err != nil {
		return fmt.Errorf("scheduler: save setting %s: %w", key, err)
	}
	return nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// fmtOpt formats t, or "" for the zero time.
func fmtOpt(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return db.FormatTime(t)
}

func itoa(i int64) string { return strconv.FormatInt(i, 10) }
