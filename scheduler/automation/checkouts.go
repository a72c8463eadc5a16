package automation

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"minuit/internal/db"
	"minuit/scheduler/shopify"
)

// checkouts reads the abandoned checkouts that changed, keeps those still open,
// drops the completed ones, then reminds those due.
func (p *Poller) checkouts(ctx context.Context, r *pass) error {
	since, err := p.cursor(ctx, "checkouts", r.cutoff)
	if err != nil {
		return err
	}
	var newest time.Time
	err = p.Shop.AbandonedCheckouts(ctx, since, func(chs []shopify.Checkout) error {
		return p.Store.InTx(ctx, func(tx *sql.Tx) error {
			for _, ch := range chs {
				r.res.Checkouts++
				newest = later(newest, ch.UpdatedAt)
				if err := keepCheckout(ctx, tx, ch, r.cutoff); err != nil {
					return err
				}
			}
			return nil
		})
	})
	if err == nil {
		err = p.saveCursor(ctx, "checkouts", r, newest)
	}
	if rerr := p.remind(ctx, r); err == nil {
		err = rerr
	}
	return err
}

// keepCheckout stores an open checkout updated after the connection, and forgets
// a completed one.
func keepCheckout(ctx context.Context, tx *sql.Tx, ch shopify.Checkout, cutoff time.Time) error {
	if !ch.CompletedAt.IsZero() || ch.UpdatedAt.Before(cutoff) {
		_, err := tx.ExecContext(ctx, `DELETE FROM shop_checkouts WHERE id = ?`, ch.ID)
		return wrap("forget a checkout", err)
	}
	phone, first := ch.Customer.Phone, ch.Customer.FirstName
	if phone == "" {
		phone = ch.Phone
	}
	if first == "" {
		first = ch.FirstName
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO shop_checkouts (id, name, customer_id, first_name, phone, url, created_at,
		updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name,
		customer_id = excluded.customer_id, first_name = excluded.first_name, phone = excluded.phone, url = excluded.url,
		updated_at = excluded.updated_at`, ch.ID, ch.Name, ch.Customer.ID, first, phone, ch.URL,
		db.FormatTime(ch.CreatedAt), db.FormatTime(ch.UpdatedAt))
	return wrap("keep a checkout", err)
}

type pendingCheckout struct {
	id, name, customer, first, phone, url string
	created, updated                      time.Time
}

// remind fires the reminder of each open checkout whose last change is the
// automation's delay old, unless its customer ordered since it was started; a
// checkout is forgotten once decided.
func (p *Poller) remind(ctx context.Context, r *pass) error {
	s, ok := r.f.settings[AbandonedCheckout]
	if !ok {
		return nil
	}
	rows, err := p.Store.DB().R.QueryContext(ctx, `SELECT id, name, customer_id, first_name, phone, url, created_at, updated_at
		FROM shop_checkouts WHERE updated_at <= ? ORDER BY updated_at`, db.FormatTime(p.Store.Now().Add(-s.Delay)))
	if err != nil {
		return wrap("read checkouts", err)
	}
	var due []pendingCheckout
	for rows.Next() {
		var c pendingCheckout
		var created, updated string
		if err := rows.Scan(&c.id, &c.name, &c.customer, &c.first, &c.phone, &c.url, &created, &updated); err != nil {
			rows.Close()
			return wrap("read checkouts", err)
		}
		c.created, _ = db.ParseTime(created)
		c.updated, _ = db.ParseTime(updated)
		due = append(due, c)
	}
	if err := rows.Close(); err != nil {
		return wrap("read checkouts", err)
	}
	for _, c := range due {
		ordered, err := p.orderedSince(ctx, c.customer, c.created)
		if err != nil {
			return err
		}
		if !ordered {
			o, err := r.f.Fire(ctx, Event{Automation: AbandonedCheckout, ObjectID: c.id, Label: "checkout " + c.name, At: c.updated,
				Phone: c.phone, Fields: map[string]string{FieldFirstName: c.first, "checkout_url": c.url}})
			if err != nil {
				return err
			}
			r.count(o)
		}
		if _, err := p.Store.DB().W.ExecContext(ctx, `DELETE FROM shop_checkouts WHERE id = ? AND updated_at = ?`,
			c.id, db.FormatTime(c.updated)); err != nil {
			return wrap("forget a checkout", err)
		}
	}
	return nil
}

// orderedSince reports whether the customer placed an order at or after t.
func (p *Poller) orderedSince(ctx context.Context, customer string, t time.Time) (bool, error) {
	if customer == "" {
		return false, nil
	}
	var n int
	err := p.Store.DB().R.QueryRowContext(ctx, `SELECT count(*) FROM shop_orders WHERE customer_id = ? AND created_at >= ?`,
		customer, db.FormatTime(t)).Scan(&n)
	return n > 0, wrap("read orders", err)
}

func wrap(what string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("automation: %s: %w", what, err)
}
