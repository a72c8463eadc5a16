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
	"minuit/scheduler/sms"
)

// KeyUTM is the revenue-tracking setting: "on" tags the links of marketing texts
// with utm_source=minuit&utm_medium=sms&utm_campaign=<message id> (sms.AddUTM), so
// that the shop's orders can be attributed to the message that brought them.
// Default off.
const KeyUTM = "revenue.utm"

// UTMOn reads a KeyUTM value.
func UTMOn(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "on", "true", "1", "yes":
		return true
	}
	return false
}

// UTMEnabled reports whether revenue tracking is on.
func (s *Store) UTMEnabled(ctx context.Context) (bool, error) {
	v, err := s.Setting(ctx, KeyUTM, "off")
	return UTMOn(v), err
}

// SentText is a template as it leaves, for counting its parts: a marketing text
// gets its links tagged with utmCampaign ("" when revenue tracking is off) and the
// opt-out footer (footer "" for none). Check, the window's counters and the
// automations count with it.
func SentText(body string, kind minuit.Kind, footer, utmCampaign string) string {
	if kind != minuit.Marketing {
		return body
	}
	if utmCampaign != "" {
		body = sms.AddUTM(body, utmCampaign)
	}
	return compliance.AppendFooter(body, footer)
}

// utmCampaign is the campaign a message being planned will carry when revenue
// tracking is on: its id when editing, else the id the next message gets.
func (s *Store) utmCampaign(ctx context.Context, id int64, editing bool) (string, error) {
	on, err := s.UTMEnabled(ctx)
	if err != nil || !on {
		return "", err
	}
	if editing && id > 0 {
		return itoa(id), nil
	}
	var next int64
	if err := s.db.R.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) + 1 FROM messages`).Scan(&next); err != nil {
		return "", fmt.Errorf("scheduler: next message id: %w", err)
	}
	return itoa(next), nil
}

// ShopOrder is an order of the connected shop, as revenue per campaign needs it.
type ShopOrder struct {
	ID          string
	Name        string // "#1002"
	CustomerID  string
	TotalCents  int64 // hundredths of Currency
	Currency    string
	Campaign    int64 // the message whose link brought it (UTM campaign), 0 for none
	CreatedAt   time.Time
	UpdatedAt   time.Time
	CancelledAt time.Time
}

// SaveOrdersTx stores orders as the shop last showed them (inserted or replaced).
func (s *Store) SaveOrdersTx(ctx context.Context, tx *sql.Tx, os []ShopOrder) error {
	for _, o := range os {
		_, err := tx.ExecContext(ctx, `INSERT INTO shop_orders (id, name, customer_id, total_cents, currency, campaign,
			created_at, updated_at, cancelled_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET name = excluded.name, customer_id = excluded.customer_id,
			total_cents = excluded.total_cents, currency = excluded.currency, campaign = excluded.campaign,
			updated_at = excluded.updated_at, cancelled_at = excluded.cancelled_at`,
			o.ID, o.Name, o.CustomerID, o.TotalCents, o.Currency, o.Campaign, db.FormatTime(o.CreatedAt),
			db.FormatTime(o.UpdatedAt), fmtOpt(o.CancelledAt))
		if err != nil {
			return fmt.Errorf("scheduler: save order %s: %w", o.Name, err)
		}
	}
	return nil
}

// Revenue is what the orders attributed to one message came to.
type Revenue struct {
	Orders   int     `json:"orders"`
	Amount   float64 `json:"revenue"`  // in Currency
	Currency string  `json:"currency"` // ISO 4217, the shop's
}

// Attributed returns, per message id, the orders created in [since, until) (zero
// bounds: open) whose customer journey carried that message's UTM campaign, and
// their total; cancelled orders do not count. Messages without orders are absent.
func (s *Store) Attributed(ctx context.Context, since, until time.Time) (map[int64]Revenue, error) {
	lo, hi := "", "9999"
	if !since.IsZero() {
		lo = db.FormatTime(since)
	}
	if !until.IsZero() {
		hi = db.FormatTime(until)
	}
	rows, err := s.db.R.QueryContext(ctx, `SELECT campaign, currency, count(*), sum(total_cents) FROM shop_orders
		WHERE campaign <> 0 AND created_at >= ? AND created_at < ? AND cancelled_at = ''
		GROUP BY campaign, currency ORDER BY campaign`, lo, hi)
	if err != nil {
		return nil, fmt.Errorf("scheduler: attributed orders: %w", err)
	}
	defer rows.Close()
	out := map[int64]Revenue{}
	for rows.Next() {
		var id, n, cents int64
		var cur string
		if err := rows.Scan(&id, &cur, &n, &cents); err != nil {
			return nil, fmt.Errorf("scheduler: attributed orders: %w", err)
		}
		r := out[id]
		r.Orders += int(n)
		r.Amount += float64(cents) / 100
		r.Currency = cur
		out[id] = r
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("scheduler: attributed orders: %w", err)
	}
	return out, nil
}

// FirstCampaignSince is when the first marketing message made at or after t was
// created (zero: none): how far back a shop's orders are worth reading for revenue
// per campaign.
func (s *Store) FirstCampaignSince(ctx context.Context, t time.Time) (time.Time, error) {
	var v sql.NullString
	err := s.db.R.QueryRowContext(ctx, `SELECT min(created_at) FROM messages WHERE kind = 'marketing' AND created_at >= ?`,
		db.FormatTime(t)).Scan(&v)
	if err != nil {
		return time.Time{}, fmt.Errorf("scheduler: first campaign: %w", err)
	}
	if !v.Valid {
		return time.Time{}, nil
	}
	return db.ParseTime(v.String)
}

// ShopAttribution is the Attribution of a connected shop: each message is credited
// with the orders whose customer journey names it (Attributed), whenever they were
// placed (an order made after a report's period still counts for a message of
// the period; cancelled orders do not count).
type ShopAttribution struct {
	Store *Store
	Shop  bool // a shop is connected
}

// Connected reports whether a shop is connected.
func (a ShopAttribution) Connected() bool { return a.Shop }

// Attribute returns the orders and revenue credited to each of messages.
func (a ShopAttribution) Attribute(ctx context.Context, messages []int64, _, _ time.Time) (map[int64]Attributed, error) {
	out := map[int64]Attributed{}
	for start := 0; start < len(messages); start += 500 {
		chunk := messages[start:min(start+500, len(messages))]
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
		}
		rows, err := a.Store.db.R.QueryContext(ctx, `SELECT campaign, count(*), sum(total_cents) FROM shop_orders
			WHERE campaign IN (?`+strings.Repeat(`, ?`, len(chunk)-1)+`) AND cancelled_at = '' GROUP BY campaign`, args...)
		if err != nil {
			return nil, fmt.Errorf("scheduler: attributed orders: %w", err)
		}
		for rows.Next() {
			var id, n, cents int64
			if err := rows.Scan(&id, &n, &cents); err != nil {
				rows.Close()
				return nil, fmt.Errorf("scheduler: attributed orders: %w", err)
			}
			out[id] = Attributed{Orders: int(n), Revenue: float64(cents) / 100}
		}
		err = rows.Err()
		if cerr := rows.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return nil, fmt.Errorf("scheduler: attributed orders: %w", err)
		}
	}
	return out, nil
}
