package scheduler

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"minuit/internal/db"
	"minuit/internal/minuit"
)

// DayMessage is one message's deliveries planned on one local day, for a
// calendar cell's line ("09:00 Soldes d'hiver…").
type DayMessage struct {
	MessageID int64
	At        time.Time // the earliest quarter-hour of its deliveries that day
	Body      string
	Kind      minuit.Kind
	Birthday  bool
	N         int // deliveries, cancelled ones left out
}

// MonthMessages lists, per day of the month in loc, the messages with deliveries
// planned that day, by time. It reads report_totals (a few thousand rows a month
// whatever the number of deliveries) and the messages' texts.
func (s *Store) MonthMessages(ctx context.Context, year int, month time.Month, loc *time.Location) (map[int][]DayMessage, error) {
	from := time.Date(year, month, 1, 0, 0, 0, 0, loc)
	to := from.AddDate(0, 1, 0)
	type key struct {
		day int
		id  int64
	}
	found := map[key]*DayMessage{}
	if err := s.FoldReports(ctx); err != nil {
		return nil, err
	}
	err := s.eachRow(ctx, `SELECT slot, message_id, sum(n) FROM report_totals
		WHERE slot >= ? AND slot < ? AND n > 0 AND state <> 'cancelled' GROUP BY slot, message_id`,
		[]any{from.UTC().Format(slotLayout), to.UTC().Format(slotLayout)}, func(rows *sql.Rows) error {
			var slot string
			var id int64
			var n int
			if err := rows.Scan(&slot, &id, &n); err != nil {
				return fmt.Errorf("scheduler: month messages: %w", err)
			}
			t, err := time.Parse(slotLayout, slot)
			if err != nil {
				return fmt.Errorf("scheduler: month messages: %w", err)
			}
			t = t.In(loc)
			k := key{t.Day(), id}
			if m := found[k]; m != nil {
				m.N += n
				if t.Before(m.At) {
					m.At = t
				}
				return nil
			}
			found[k] = &DayMessage{MessageID: id, At: t, N: n}
			return nil
		})
	if err != nil {
		return nil, err
	}
	byID := map[int64][]*DayMessage{}
	for _, m := range found {
		byID[m.MessageID] = append(byID[m.MessageID], m)
	}
	ids := make([]int64, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	for chunk := range slices.Chunk(ids, 500) {
		where, args := idFilter("id", chunk)
		err := s.eachRow(ctx, `SELECT id, body, kind, birthday FROM messages WHERE 1`+where, args, func(rows *sql.Rows) error {
			var id int64
			var body string
			var kind minuit.Kind
			var birthday bool
			if err := rows.Scan(&id, &body, &kind, &birthday); err != nil {
				return fmt.Errorf("scheduler: month messages: %w", err)
			}
			for _, m := range byID[id] {
				m.Body, m.Kind, m.Birthday = body, kind, birthday
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	out := map[int][]DayMessage{}
	for k, m := range found {
		out[k.day] = append(out[k.day], *m)
	}
	for _, ms := range out {
		slices.SortFunc(ms, func(a, b DayMessage) int {
			if c := a.At.Compare(b.At); c != 0 {
				return c
			}
			return int(a.MessageID - b.MessageID)
		})
	}
	return out, nil
}

// HeldMove is deliveries of one occurrence of a message that the compliance rules
// hold: planned at Occurrence, they leave at Until.
type HeldMove struct {
	MessageID  int64
	Occurrence time.Time
	Until      time.Time
	N          int
	Reason     string // policy_reason: quiet-hours, frequency-cap
	Note       string // policy_note, a sentence
}

// HeldFrom lists the held deliveries that leave at or after from (their due time
// is their held_until), grouped by message, occurrence and time, for the calendar
// to show them where they will really leave. It reads the pending deliveries'
// index only.
func (s *Store) HeldFrom(ctx context.Context, from time.Time) ([]HeldMove, error) {
	var out []HeldMove
	err := s.eachRow(ctx, `SELECT message_id, occurrence, due, count(*), min(policy_reason), min(policy_note)
		FROM deliveries WHERE state IN ('scheduled', 'retryable') AND due >= ? AND held_until <> '' AND held_until = due
		GROUP BY message_id, occurrence, due ORDER BY due LIMIT 10000`, []any{db.FormatTime(from)}, func(rows *sql.Rows) error {
		var h HeldMove
		var occ, due string
		if err := rows.Scan(&h.MessageID, &occ, &due, &h.N, &h.Reason, &h.Note); err != nil {
			return fmt.Errorf("scheduler: held deliveries: %w", err)
		}
		h.Occurrence, _ = db.ParseTime(occ)
		h.Until, _ = db.ParseTime(due)
		out = append(out, h)
		return nil
	})
	return out, err
}

// HeldInto returns the held deliveries that leave in [from, to) but were planned
// before from: the agenda shows them on the day they really leave.
func (s *Store) HeldInto(ctx context.Context, from, to time.Time) ([]Delivery, error) {
	return s.queryDeliveries(ctx, deliverySelect+` WHERE state IN ('scheduled', 'retryable') AND due >= ? AND due < ?
		AND held_until <> '' AND held_until = due AND occurrence < ? ORDER BY due, id LIMIT 500`,
		db.FormatTime(from), db.FormatTime(to), db.FormatTime(from))
}
