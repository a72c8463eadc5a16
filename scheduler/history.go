package scheduler

import (
	"context"
	"fmt"
	"strings"
	"time"

	"minuit/internal/db"
	"minuit/internal/minuit"
)

// Delivery is one recipient of one occurrence, as history shows it.
type Delivery struct {
	ID         int64       `json:"id"`
	MessageID  int64       `json:"message_id"`
	To         string      `json:"to"`
	ContactID  int64       `json:"contact_id,omitempty"`
	Kind       minuit.Kind `json:"kind"`
	Body       string      `json:"body"`
	Segments   int         `json:"segments"`
	State      State       `json:"status"`
	Due        time.Time   `json:"due"` // the planned occurrence
	Deadline   time.Time   `json:"deadline,omitzero"`
	Attempts   int         `json:"attempts"`
	Reference  string      `json:"reference"`
	Provider   string      `json:"provider,omitempty"`
	ProviderID string      `json:"provider_id,omitempty"`
	Error      string      `json:"error"`
	SentAt     time.Time   `json:"sent_at,omitzero"`
	FinalAt    time.Time   `json:"final_at,omitzero"`
	LateMS     int64       `json:"late_ms"`
	// PolicyReason is the compliance rule that held or skipped it (quiet-hours,
	// frequency-cap, no-consent, opted-out, deadline, opted-out-by-reply);
	// PolicyNote says the same in a sentence; HeldUntil is when a held delivery
	// may leave (its due time then).
	PolicyReason string    `json:"policy_reason,omitempty"`
	PolicyNote   string    `json:"policy_note,omitempty"`
	HeldUntil    time.Time `json:"held_until,omitzero"`
	// HandedOffAt is when the provider's scheduler took it (zero: never handed
	// off); it then leaves at Due even when this computer is off.
	HandedOffAt time.Time `json:"handed_off_at,omitzero"`
	// Source is what made its message (Message.Source): "" the user, or e.g.
	// "shopify:order-confirmation #1002".
	Source string `json:"source"`
	// Zone is its message's time zone (Message.TZ), to show its times in.
	Zone string `json:"tz,omitempty"`
}

// Attempt is one failed try of a delivery.
type Attempt struct {
	N         int
	At        time.Time
	Reference string
	Error     string
}

// HistoryQuery filters and pages history, newest first. After is the keyset cursor:
// the last delivery of the previous page (zero for the first page).
type HistoryQuery struct {
	States   []State
	From, To time.Time // on the planned time; zero = open
	Search   string    // part of the number
	Limit    int       // default 100
	After    Cursor
}

// Cursor marks a place in history.
type Cursor struct {
	Due time.Time
	ID  int64
}

const deliverySelect = `SELECT id, message_id, recipient, coalesce(contact_id, 0), kind, body, segments, state, occurrence,
	deadline, attempts, reference, provider, provider_id, error, sent_at, final_at, late_ms,
	policy_reason, policy_note, held_until, handed_off_at,
	coalesce((SELECT m.source FROM messages m WHERE m.id = deliveries.message_id), ''),
	coalesce((SELECT m.tz FROM messages m WHERE m.id = deliveries.message_id), '') FROM deliveries`

// History returns one page of deliveries, newest first, and the cursor of the next
// page (zero when this one is the last). Keyset paging keeps every page as fast as
// the first at any depth.
func (s *Store) History(ctx context.Context, q HistoryQuery) ([]Delivery, Cursor, error) {
	if q.Limit <= 0 {
		q.Limit = 100
	}
	var where []string
	var args []any
	if !q.After.Due.IsZero() {
		where = append(where, `(occurrence, id) < (?, ?)`)
		args = append(args, db.FormatTime(q.After.Due), q.After.ID)
	}
	if len(q.States) > 0 {
		where = append(where, `state IN (?`+strings.Repeat(`, ?`, len(q.States)-1)+`)`)
		for _, st := range q.States {
			args = append(args, string(st))
		}
	}
	if !q.From.IsZero() {
		where = append(where, `occurrence >= ?`)
		args = append(args, db.FormatTime(q.From))
	}
	if !q.To.IsZero() {
		where = append(where, `occurrence < ?`)
		args = append(args, db.FormatTime(q.To))
	}
	if q.Search != "" {
		where = append(where, `recipient LIKE ?`)
		args = append(args, "%"+digits(q.Search)+"%")
	}
	sql := deliverySelect
	if len(where) > 0 {
		sql += ` WHERE ` + strings.Join(where, ` AND `)
	}
	sql += ` ORDER BY occurrence DESC, id DESC LIMIT ?`
	args = append(args, q.Limit)
	ds, err := s.queryDeliveries(ctx, sql, args...)
	if err != nil {
		return nil, Cursor{}, err
	}
	var next Cursor
	if len(ds) == q.Limit {
		last := ds[len(ds)-1]
		next = Cursor{Due: last.Due, ID: last.ID}
	}
	return ds, next, nil
}

