package scheduler

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"minuit/internal/db"
	"minuit/internal/minuit"
	"minuit/scheduler/compliance"
	"minuit/scheduler/sms"
)

// birthdayGrace is how long after its time a birthday message may still leave when
// the user set no deadline: a wish a day late is worse than none.
const birthdayGrace = 24 * time.Hour

// rescanEvery bounds how long a birthday message waits before it looks at its
// recipients again (new contacts, edited birthdays).
const rescanEvery = 24 * time.Hour

// occurrence is one planned send to one recipient.
type occurrence struct {
	at, deadline time.Time
	rcpt         minuit.Recipient
}

// Materialize creates the deliveries of every occurrence planned up to until, message
// by message, and advances each message's next occurrence. Only the next occurrence
// of a recurrence is ever created: never the whole series.
// Marketing bodies get the opt-out footer of the stored rules (LoadRules).
func (s *Store) Materialize(ctx context.Context, until time.Time, dir Directory) (int, error) {
	return s.materialize(ctx, until, dir, func() (Rules, error) { return s.LoadRules(ctx) })
}

// materialize is Materialize with the rules read only when a message is due.
func (s *Store) materialize(ctx context.Context, until time.Time, dir Directory, rules func() (Rules, error)) (int, error) {
	msgs, err := s.messagesDue(ctx, until)
	if err != nil || len(msgs) == 0 {
		return 0, err
	}
	r, err := rules()
	if err != nil {
		return 0, err
	}
	utm, err := s.UTMEnabled(ctx)
	if err != nil {
		return 0, err
	}
	total := 0
	for _, m := range msgs {
		n, err := s.materializeOne(ctx, m, until, dir, r.Policy, utm)
		if err != nil {
			return total, err
		}
		total += n
	}
	return total, nil
}

func (s *Store) messagesDue(ctx context.Context, until time.Time) ([]Message, error) {
	// A message edited while some of its deliveries were with the provider waits
	// until those are withdrawn (or found already sent), so that the new plan
	// neither collides with them nor is lost.
	rows, err := s.db.R.QueryContext(ctx, messageSelect+` WHERE status = 'active' AND next_at <> '' AND next_at <= ?
		AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.message_id = messages.id AND d.state = 'handed_off'
			AND d.withdraw = 'replaced')
		ORDER BY next_at LIMIT 200`, db.FormatTime(until))
	if err != nil {
		return nil, fmt.Errorf("scheduler: due messages: %w", err)
	}
	msgs, err := scanMessages(rows)
	if err != nil {
		return nil, err
	}
	return msgs, s.fill(ctx, msgs)
}

