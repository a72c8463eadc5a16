package scheduler

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"minuit/internal/db"
	"minuit/internal/minuit"
	"minuit/scheduler/compliance"
)

// ConsentLookup is an optional Directory capability: the contacts behind typed
// numbers, so that a number typed by hand that belongs to a contact follows that
// contact's consent. Numbers that belong to no contact are absent from the map.
type ConsentLookup interface {
	Consent(ctx context.Context, numbers []string) (map[string]minuit.Recipient, error)
}

// ReasonOptedOutByReply is the policy_reason of pending marketing deliveries
// skipped because their number replied STOP.
const ReasonOptedOutByReply = "opted-out-by-reply"

// gateRow is a due delivery the gate has not cleared at its current due time.
type gateRow struct {
	id, messageID, contactID int64
	recipient                string
	kind                     minuit.Kind
	due, deadline            string
}

// rules returns the policy for this pass: Config.Policy, else the settings.
func (e *Engine) rules(ctx context.Context) (Rules, error) {
	if e.passRules != nil {
		return *e.passRules, nil
	}
	r, err := e.cfg.Store.LoadRules(ctx)
	if err != nil {
		return Rules{}, err
	}
	if e.cfg.Policy != nil {
		r.Policy = *e.cfg.Policy
	}
	e.passRules = &r
	return r, nil
}

// gate asks the compliance policy about up to ClaimLimit deliveries due between
// from (zero: any time) and to, not yet cleared at their due time: it clears them
// for the claim, holds them to a later due time, or skips them. A delivery due
// later (a hand-off) is judged for its due time. It returns how many it looked at.
func (e *Engine) gate(ctx context.Context, from, to time.Time) (int, error) {
	st := e.cfg.Store
	now := e.cfg.Clock.Now()
	rows, err := st.ungated(ctx, now, from, to, e.cfg.ClaimLimit)
	if err != nil || len(rows) == 0 {
		return 0, err
	}
	r, err := e.rules(ctx)
	if err != nil {
		return 0, err
	}
	byContact, byNumber, err := e.consents(ctx, rows)
	if err != nil {
		return 0, err
	}
	var numbers []string
	for _, row := range rows {
		if row.kind == minuit.Marketing {
			numbers = append(numbers, row.recipient)
		}
	}
	recent, err := st.recentMarketing(ctx, numbers, now.Add(-r.Policy.Cap.Per))
	if err != nil {
		return 0, err
	}
	ds := make([]compliance.Decision, len(rows))
	for i, row := range rows {
		rc, ok := byContact[row.contactID]
		if row.contactID == 0 || !ok {
			rc = byNumber[row.recipient]
		}
		var deadline time.Time
		if row.deadline != "" {
			if deadline, err = db.ParseTime(row.deadline); err != nil {
				return 0, fmt.Errorf("scheduler: delivery %d: deadline: %w", row.id, err)
			}
		}
		at, err := db.ParseTime(row.due)
		if err != nil {
			return 0, fmt.Errorf("scheduler: delivery %d: due: %w", row.id, err)
		}
		at = maxTime(at, now)
		d := r.Policy.Decide(compliance.Delivery{Kind: row.kind, Number: row.recipient,
			Consent: rc.Consent, NoMessagesAtAll: rc.NoMessagesAtAll, Due: at,
			Deadline: deadline, RecentMarketing: recent[row.recipient]})
		if d.Action == compliance.Hold && !d.Until.After(at) {
			d = compliance.Decision{Action: compliance.Send}
		}
		if d.Action == compliance.Send && row.kind == minuit.Marketing {
			recent[row.recipient] = append(recent[row.recipient], at) // two due at once count as two
		}
		ds[i] = d
	}
	evs, err := st.applyGate(ctx, rows, ds, now)
	e.emit(evs)
	return len(rows), err
}