func (s *Store) queryDeliveries(ctx context.Context, q string, args ...any) ([]Delivery, error) {
	rows, err := s.db.R.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("scheduler: read deliveries: %w", err)
	}
	defer rows.Close()
	var out []Delivery
	for rows.Next() {
		var d Delivery
		var due, deadline, sent, final, held, handed string
		if err := rows.Scan(&d.ID, &d.MessageID, &d.To, &d.ContactID, &d.Kind, &d.Body, &d.Segments, &d.State, &due,
			&deadline, &d.Attempts, &d.Reference, &d.Provider, &d.ProviderID, &d.Error, &sent, &final, &d.LateMS,
			&d.PolicyReason, &d.PolicyNote, &held, &handed, &d.Source, &d.Zone); err != nil {
			return nil, fmt.Errorf("scheduler: read deliveries: %w", err)
		}
		d.Due, _ = db.ParseTime(due)
		d.Deadline, _ = db.ParseTime(deadline)
		d.SentAt, _ = db.ParseTime(sent)
		d.FinalAt, _ = db.ParseTime(final)
		d.HeldUntil, _ = db.ParseTime(held)
		d.HandedOffAt, _ = db.ParseTime(handed)
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("scheduler: read deliveries: %w", err)
	}
	return out, nil
}

// Delivery returns one delivery with its failed attempts, oldest first.
func (s *Store) Delivery(ctx context.Context, id int64) (Delivery, []Attempt, error) {
	ds, err := s.queryDeliveries(ctx, deliverySelect+` WHERE id = ?`, id)
	if err != nil {
		return Delivery{}, nil, err
	}
	if len(ds) == 0 {
		return Delivery{}, nil, notFound("delivery", id)
	}
	rows, err := s.db.R.QueryContext(ctx, `SELECT attempt, at, reference, error FROM delivery_attempts
		WHERE delivery_id = ? ORDER BY attempt`, id)
	if err != nil {
		return Delivery{}, nil, fmt.Errorf("scheduler: read attempts: %w", err)
	}
	defer rows.Close()
	var as []Attempt
	for rows.Next() {
		var a Attempt
		var at string
		if err := rows.Scan(&a.N, &at, &a.Reference, &a.Error); err != nil {
			return Delivery{}, nil, fmt.Errorf("scheduler: read attempts: %w", err)
		}
		a.At, _ = db.ParseTime(at)
		as = append(as, a)
	}
	return ds[0], as, rows.Err()
}

// MonthCounts returns, for each day of the month in loc, the deliveries planned that
// day by figure (DayOutcomes.Add), from the quarter-hour counts the triggers keep.
func (s *Store) MonthCounts(ctx context.Context, year int, month time.Month, loc *time.Location) (map[int]DayOutcomes, error) {
	if err := s.FoldReports(ctx); err != nil {
		return nil, err
	}
	from := time.Date(year, month, 1, 0, 0, 0, 0, loc)
	to := from.AddDate(0, 1, 0)
	rows, err := s.db.R.QueryContext(ctx, `SELECT slot, state, sum(n) FROM report_totals
		WHERE slot >= ? AND slot < ? AND n > 0 GROUP BY slot, state`, from.UTC().Format(slotLayout), to.UTC().Format(slotLayout))
	if err != nil {
		return nil, fmt.Errorf("scheduler: month counts: %w", err)
	}
	defer rows.Close()
	out := map[int]DayOutcomes{}
	for rows.Next() {
		var occ string
		var st State
		var n int
		if err := rows.Scan(&occ, &st, &n); err != nil {
			return nil, fmt.Errorf("scheduler: month counts: %w", err)
		}
		t, err := time.Parse(slotLayout, occ)
		if err != nil {
			return nil, fmt.Errorf("scheduler: month counts: %w", err)
		}
		local := t.In(loc)
		c, ok := out[local.Day()]
		if !ok {
			c.Day = time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, loc)
		}
		c.Add(st, n)
		out[local.Day()] = c
	}
	return out, rows.Err()
}

// slotLayout names a quarter-hour of report_totals (migration 0005).
const slotLayout = "2006-01-02T15:04"
