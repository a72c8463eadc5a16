package automation

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"minuit/internal/db"
	"minuit/internal/minuit"
	"minuit/internal/phone"
	"minuit/internal/usererr"
	"minuit/scheduler"
	"minuit/scheduler/compliance"
	"minuit/scheduler/sms"
)

// Event is one thing in the store an automation answers.
type Event struct {
	Automation Name
	ObjectID   string // the order's, fulfillment's, checkout's or customer's id
	Label      string // what the shop owner knows it by: "#1002", a customer's name
	At         time.Time
	Phone      string            // as Shopify has it
	Fields     map[string]string // the template's placeholders
	Cancelled  bool              // a cancelled order: recorded as skipped, never sent
}

// wallSeconds is the send time's layout: scheduler.WallLayout with seconds.
const wallSeconds = "2006-01-02 15:04:05"

// Outcome is what Fire did.
type Outcome string

// Outcomes.
const (
	Ignored Outcome = ""        // off, before the cut-off, or already fired
	Planned Outcome = "planned" // a message was made
	Skipped Outcome = "skipped" // a skipped delivery says why not
)

// Firer fires automations for one poll: it holds the settings it read at the start.
type Firer struct {
	st       *scheduler.Store
	region   string
	cutoff   time.Time // the store's connection
	shopName string
	footer   string // the opt-out footer of marketing texts ("" none)
	settings map[Name]Settings
}

// NewFirer reads the automations' settings. Events before cutoff never fire;
// region reads numbers without a country code.
func NewFirer(ctx context.Context, st *scheduler.Store, cutoff time.Time, shopName, region string) (*Firer, error) {
	all, err := LoadAll(ctx, st)
	if err != nil {
		return nil, err
	}
	footer, err := st.Setting(ctx, scheduler.KeyFooter, scheduler.DefaultFooter)
	if err != nil {
		return nil, err
	}
	f := &Firer{st: st, region: region, cutoff: cutoff, shopName: shopName, footer: scheduler.FooterText(footer),
		settings: map[Name]Settings{}}
	for _, s := range all {
		f.settings[s.Name] = s
	}
	return f, nil
}

// Fire answers ev at most once: whatever the number of polls that see it, and
// across restarts, one row of automation_fires is written with the message it made
// (or the skipped delivery that says why not), in one transaction.
func (f *Firer) Fire(ctx context.Context, ev Event) (Outcome, error) {
	s, ok := f.settings[ev.Automation]
	sp, _ := SpecOf(ev.Automation)
	// Shopify's times are to the second: an event of the same second as the cut-off counts as after it.
	if !ok || !s.On || ev.At.Before(f.cutoff.Truncate(time.Second)) || ev.At.Before(s.OnSince.Truncate(time.Second)) {
		return Ignored, nil
	}
	if done, err := f.fired(ctx, ev); err != nil || done {
		return Ignored, err
	}
	now := f.st.Now()
	fields := map[string]string{FieldShopName: f.shopName, FieldFirstName: ""}
	for k, v := range ev.Fields {
		fields[k] = v
	}
	plain, _ := sms.Render(s.Text, fields)
	body := Render(s.Text, fields)
	if s.Kind == minuit.Marketing {
		// The footer is judged on the template, never on what a customer's name
		// puts in the text (a customer named "STOP SMS" keeps it).
		body = compliance.AppendFooterFor(s.Text, body, escape(f.footer))
	}
	m := scheduler.Message{Body: body, Kind: s.Kind, TZ: "UTC",
		Source: "shopify:" + string(ev.Automation) + " " + ev.Label}
	deadline := ev.At.Add(sp.MaxLate)
	number, numErr := phone.Normalize(ev.Phone, f.region)
	reason, note := "", ""
	switch {
	case ev.Cancelled:
		reason, note = ReasonCancelled, fmt.Sprintf("The order %s was cancelled before its confirmation left.", ev.Label)
	case now.After(deadline):
		reason, note = ReasonTooLate, fmt.Sprintf("%s came %s ago: %s more than %s late is not sent.",
			ev.Label, Duration(now.Sub(ev.At)), sp.What, Duration(sp.MaxLate))
	case numErr != nil:
		reason, note = ReasonNoNumber, fmt.Sprintf("%s: the customer has no mobile number to text.", ev.Label)
		number = ""
	default:
		// To the second, so that history's lateness counts from the event.
		start := now.UTC().Truncate(time.Second)
		if due := ev.At.Add(s.Delay).UTC(); due.After(now) {
			start = due.Truncate(time.Second)
		}
		m.At, m.Window = start.Format(wallSeconds), deadline.Sub(start)
		m.Recipients = []scheduler.RecipientRef{{Kind: scheduler.ToNumber, Value: number}}
	}
	outcome := Planned
	err := f.st.InTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO automation_fires (automation, object_id, label, outcome, reason,
			event_at, fired_at) VALUES (?, ?, ?, 'planned', '', ?, ?) ON CONFLICT DO NOTHING`,
			string(ev.Automation), ev.ObjectID, ev.Label, db.FormatTime(ev.At), db.FormatTime(now))
		if err != nil {
			return fmt.Errorf("automation: record %s %s: %w", ev.Automation, ev.Label, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			outcome = Ignored // another poll fired it meanwhile
			return nil
		}
		var id int64
		if reason == "" {
			id, err = f.st.CreateMessageTx(ctx, tx, m)
			var pe scheduler.PlanErrors
			if errors.As(err, &pe) {
				reason, note = ReasonRefused, fmt.Sprintf("%s: the text was refused: %s", ev.Label, usererr.Sentence(err))
			} else if err != nil {
				return err
			}
		}
		if reason != "" {
			outcome = Skipped
			m.Body = plain // stored as it is, never rendered again
			if id, err = f.st.RecordSkippedTx(ctx, tx, m, number, reason, note); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, `UPDATE automation_fires SET message_id = ?, outcome = ?, reason = ?
			WHERE automation = ? AND object_id = ?`, id, string(outcome), reason, string(ev.Automation), ev.ObjectID)
		if err != nil {
			return fmt.Errorf("automation: record %s %s: %w", ev.Automation, ev.Label, err)
		}
		return nil
	})
	if err != nil {
		return Ignored, err
	}
	return outcome, nil
}

// fired reports whether ev's automation already answered it (a cheap read before
// the transaction, which decides).
func (f *Firer) fired(ctx context.Context, ev Event) (bool, error) {
	var one int
	err := f.st.DB().R.QueryRowContext(ctx, `SELECT 1 FROM automation_fires WHERE automation = ? AND object_id = ?`,
		string(ev.Automation), ev.ObjectID).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("automation: read firings: %w", err)
	}
	return true, nil
}
