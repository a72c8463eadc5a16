package scheduler

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"minuit/internal/db"
	"minuit/scheduler/compliance"
)

// InboundProvider is an optional Provider capability: the SMS customers sent to the
// shop's number. The engine reads them every Config.InboundEvery to act on STOP and
// START replies.
type InboundProvider interface {
	// Inbound returns the replies received since `since` (a provider may return a
	// few older ones too: each is handled once, by ID), in any order.
	Inbound(ctx context.Context, since time.Time) ([]InboundMessage, error)
}

// InboundMessage is one SMS a customer sent.
type InboundMessage struct {
	ID   string    // the provider's id, unique per provider
	From string    // E.164, "+" included
	Body string    // the text
	At   time.Time // when the provider received it
}

// DefaultInboundEvery is how often replies are read when Config.InboundEvery is 0.
const DefaultInboundEvery = 3 * time.Minute

// inboundMargin re-reads replies a little before the cursor, for clock drift and
// providers whose times have whole seconds; each reply is still handled once.
const inboundMargin = 10 * time.Minute

// inboundFirst is how far back the first poll reads, when no cursor is stored.
const inboundFirst = 30 * 24 * time.Hour

// inboundDue is when replies are next read; zero when the provider has none.
func (e *Engine) inboundDue() time.Time {
	if _, ok := e.cfg.Provider.(InboundProvider); !ok {
		return time.Time{}
	}
	return e.nextInbound
}

// pollInbound reads new replies when it is time, and acts on each once: a STOP
// records the opt-out (Config.OnOptOut) and skips the number's pending marketing
// deliveries; a START records the opt-in (Config.OnOptIn). Other replies are kept
// for the reports and otherwise ignored.
func (e *Engine) pollInbound(ctx context.Context) error {
	ip, ok := e.cfg.Provider.(InboundProvider)
	now := e.cfg.Clock.Now()
	if !ok || now.Before(e.nextInbound) {
		return nil
	}
	e.nextInbound = now.Add(e.cfg.InboundEvery)
	st := e.cfg.Store
	since := now.Add(-inboundFirst)
	if v, err := st.Setting(ctx, KeyInboundSince, ""); err != nil {
		return err
	} else if t, err := db.ParseTime(v); err == nil && !t.IsZero() {
		since = t.Add(-inboundMargin)
	}
	msgs, err := ip.Inbound(ctx, since)
	var pe *ProviderError
	if errors.As(err, &pe) {
		// The provider cannot answer now: the next poll reads the same replies. After
		// ReadFailures in a row the user is told once that STOP replies are unseen.
		if ev, tell := e.inbound.failed(pe.Reason, now); tell {
			e.cfg.OnEvent(ev)
		}
		return nil
	} else if err != nil {
		return fmt.Errorf("scheduler: read the replies: %w", err)
	}
	e.inbound.worked()
	slices.SortStableFunc(msgs, func(a, b InboundMessage) int { return a.At.Compare(b.At) })
	r, err := e.rules(ctx)
	if err != nil {
		return err
	}
	cursor := time.Time{}
	defer func() {
		if !cursor.IsZero() {
			_ = st.SetSetting(context.WithoutCancel(ctx), KeyInboundSince, db.FormatTime(cursor))
		}
	}()
	for _, m := range msgs {
		m.From = e164(m.From)
		seen, err := st.replySeen(ctx, e.cfg.Provider.Name(), m.ID)
		if err != nil {
			return err
		}
		if seen {
			continue
		}
		action, hook, kind := "none", e.cfg.OnOptIn, EventOptIn
		switch {
		case compliance.MatchOptOut(m.Body, r.OptOut):
			action, hook, kind = "opt-out", e.cfg.OnOptOut, EventOptOut
		case compliance.MatchOptIn(m.Body, r.OptIn):
			action = "opt-in"
		}
		if action != "none" && hook != nil {
			proof := fmt.Sprintf("SMS reply %q from %s received %s (%s message %s)", m.Body, m.From,
				m.At.UTC().Format(time.RFC3339), e.cfg.Provider.Name(), m.ID)
			if err := hook(ctx, m.From, proof, m.At); err != nil {
				return fmt.Errorf("scheduler: record the %s of %s: %w", action, m.From, err)
			}
		}
		evs, err := st.recordReply(ctx, e.cfg.Provider.Name(), m, action, now)
		if err != nil {
			return err
		}
		if action != "none" {
			evs = append([]Event{{Kind: kind, To: m.From, Reason: m.Body, At: m.At}}, evs...)
		}
		e.emit(evs)
		if m.At.After(cursor) {
			cursor = m.At
		}
	}
	return nil
}

