package app

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"time"

	"minuit/scheduler/automation"
	"minuit/scheduler/shopify"
	"minuit/scheduler/shopify/shopifyemu"
)

// syncSetup is a data folder connected to an emulated store of n customers and n
// orders, sharing a clock whose waits for the bucket cost no real time.
func syncSetup(b *testing.B, n int) (*automation.Poller, *shopifyemu.Server, *shopifyemu.Clock, *shopify.Client) {
	b.Helper()
	e, err := openEnv(b.Context(), b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = e.Close() })
	if err := automation.Connect(b.Context(), e.store, "ma-boutique.myshopify.com", "Ma Boutique"); err != nil {
		b.Fatal(err)
	}
	clock := shopifyemu.NewClock(time.Now().UTC().Add(time.Minute)) // the store's orders come after the connection
	e.store.Now = clock.Now                                         // one clock for Minuit and the store
	emu := shopifyemu.New(shopifyemu.WithClock(clock.Now), shopifyemu.WithToken("shpat_bench"))
	b.Cleanup(emu.Close)
	for i := range n {
		cid := emu.AddCustomer(shopify.Customer{FirstName: fmt.Sprint("Client", i), LastName: "Test", Email: fmt.Sprintf("c%d@example.fr", i),
			Phone: fmt.Sprintf("+3361%07d", i), Tags: []string{"VIP"}, SMSState: shopify.SMSSubscribed, SMSUpdatedAt: clock.Now().Add(-time.Hour)})
		emu.AddOrder(shopify.Order{Total: "49.90", Customer: shopify.Person{ID: cid}, LastVisit: &shopify.Visit{Source: "minuit", Campaign: "7"}})
		clock.Advance(time.Millisecond)
	}
	clock.Advance(time.Second)
	c, err := shopify.New(shopify.Config{Shop: "ma-boutique", BaseURL: emu.URL, Token: "shpat_bench", Clock: clock})
	if err != nil {
		b.Fatal(err)
	}
	return &automation.Poller{Store: e.store, Shop: c, Customers: contactSink{e.contacts}}, emu, clock, c
}

// BenchmarkShopifyFirstSync reads a store of 10,000 customers and 10,000 orders
// for the first time: customers into the contacts, orders for revenue. It reports
// the wall time, the requests and query cost, and how long a Standard plan's
// bucket (1,000 points, 100 a second) makes it wait (on the shared clock).
func BenchmarkShopifyFirstSync(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		p, emu, clock, c := syncSetup(b, 10_000)
		b.StartTimer()
		r, err := p.Poll(context.Background())
		if err != nil || r.Customers != 10_000 || r.Orders != 10_000 {
			b.Fatalf("poll %+v, %v", r, err)
		}
		b.StopTimer()
		cost, st := c.Cost(), emu.Stats()
		b.ReportMetric(float64(cost.Requests), "requests")
		b.ReportMetric(float64(st.Actual), "points")
		b.ReportMetric(clock.Slept().Seconds(), "bucket-wait-s")
		b.ReportMetric(float64(cost.Throttled), "throttled")
		b.StartTimer()
	}
}

// BenchmarkShopifyIdlePoll is one poll of a store where nothing changed (after the
// first sync of 1,000 customers and orders): its CPU time, the emulator's
// included, and what 60 polls an hour cost (goal ≤ 1 CPU-s/h).
func BenchmarkShopifyIdlePoll(b *testing.B) {
	p, _, clock, _ := syncSetup(b, 1000)
	for range 2 { // the first sync, then the read of its last ten minutes again
		if _, err := p.Poll(context.Background()); err != nil {
			b.Fatal(err)
		}
		clock.Advance(time.Hour) // the bucket is full again, the overlap window empty
	}
	cpu0 := cpuTime()
	n := 0
	for b.Loop() {
		clock.Advance(time.Minute)
		if r, err := p.Poll(context.Background()); err != nil || r.Planned+r.Orders+r.Customers != 0 {
			b.Fatalf("idle poll %+v, %v", r, err)
		}
		n++
	}
	perPoll := (cpuTime() - cpu0) / time.Duration(n)
	b.ReportMetric(float64(perPoll.Microseconds())/1000, "cpu-ms/poll")
	b.ReportMetric((perPoll * 60).Seconds(), "cpu-s/h")
}

// BenchmarkShopifyOrderToText measures, through the real background sender on the
// sandbox polling every 2 s, the time from an order appearing in the store to its
// confirmation leaving (goal ≤ the poll interval + 1 s).
func BenchmarkShopifyOrderToText(b *testing.B) {
	const every = 2 * time.Second
	emu := shopifyemu.New(shopifyemu.WithToken("shpat_bench"))
	b.Cleanup(emu.Close)
	b.Setenv(EnvShopifyURL, emu.URL)
	b.Setenv(EnvShopifyShop, "ma-boutique")
	b.Setenv(EnvShopifyToken, "shpat_bench")
	b.Setenv(EnvShopifyPoll, every.String())
	b.Setenv(EnvProvider, "sandbox")
	dir := b.TempDir()
	var out bytes.Buffer
	if code := Main([]string{"automations", "set", "order-confirmation", "on", "--data", dir}, &out, &out); code != 0 {
		b.Fatal(out.String())
	}
	ctx, cancel := context.WithCancel(b.Context())
	sent := &lineWaiter{want: "msg=sent", hit: make(chan string, 16)}
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"serve", "--data", dir}, &bytes.Buffer{}, sent) }()
	defer func() { cancel(); <-done }()
	cid := emu.AddCustomer(shopify.Customer{FirstName: "Bench", Phone: "+33612345678"})
	var worst, total time.Duration
	n := 0
	for b.Loop() {
		t0 := time.Now()
		emu.AddOrder(shopify.Order{Total: "10.00", Customer: shopify.Person{ID: cid}})
		select {
		case <-sent.hit:
		case err := <-done:
			b.Fatalf("serve stopped: %v", err)
		case <-time.After(every + 10*time.Second):
			b.Fatal("the confirmation did not leave")
		}
		d := time.Since(t0)
		worst, total, n = max(worst, d), total+d, n+1
	}
	b.ReportMetric(worst.Seconds(), "worst-s")
	b.ReportMetric((total / time.Duration(n)).Seconds(), "mean-s")
	b.ReportMetric((worst - every).Seconds(), "worst-minus-poll-s")
}
