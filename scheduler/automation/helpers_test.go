package automation_test

import (
	"context"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"minuit/internal/db"
	"minuit/internal/minuit"
	"minuit/scheduler"
	"minuit/scheduler/automation"
	"minuit/scheduler/sandbox"
	"minuit/scheduler/shopify"
	"minuit/scheduler/shopify/shopifyemu"
)

var t0 = time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC) // a Tuesday morning: no quiet hours

const phone = "+33612345678"

// env is a store connected to an emulated shop, with the real engine on the sandbox.
type env struct {
	t      testing.TB
	ctx    context.Context
	path   string
	clock  *shopifyemu.Clock
	emu    *shopifyemu.Server
	d      *db.DB
	st     *scheduler.Store
	eng    *scheduler.Engine
	dir    *directory
	poller *automation.Poller
}

// newEnv connects a fresh store to an emulated shop at t0 (a first poll).
func newEnv(t testing.TB) *env {
	t.Helper()
	clock := shopifyemu.NewClock(t0)
	emu := shopifyemu.New(shopifyemu.WithClock(clock.Now), shopifyemu.WithToken("shpat_test"),
		shopifyemu.WithClient("cid", "csecret"))
	t.Cleanup(emu.Close)
	e := &env{t: t, ctx: context.Background(), path: filepath.Join(t.TempDir(), "minuit.db"), clock: clock, emu: emu,
		dir: &directory{consent: map[string]minuit.Consent{}}}
	e.open()
	e.poll()
	return e
}

// open opens (or reopens, after a "restart") the database, engine and poller.
func (e *env) open() {
	d, err := db.Open(e.path)
	if err != nil {
		e.t.Fatal(err)
	}
	e.t.Cleanup(func() { _ = d.Close() })
	st, err := scheduler.Open(e.ctx, d, e.clock.Now)
	if err != nil {
		e.t.Fatal(err)
	}
	prov, err := sandbox.New(e.ctx, d, e.clock.Now)
	if err != nil {
		e.t.Fatal(err)
	}
	e.d, e.st = d, st
	e.eng = scheduler.New(scheduler.Config{Store: st, Provider: prov, Clock: e.clock, Directory: e.dir})
	e.poller = e.newPoller(shopify.Config{Token: "shpat_test"})
}

func (e *env) newPoller(cfg shopify.Config) *automation.Poller {
	cfg.Shop, cfg.BaseURL, cfg.Clock = "ma-boutique", e.emu.URL, e.clock
	c, err := shopify.New(cfg)
	if err != nil {
		e.t.Fatal(err)
	}
	return &automation.Poller{Store: e.st, Shop: c, Customers: e.dir}
}

func (e *env) poll() automation.Result {
	e.t.Helper()
	r, err := e.poller.Poll(e.ctx)
	if err != nil {
		e.t.Fatalf("poll: %v", err)
	}
	return r
}

// send runs one pass of the engine.
func (e *env) send() {
	e.t.Helper()
	if _, err := e.eng.Pass(e.ctx); err != nil {
		e.t.Fatal(err)
	}
}

func (e *env) turnOn(n automation.Name, change func(*automation.Settings)) {
	e.t.Helper()
	s, err := automation.Load(e.ctx, e.st, n)
	if err != nil {
		e.t.Fatal(err)
	}
	s.On = true
	if change != nil {
		change(&s)
	}
	if err := automation.Save(e.ctx, e.st, s); err != nil {
		e.t.Fatal(err)
	}
}

func (e *env) history() []scheduler.Delivery {
	e.t.Helper()
	ds, _, err := e.st.History(e.ctx, scheduler.HistoryQuery{Limit: 1000})
	if err != nil {
		e.t.Fatal(err)
	}
	return ds
}

// customer adds a customer with the test phone number.
func (e *env) customer(first string) string {
	return e.emu.AddCustomer(shopify.Customer{FirstName: first, Phone: phone})
}

// directory is the contacts as the engine and the poller see them: consent by
// number, and the customers the poller synced.
type directory struct {
	mu      sync.Mutex
	consent map[string]minuit.Consent
	synced  int
}

// Resolve finds the contacts by id: the id of a number is its last four digits.
func (d *directory) Resolve(_ context.Context, ids []int64, _ []string) ([]minuit.Recipient, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	var out []minuit.Recipient
	for n, c := range d.consent {
		for _, id := range ids {
			if id == contactID(n) {
				out = append(out, minuit.Recipient{ContactID: id, Number: n, Consent: c})
			}
		}
	}
	return out, nil
}

func (d *directory) Consent(_ context.Context, numbers []string) (map[string]minuit.Recipient, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := map[string]minuit.Recipient{}
	for _, n := range numbers {
		if c, ok := d.consent[n]; ok {
			out[n] = minuit.Recipient{ContactID: contactID(n), Number: n, Consent: c}
		}
	}
	return out, nil
}

func contactID(number string) int64 {
	id, _ := strconv.ParseInt(number[len(number)-4:], 10, 64)
	return id
}

func (d *directory) SyncCustomers(_ context.Context, cs []shopify.Customer) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, c := range cs {
		d.synced++
		if c.SMSState == shopify.SMSSubscribed {
			d.consent[c.Phone] = "opted-in"
		}
	}
	return nil
}

func (d *directory) optIn(number string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.consent[number] = "opted-in"
}