func (s *Store) materializeOne(ctx context.Context, m Message, until time.Time, dir Directory, pol compliance.Policy, utm bool) (int, error) {
	rcpts, problem := resolve(ctx, m.Recipients, dir)
	occs, next, err := plan(&m, until, rcpts)
	if err != nil {
		return 0, err
	}
	status := MessageActive
	if next.IsZero() {
		status = MessageDone
	}
	created := 0
	err = db.InTx(ctx, s.db.W, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE messages SET cursor = ?, next_at = ?, status = ?
			WHERE id = ? AND updated_at = ? AND status = 'active'`,
			db.FormatTime(until), fmtOpt(next), status, m.ID, db.FormatTime(m.Updated))
		if err != nil {
			return fmt.Errorf("scheduler: advance message %d: %w", m.ID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil // edited or cancelled meanwhile: the next pass sees the new plan
		}
		for _, o := range occs {
			n, err := s.insertDeliveryTx(ctx, tx, &m, o, problem, pol, utm)
			if err != nil {
				return err
			}
			created += n
		}
		return nil
	})
	return created, err
}

// plan lists the occurrences of m up to until and the next one after.
func plan(m *Message, until time.Time, rcpts []minuit.Recipient) ([]occurrence, time.Time, error) {
	var occs []occurrence
	if m.Birthday {
		next := until.Add(rescanEvery)
		from := m.cursor
		for _, r := range rcpts {
			for at, err := m.BirthdayAfter(r.Birthday, from); !at.IsZero(); at, err = m.BirthdayAfter(r.Birthday, at) {
				if err != nil {
					return nil, time.Time{}, err
				}
				if at.After(until) {
					if at.Before(next) {
						next = at
					}
					break
				}
				occs = append(occs, occurrence{at: at, deadline: at.Add(windowOr(m.Window, birthdayGrace)), rcpt: r})
			}
		}
		return occs, next, nil
	}
	at := m.Next
	for n := 0; !at.IsZero() && !at.After(until); n++ {
		following, err := m.OccurrenceAfter(at)
		if err != nil {
			return nil, time.Time{}, err
		}
		deadline := time.Time{}
		if m.Window > 0 {
			deadline = at.Add(m.Window)
		}
		// A recurring occurrence not sent before the next one is due is missed, so a
		// machine that slept for a week sends once, not seven times.
		if !following.IsZero() && (deadline.IsZero() || following.Before(deadline)) {
			deadline = following
		}
		for _, r := range rcpts {
			if !m.isSkipped(at) {
				occs = append(occs, occurrence{at: at, deadline: deadline, rcpt: r})
			}
		}
		at = following
		if n > 1000 {
			break // a very long outage: the rest is caught up by the next pass
		}
	}
	return occs, at, nil
}

func windowOr(w, def time.Duration) time.Duration {
	if w > 0 {
		return w
	}
	return def
}

// resolve turns recipient references into recipients. A problem resolving contacts
// is not fatal: it is recorded on a failed delivery so the user sees it.
func resolve(ctx context.Context, refs []RecipientRef, dir Directory) ([]minuit.Recipient, string) {
	var out []minuit.Recipient
	numbers, ids, groups := SplitRecipients(refs)
	for _, n := range numbers {
		out = append(out, minuit.Recipient{Number: n, Fields: map[string]string{"phone": n}})
	}
	problem := ""
	if cl, ok := dir.(ConsentLookup); ok && len(out) > 0 {
		// A typed number that belongs to a contact gets the contact's placeholders.
		nums := make([]string, len(out))
		for i, r := range out {
			nums[i] = r.Number
		}
		if known, err := cl.Consent(ctx, nums); err == nil {
			for i, r := range out {
				if k, ok := known[r.Number]; ok {
					k.Number = r.Number
					out[i] = k
				}
			}
		}
	}
	if len(ids)+len(groups) > 0 {
		if dir == nil {
			problem = "contacts are not available to this sender"
		} else if rs, err := dir.Resolve(ctx, ids, groups); err != nil {
			problem = "the contacts could not be read: " + err.Error()
		} else {
			out = append(out, rs...)
		}
	}
	// One delivery per number, even when two contacts share it.
	seen := map[string]bool{}
	uniq := out[:0]
	for _, r := range out {
		if r.Number != "" && seen[r.Number] {
			continue
		}
		seen[r.Number] = true
		uniq = append(uniq, r)
	}
	return uniq, problem
}

func (s *Store) insertDeliveryTx(ctx context.Context, tx *sql.Tx, m *Message, o occurrence, problem string, pol compliance.Policy, utm bool) (int, error) {
	body, _ := sms.Render(m.Body, withDefaults(o.rcpt.Fields))
	if utm && m.Kind == minuit.Marketing {
		body = sms.AddUTM(body, itoa(m.ID)) // revenue tracking: the links name this message
	}
	body = pol.BodyFor(m.Kind, m.Body, body) // the STOP footer, judged on the template, counted below
	state, errText := Scheduled, ""
	if o.rcpt.Number == "" {
		state, errText = Failed, "the contact has no mobile number"
	}
	if problem != "" {
		state, errText = Failed, problem
	}
	var contact any
	if o.rcpt.ContactID != 0 {
		contact = o.rcpt.ContactID
	}
	now := s.now()
	final := ""
	if state == Failed {
		final = now
	}
	res, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO deliveries (message_id, occurrence, recipient, contact_id,
		originator, kind, body, segments, state, due, deadline, error, final_at, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		m.ID, db.FormatTime(o.at), o.rcpt.Number, contact, m.Originator, m.Kind, body, sms.Count(body).Parts,
		state, db.FormatTime(o.at), fmtOpt(o.deadline), errText, final, now, now)
	if err != nil {
		return 0, fmt.Errorf("scheduler: create delivery: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// withDefaults makes the usual placeholders render as empty rather than stay as
// "{first_name}" for a typed number.
func withDefaults(f map[string]string) map[string]string {
	out := map[string]string{"name": "", "first_name": "", "last_name": ""}
	for k, v := range f {
		out[k] = v
	}
	return out
}
