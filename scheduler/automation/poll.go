package automation

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"minuit/internal/db"
	"minuit/scheduler"
	"minuit/scheduler/shopify"
)

// Overlap is how far back each poll reads again before the newest change it saw:
// changes Shopify indexes late are not missed, and firing once per object makes
// reading twice harmless.
const Overlap = 10 * time.Minute

// ordersBack is how far before the connection the first poll may read orders, when
// campaigns were sent then (revenue per campaign): the 60 days Shopify shows
// without read_all_orders.
const ordersBack = 60 * 24 * time.Hour

// Shop is the store as the poller reads it (*shopify.Client).
type Shop interface {
	Domain() string
	Shop(ctx context.Context) (shopify.ShopInfo, error)
	Customers(ctx context.Context, since time.Time, fn func([]shopify.Customer) error) error
	Orders(ctx context.Context, since time.Time, fn func([]shopify.Order) error) error
	AbandonedCheckouts(ctx context.Context, since time.Time, fn func([]shopify.Checkout) error) error
}

// CustomerSink keeps the store's customers in the contacts (app/ adapts the
// contacts store, which the scheduler never imports).
type CustomerSink interface {
	SyncCustomers(ctx context.Context, cs []shopify.Customer) error
}

// Poller reads the store and fires the automations.
type Poller struct {
	Store     *scheduler.Store
	Shop      Shop
	Customers CustomerSink // nil: customers are not synced into the contacts
	Region    string       // for numbers without a country code; "" FR
	// Wake is called when messages were planned, so that they leave at once. May be nil.
	Wake func()
}

// pass is one poll under way.
type pass struct {
	f             *Firer
	cutoff, start time.Time // the store's connection; when the poll began
	res           *Result
}

// count tallies what Fire did.
func (r *pass) count(o Outcome) {
	switch o {
	case Planned:
		r.res.Planned++
	case Skipped:
		r.res.Skipped++
	}
}

// Result is what one poll did.
type Result struct {
	Customers, Orders, Checkouts int // read
	Planned, Skipped             int // texts made, and events recorded as skipped
}

// Poll reads what changed in the store since the last poll (customers, then
// orders with their fulfillments, then abandoned checkouts), fires the automations
// and reminds the carts that are due. Each list's cursor moves only once it was
// read whole; a list that fails does not stop the others. The error joins those of
// the lists; the first one is kept for the status.
func (p *Poller) Poll(ctx context.Context) (Result, error) {
	var res Result
	st := p.Store
	if err := p.connect(ctx); err != nil {
		return res, p.finish(ctx, err)
	}
	cutoff, name, err := p.start(ctx)
	if err != nil {
		return res, p.finish(ctx, err)
	}
	f, err := NewFirer(ctx, st, cutoff, name, p.region())
	if err != nil {
		return res, err
	}
	r := &pass{f: f, cutoff: cutoff, start: st.Now(), res: &res}
	errs := []error{p.customers(ctx, r), p.orders(ctx, r), p.checkouts(ctx, r)}
	if res.Planned > 0 && p.Wake != nil {
		p.Wake()
	}
	return res, p.finish(ctx, errors.Join(errs...))
}

func (p *Poller) region() string {
	if p.Region == "" {
		return "FR"
	}
	return p.Region
}

// connect records the store when it is the first, or another one than before.
func (p *Poller) connect(ctx context.Context) error {
	was, err := p.Store.Setting(ctx, KeyShop, "")
	if err != nil || was == p.Shop.Domain() {
		return err
	}
	return Connect(ctx, p.Store, p.Shop.Domain(), "")
}

// start reads the cut-off and the shop's name (asked once).
func (p *Poller) start(ctx context.Context) (time.Time, string, error) {
	at, err := p.Store.Setting(ctx, KeyConnectedAt, "")
	if err != nil {
		return time.Time{}, "", err
	}
	cutoff, err := db.ParseTime(at)
	if err != nil {
		return time.Time{}, "", err
	}
	name, err := p.Store.Setting(ctx, KeyShopName, "")
	if err != nil || name != "" {
		return cutoff, name, err
	}
	info, err := p.Shop.Shop(ctx)
	if err != nil {
		return time.Time{}, "", err
	}
	return cutoff, info.Name, p.Store.SetSetting(ctx, KeyShopName, info.Name)
}

// finish records when the poll ran and its first problem ("" none).
func (p *Poller) finish(ctx context.Context, err error) error {
	problem := ""
	if err != nil {
		b, _ := json.Marshal(problemMsg(err))
		problem = string(b)
	}
	if serr := p.Store.SetSetting(ctx, KeyLastPoll, db.FormatTime(p.Store.Now())); serr != nil && err == nil {
		err = serr
	}
	if serr := p.Store.SetSetting(ctx, KeyLastError, problem); serr != nil && err == nil {
		err = serr
	}
	return err
}

// cursor reads a list's cursor, less Overlap: where the next read starts (first:
// when the list was never read whole).
func (p *Poller) cursor(ctx context.Context, list string, first time.Time) (time.Time, error) {
	v, err := p.Store.Setting(ctx, setCursor+list, "")
	if err != nil || v == "" {
		return first, err
	}
	t, err := db.ParseTime(v)
	if err != nil {
		return first, nil // unreadable: read again from the start
	}
	return t.Add(-Overlap), nil
}

// saveCursor records that a list was read whole as of the poll's start (or its
// newest change, when Shopify's clock is ahead of ours): the next read starts
// Overlap before, so an idle store costs a read of ten minutes of nothing.
func (p *Poller) saveCursor(ctx context.Context, list string, r *pass, newest time.Time) error {
	newest = later(newest, r.start)
	v, err := p.Store.Setting(ctx, setCursor+list, "")
	if err != nil {
		return err
	}
	if old, _ := db.ParseTime(v); !newest.After(old) {
		return nil
	}
	return p.Store.SetSetting(ctx, setCursor+list, db.FormatTime(newest))
}

func (p *Poller) customers(ctx context.Context, r *pass) error {
	since, err := p.cursor(ctx, "customers", time.Time{})
	if err != nil {
		return err
	}
	var newest time.Time
	err = p.Shop.Customers(ctx, since, func(cs []shopify.Customer) error {
		if p.Customers != nil {
			if err := p.Customers.SyncCustomers(ctx, cs); err != nil {
				return err
			}
		}
		for _, c := range cs {
			r.res.Customers++
			newest = later(newest, c.UpdatedAt)
			if c.SMSState != shopify.SMSSubscribed || c.SMSUpdatedAt.IsZero() {
				continue // a consent without a date cannot be told new
			}
			o, err := r.f.Fire(ctx, Event{Automation: Welcome, ObjectID: c.ID, Label: customerLabel(c), At: c.SMSUpdatedAt,
				Phone: c.Phone, Fields: map[string]string{FieldFirstName: c.FirstName}})
			if err != nil {
				return err
			}
			r.count(o)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return p.saveCursor(ctx, "customers", r, newest)
}

func customerLabel(c shopify.Customer) string {
	if c.FirstName+c.LastName != "" {
		return "customer " + c.ID + " (" + trimJoin(c.FirstName, c.LastName) + ")"
	}
	return "customer " + c.ID
}

func trimJoin(a, b string) string {
	if a == "" || b == "" {
		return a + b
	}
	return a + " " + b
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