func (s *Store) replySeen(ctx context.Context, provider, id string) (bool, error) {
	var n int
	err := s.db.R.QueryRowContext(ctx, `SELECT count(*) FROM inbound_replies WHERE provider = ? AND provider_id = ?`,
		provider, id).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("scheduler: read the replies: %w", err)
	}
	return n > 0, nil
}

// recordReply keeps a reply and, for an opt-out, skips its number's pending
// marketing deliveries (transactional ones are left alone), in one transaction.
func (s *Store) recordReply(ctx context.Context, provider string, m InboundMessage, action string, now time.Time) ([]Event, error) {
	t := db.FormatTime(now)
	var evs []Event
	err := db.InTx(ctx, s.db.W, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO inbound_replies
			(provider, provider_id, number, body, received_at, action, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			provider, m.ID, m.From, m.Body, db.FormatTime(m.At), action, t)
		if err != nil {
			return fmt.Errorf("scheduler: record a reply: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 || action != "opt-out" {
			return nil
		}
		why := fmt.Sprintf("Not sent: the contact replied %q on %s to stop marketing messages.", m.Body,
			m.At.UTC().Format("2006-01-02 15:04 UTC"))
		evs, err = skipMarketingTx(ctx, tx, m.From, why, now)
		return err
	})
	if err != nil {
		return nil, err
	}
	return evs, nil
}

// skipMarketingTx skips the pending marketing deliveries of number (transactional
// ones are left alone) and asks the engine to withdraw its handed-off ones: the
// number opted out, for the reason why.
func skipMarketingTx(ctx context.Context, tx *sql.Tx, number, why string, now time.Time) ([]Event, error) {
	t := db.FormatTime(now)
	rows, err := tx.QueryContext(ctx, `UPDATE deliveries SET state = 'skipped', error = ?, policy_reason = ?,
		policy_note = ?, final_at = ?, updated_at = ?
		WHERE recipient = ? AND state IN ('scheduled', 'retryable') AND kind = 'marketing'
		RETURNING id, message_id`, why, ReasonOptedOutByReply, why, t, t, number)
	if err != nil {
		return nil, fmt.Errorf("scheduler: skip the marketing of %s: %w", number, err)
	}
	defer rows.Close()
	var evs []Event
	for rows.Next() {
		ev := Event{Kind: EventSkipped, To: number, Reason: why, At: now}
		if err := rows.Scan(&ev.DeliveryID, &ev.MessageID); err != nil {
			return nil, fmt.Errorf("scheduler: skip the marketing of %s: %w", number, err)
		}
		evs = append(evs, ev)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("scheduler: skip the marketing of %s: %w", number, err)
	}
	return evs, withdrawHandedOffTx(ctx, tx, t, Skipped, why, ReasonOptedOutByReply, `recipient = ? AND kind = 'marketing'`, number)
}

// e164 adds the "+" providers drop from numbers made only of digits.
func e164(n string) string {
	n = strings.TrimSpace(n)
	if n != "" && !strings.HasPrefix(n, "+") && strings.Trim(n, "0123456789") == "" {
		return "+" + n
	}
	return n
}
