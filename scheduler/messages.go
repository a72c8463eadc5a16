package scheduler

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"minuit/internal/db"
)

const messageSelect = `SELECT id, body, originator, kind, local_at, tz, rrule, birthday, window_s, status,
	cursor, next_at, created_at, updated_at FROM messages`

func scanMessages(rows *sql.Rows) ([]Message, error) {
	defer rows.Close()
	var out []Message
	for rows.Next() {
		var m Message
		var birthday, window int64
		var cursor, next, created, updated string
		if err := rows.Scan(&m.ID, &m.Body, &m.Originator, &m.Kind, &m.At, &m.TZ, &m.RRule, &birthday, &window,
			&m.Status, &cursor, &next, &created, &updated); err != nil {
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

func (s *Store) recipients(ctx context.Context, id int64) ([]RecipientRef, error) {
	rows, err := s.db.R.QueryContext(ctx, `SELECT kind, value FROM message_recipients WHERE message_id = ? ORDER BY kind, value`, id)
	if err != nil {
		return nil, fmt.Errorf("scheduler: read recipients: %w", err)
	}
	defer rows.Close()
	var out []RecipientRef
	for rows.Next() {
		var r RecipientRef
		if err := rows.Scan(&r.Kind, &r.Value); err != nil {
			return nil, fmt.Errorf("scheduler: read recipients: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
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
	if ms[0].Recipients, err = s.recipients(ctx, id); err != nil {
		return Message{}, err
	}
	ms[0].Skipped, err = s.skipped(ctx, id)
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
	for i := range ms {
		if ms[i].Recipients, err = s.recipients(ctx, ms[i].ID); err != nil {
			return nil, err
		}
		if ms[i].Skipped, err = s.skipped(ctx, ms[i].ID); err != nil {
			return nil, err
		}
	}
	return ms, nil
}

// NextDue is the earliest instant the engine has work: a delivery due, an occurrence
// to materialise (minus lead), or a delivery report to poll. Zero when idle.
func (s *Store) NextDue(ctx context.Context, lead time.Duration) (time.Time, error) {
	var due, next, check sql.NullString
	err := s.db.R.QueryRowContext(ctx, `SELECT
		(SELECT min(due) FROM deliveries WHERE state IN ('scheduled', 'retryable')),
		(SELECT min(next_at) FROM messages WHERE status = 'active' AND next_at <> ''),
		(SELECT min(check_at) FROM deliveries WHERE state = 'sent' AND check_at <> '')`).Scan(&due, &next, &check)
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
