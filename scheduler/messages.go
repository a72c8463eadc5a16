package scheduler

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"minuit/internal/db"
)

const messageSelect = `SELECT id, body, originator, kind, local_at, tz, rrule, birthday, window_s, status,
	cursor, next_at, created_at, updated_at, source FROM messages`

func scanMessages(rows *sql.Rows) ([]Message, error) {
	defer rows.Close()
	var out []Message
	for rows.Next() {
		var m Message
		var birthday, window int64
		var cursor, next, created, updated string
		if err := rows.Scan(&m.ID, &m.Body, &m.Originator, &m.Kind, &m.At, &m.TZ, &m.RRule, &birthday, &window,
			&m.Status, &cursor, &next, &created, &updated, &m.Source); err != nil {
			return nil, fmt.Errorf("scheduler: read message: %w", err)
		}
		m.Birthday = birthday != 0
		m.Window = time.Duration(window) * time.Second
		var err error
		for _, p := range []struct {
			dst *time.Time
			src string
		}{{&m.cursor, cursor}, {&m.Next, next}, {&m.Created, created}, {&m.Updated, updated}} {
			if *p.dst, err = db.ParseTime(p.src); err != nil {
				return nil, fmt.Errorf("scheduler: %w", err)
			}
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("scheduler: read messages: %w", err)
	}
	return out, nil
}

// fill loads the recipients and skipped occurrences of ms: two queries per 500
// messages, whatever their number.
func (s *Store) fill(ctx context.Context, ms []Message) error {
	for start := 0; start < len(ms); start += 500 {
		chunk := ms[start:min(start+500, len(ms))]
		idx := make(map[int64]*Message, len(chunk))
		args := make([]any, len(chunk))
		for i := range chunk {
			idx[chunk[i].ID] = &chunk[i]
			args[i] = chunk[i].ID
		}
		in := `?` + strings.Repeat(`, ?`, len(chunk)-1)
		err := s.eachRow(ctx, `SELECT message_id, kind, value FROM message_recipients WHERE message_id IN (`+in+`)
			ORDER BY message_id, kind, value`, args, func(rows *sql.Rows) error {
			var id int64
			var r RecipientRef
			if err := rows.Scan(&id, &r.Kind, &r.Value); err != nil {
				return err
			}
			idx[id].Recipients = append(idx[id].Recipients, r)
			return nil
		})
		if err != nil {
			return fmt.Errorf("scheduler: read recipients: %w", err)
		}
		err = s.eachRow(ctx, `SELECT message_id, occurrence FROM message_skips WHERE message_id IN (`+in+`)
			ORDER BY message_id, occurrence`, args, func(rows *sql.Rows) error {
			var id int64
			var occ string
			if err := rows.Scan(&id, &occ); err != nil {
				return err
			}
			t, err := db.ParseTime(occ)
			if err != nil {
				return err
			}
			idx[id].Skipped = append(idx[id].Skipped, t)
			return nil
		})
		if err != nil {
			return fmt.Errorf("scheduler: read skipped occurrences: %w", err)
		}
	}
	return nil
}

// eachRow runs a read query and calls fn for each row.
func (s *Store) eachRow(ctx context.Context, q string, args []any, fn func(*sql.Rows) error) error {
	rows, err := s.db.R.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Message returns one message with its recipients.
func (s *Store) Message(ctx context.Context, id int64) (Message, error) {
	rows, err := s.db.R.QueryContext(ctx, messageSelect+` WHERE id = ?`, id)
	if err != nil {
		return Message{}, fmt.Errorf("scheduler: read message: %w", err)
	}
	ms, err := scanMessages(rows)
	if err != nil {
		return Message{}, err
	}
	if len(ms) == 0 {
		return Message{}, notFound("message", id)
	}
	err = s.fill(ctx, ms)
	return ms[0], err
}

// Messages lists planned messages, those with an occurrence to come first, soonest
// first; with all set, finished and cancelled ones follow.
func (s *Store) Messages(ctx context.Context, all bool) ([]Message, error) {
	q := messageSelect + ` WHERE status = 'active' ORDER BY next_at = '', next_at, id`
	if all {
		q = messageSelect + ` ORDER BY status <> 'active', next_at = '', next_at, id DESC`
	}
	rows, err := s.db.R.QueryContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("scheduler: list messages: %w", err)
	}
	ms, err := scanMessages(rows)
	if err != nil {
		return nil, err
	}
	return ms, s.fill(ctx, ms)
}

// NextDue is the earliest instant the engine has work: a delivery due, an occurrence
// to materialise (minus lead), or a delivery report to poll. Zero when idle.
func (s *Store) NextDue(ctx context.Context, lead time.Duration) (time.Time, error) {
	var due, next, check sql.NullString
	err := s.db.R.QueryRowContext(ctx, `SELECT
		(SELECT min(due) FROM deliveries WHERE state IN ('scheduled', 'retryable')),
		(SELECT min(next_at) FROM messages WHERE status = 'active' AND next_at <> ''),
		(SELECT min(check_at) FROM deliveries WHERE state IN ('sent', 'handed_off') AND check_at <> '')`).Scan(&due, &next, &check)
	if err != nil {
		return time.Time{}, fmt.Errorf("scheduler: next due: %w", err)
	}
	var best time.Time
	for i, v := range []sql.NullString{due, next, check} {
		if !v.Valid || v.String == "" {
			continue
		}
		t, err := db.ParseTime(v.String)
		if err != nil {
			return time.Time{}, fmt.Errorf("scheduler: %w", err)
		}
		if i == 1 {
			t = t.Add(-lead)
		}
		if best.IsZero() || t.Before(best) {
			best = t
		}
	}
	return best, nil
}