// consents reads the current consent of the rows' contacts and typed numbers.
func (e *Engine) consents(ctx context.Context, rows []gateRow) (map[int64]minuit.Recipient, map[string]minuit.Recipient, error) {
	byContact, byNumber := map[int64]minuit.Recipient{}, map[string]minuit.Recipient{}
	dir := e.cfg.Directory
	if dir == nil {
		return byContact, byNumber, nil
	}
	var ids []int64
	var typed []string
	for _, r := range rows {
		if r.contactID != 0 {
			ids = append(ids, r.contactID)
		} else {
			typed = append(typed, r.recipient)
		}
	}
	if len(ids) > 0 {
		rs, err := dir.Resolve(ctx, ids, nil)
		if err != nil {
			return nil, nil, fmt.Errorf("scheduler: read the contacts' consent: %w", err)
		}
		for _, r := range rs {
			byContact[r.ContactID] = r
		}
	}
	if cl, ok := dir.(ConsentLookup); ok && len(typed) > 0 {
		m, err := cl.Consent(ctx, typed)
		if err != nil {
			return nil, nil, fmt.Errorf("scheduler: read the consent of typed numbers: %w", err)
		}
		byNumber = m
	}
	return byContact, byNumber, nil
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func (s *Store) ungated(ctx context.Context, now, from, to time.Time, limit int) ([]gateRow, error) {
	t := db.FormatTime(now)
	rows, err := s.db.R.QueryContext(ctx, `SELECT id, message_id, coalesce(contact_id, 0), recipient, kind, due, deadline
		FROM deliveries WHERE state IN ('scheduled', 'retryable') AND due >= ? AND due <= ? AND (deadline = '' OR deadline > ?)
		AND gated_due <> due ORDER BY due, id LIMIT ?`, fmtOpt(from), db.FormatTime(to), t, limit)
	if err != nil {
		return nil, fmt.Errorf("scheduler: read due deliveries: %w", err)
	}
	defer rows.Close()
	var out []gateRow
	for rows.Next() {
		var r gateRow
		if err := rows.Scan(&r.id, &r.messageID, &r.contactID, &r.recipient, &r.kind, &r.due, &r.deadline); err != nil {
			return nil, fmt.Errorf("scheduler: read due deliveries: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// recentMarketing returns, per number, when its marketing deliveries were sent
// after from (the frequency cap's window).
func (s *Store) recentMarketing(ctx context.Context, numbers []string, from time.Time) (map[string][]time.Time, error) {
	out := map[string][]time.Time{}
	for len(numbers) > 0 {
		chunk := numbers[:min(len(numbers), 500)]
		numbers = numbers[len(chunk):]
		args := []any{db.FormatTime(from)}
		for _, n := range chunk {
			args = append(args, n)
		}
		rows, err := s.db.R.QueryContext(ctx, `SELECT recipient, sent_at FROM deliveries
			WHERE kind = 'marketing' AND sent_at <> '' AND sent_at > ? AND recipient IN (?`+
			strings.Repeat(`, ?`, len(chunk)-1)+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("scheduler: count recent marketing: %w", err)
		}
		for rows.Next() {
			var n, at string
			if err := rows.Scan(&n, &at); err != nil {
				rows.Close()
				return nil, fmt.Errorf("scheduler: count recent marketing: %w", err)
			}
			if t, err := db.ParseTime(at); err == nil {
				out[n] = append(out[n], t)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("scheduler: count recent marketing: %w", err)
		}
	}
	return out, nil
}

// applyGate records the gate's decisions in one transaction. A delivery changed
// meanwhile (cancelled, edited) is left alone; the next pass looks at it again.
func (s *Store) applyGate(ctx context.Context, rows []gateRow, ds []compliance.Decision, now time.Time) ([]Event, error) {
	t := db.FormatTime(now)
	var evs []Event
	err := db.InTx(ctx, s.db.W, func(tx *sql.Tx) error {
		var cleared []string
		for i, r := range rows {
			if ds[i].Action == compliance.Send {
				cleared = append(cleared, itoa(r.id))
			}
		}
		if len(cleared) > 0 {
			if _, err := tx.ExecContext(ctx, `UPDATE deliveries SET gated_due = due WHERE id IN (`+strings.Join(cleared, ",")+`)
				AND state IN ('scheduled', 'retryable')`); err != nil {
				return fmt.Errorf("scheduler: record the rules' decision: %w", err)
			}
		}
		for i, r := range rows {
			d := ds[i]
			var q string
			var args []any
			ev := Event{DeliveryID: r.id, MessageID: r.messageID, To: r.recipient, Reason: d.Message, At: now}
			switch {
			case d.Action == compliance.Send:
				continue
			case d.Action == compliance.Hold:
				until := db.FormatTime(d.Until)
				q = `UPDATE deliveries SET due = ?, held_until = ?, policy_reason = ?, policy_note = ?, updated_at = ?
					WHERE id = ? AND due = ?`
				args = []any{until, until, string(d.Reason), d.Message, t, r.id, r.due}
				ev.Kind = EventHeld
			default:
				state, kind := Skipped, EventSkipped
				if d.Reason == compliance.ReasonDeadline {
					state, kind = Missed, EventMissed // held past its deadline: missed, with that reason
				}
				q = `UPDATE deliveries SET state = ?, error = ?, policy_reason = ?, policy_note = ?, final_at = ?, updated_at = ?
					WHERE id = ? AND due = ?`
				args = []any{state, d.Message, string(d.Reason), d.Message, t, t, r.id, r.due}
				ev.Kind = kind
			}
			res, err := tx.ExecContext(ctx, q+` AND state IN ('scheduled', 'retryable')`, args...)
			if err != nil {
				return fmt.Errorf("scheduler: record the rules' decision: %w", err)
			}
			if n, _ := res.RowsAffected(); n == 1 {
				evs = append(evs, ev)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return evs, nil
}
