package automation_test

import (
	"strings"
	"sync"
	"testing"
	"time"

	"minuit/internal/minuit"
	"minuit/scheduler"
	"minuit/scheduler/automation"
	"minuit/scheduler/shopify"
)

func TestAnOrderSendsOneConfirmation(t *testing.T) {
	e := newEnv(t)
	e.turnOn(automation.OrderConfirmation, nil)
	e.clock.Advance(time.Minute)
	e.emu.AddOrder(shopify.Order{Total: "49.9", Customer: shopify.Person{ID: e.customer("Lucie")}})
	if r := e.poll(); r.Planned != 1 || r.Orders != 1 {
		t.Fatalf("poll %+v, want one confirmation planned", r)
	}
	e.send()
	for range 3 { // the overlap window reads it again: nothing more
		e.clock.Advance(time.Minute)
		if r := e.poll(); r.Planned != 0 {
			t.Fatalf("a later poll planned %d more", r.Planned)
		}
		e.send()
	}
	ds := e.history()
	if len(ds) != 1 {
		t.Fatalf("%d deliveries, want 1", len(ds))
	}
	d := ds[0]
	want := "Bonjour Lucie, merci pour votre commande #1001 de 49,90 € ! Nous vous prévenons dès son expédition. Ma Boutique"
	if !left(d) || d.To != phone || d.Body != want || d.Source != "shopify:order-confirmation #1001" ||
		d.Kind != minuit.Transactional {
		t.Fatalf("delivery %+v\nbody %q", d, d.Body)
	}
}

func TestOrdersFromBeforeTheConnectionNeverTrigger(t *testing.T) {
	e := newEnv(t)
	id := e.emu.AddOrder(shopify.Order{CreatedAt: t0.Add(-time.Hour), Customer: shopify.Person{ID: e.customer("Old")}})
	e.turnOn(automation.OrderConfirmation, nil)
	e.clock.Advance(time.Minute)
	e.emu.AddFulfillment(id, shopify.Fulfillment{}) // changed after the connection: read again
	if r := e.poll(); r.Planned+r.Skipped != 0 || r.Orders != 1 {
		t.Fatalf("poll %+v: an order older than the connection fired", r)
	}
}

func TestAnOrderWhileTheAutomationWasOffNeverTriggersLater(t *testing.T) {
	e := newEnv(t)
	e.clock.Advance(time.Minute)
	e.emu.AddOrder(shopify.Order{Customer: shopify.Person{ID: e.customer("Off")}})
	e.poll()
	e.clock.Advance(time.Minute)
	e.turnOn(automation.OrderConfirmation, nil)
	e.clock.Advance(time.Minute)
	if r := e.poll(); r.Planned != 0 {
		t.Fatalf("an order placed while it was off fired once turned on: %+v", r)
	}
}

func TestAFulfillmentWithTrackingSendsOneShippingText(t *testing.T) {
	e := newEnv(t)
	e.turnOn(automation.Shipping, nil)
	e.clock.Advance(time.Minute)
	oid := e.emu.AddOrder(shopify.Order{Customer: shopify.Person{ID: e.customer("Marc")}})
	e.poll()
	e.clock.Advance(time.Hour)
	e.emu.AddFulfillment(oid, shopify.Fulfillment{}) // no tracking yet: nothing to say
	if r := e.poll(); r.Planned != 0 {
		t.Fatalf("a fulfillment without tracking fired: %+v", r)
	}
	e.clock.Advance(time.Minute)
	e.emu.AddFulfillment(oid, shopify.Fulfillment{Tracking: []shopify.Tracking{{Company: "Colissimo", Number: "6A123",
		URL: "https://www.laposte.fr/suivi?code=6A123"}}})
	if r := e.poll(); r.Planned != 1 {
		t.Fatalf("poll %+v, want one shipping text", r)
	}
	e.clock.Advance(time.Minute)
	e.poll()
	e.send()
	ds := e.history()
	if len(ds) != 1 || !strings.Contains(ds[0].Body, "est en route (Colissimo 6A123) : https://www.laposte.fr/suivi?code=6A123") ||
		ds[0].Source != "shopify:shipping #1001" {
		t.Fatalf("deliveries %+v", ds)
	}
}

func TestAnOrderFoundTooLateIsRecordedAsSkippedWithTheReason(t *testing.T) {
	e := newEnv(t)
	e.turnOn(automation.OrderConfirmation, nil)
	e.clock.Advance(time.Minute)
	e.emu.AddOrder(shopify.Order{Customer: shopify.Person{ID: e.customer("Late")}})
	e.clock.Advance(26 * time.Hour) // Minuit was off
	if r := e.poll(); r.Skipped != 1 || r.Planned != 0 {
		t.Fatalf("poll %+v, want one skipped", r)
	}
	e.send()
	ds := e.history()
	if len(ds) != 1 || ds[0].State != scheduler.Skipped || ds[0].PolicyReason != automation.ReasonTooLate ||
		ds[0].Error != "#1001 came 26h ago: an order confirmation more than 24h late is not sent." {
		t.Fatalf("deliveries %+v", ds)
	}
	stats, err := automation.Counts(e.ctx, e.st)
	if err != nil || stats[automation.OrderConfirmation].Skipped[automation.ReasonTooLate] != 1 {
		t.Fatalf("counts %+v, %v", stats, err)
	}
}

func TestAnOrderWithoutAMobileNumberIsSkippedWithTheReason(t *testing.T) {
	e := newEnv(t)
	e.turnOn(automation.OrderConfirmation, nil)
	e.clock.Advance(time.Minute)
	e.emu.AddOrder(shopify.Order{Phone: "01 40 00 00 00"}) // a landline, no customer
	if r := e.poll(); r.Skipped != 1 {
		t.Fatalf("poll %+v", r)
	}
	if ds := e.history(); len(ds) != 1 || ds[0].PolicyReason != automation.ReasonNoNumber {
		t.Fatalf("deliveries %+v", ds)
	}
}

func TestADelayedConfirmationLeavesAfterItsDelayAndNotBefore(t *testing.T) {
	e := newEnv(t)
	e.turnOn(automation.OrderConfirmation, func(s *automation.Settings) { s.Delay = 30 * time.Minute })
	e.clock.Advance(time.Minute)
	e.emu.AddOrder(shopify.Order{Customer: shopify.Person{ID: e.customer("Zoé")}})
	e.poll()
	e.send()
	if ds := e.history(); len(ds) != 0 {
		t.Fatalf("%d deliveries before the delay", len(ds))
	}
	e.clock.Advance(31 * time.Minute)
	e.send()
	e.send()
	if ds := e.history(); len(ds) != 1 || !left(ds[0]) {
		t.Fatalf("deliveries %+v", ds)
	}
}

func TestRestartsAndOverlappingPollsSendNoDuplicate(t *testing.T) {
	e := newEnv(t)
	e.turnOn(automation.OrderConfirmation, nil)
	e.turnOn(automation.Shipping, nil)
	e.clock.Advance(time.Minute)
	cid := e.customer("Eve")
	for range 20 {
		oid := e.emu.AddOrder(shopify.Order{Customer: shopify.Person{ID: cid}})
		e.emu.AddFulfillment(oid, shopify.Fulfillment{Tracking: []shopify.Tracking{{Number: "X1"}}})
	}
	// The window's "sync now" and the background poller at once, three times over.
	var wg sync.WaitGroup
	errs := make(chan error, 6)
	for range 6 {
		p := e.newPoller(shopify.Config{Token: "shpat_test"})
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := p.Poll(e.ctx)
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	e.d.Close() // a restart: the overlap window reads the same orders again
	e.open()
	e.clock.Advance(time.Minute)
	e.poll()
	e.send()
	e.send()
	ds := e.history()
	seen := map[string]int{}
	for _, d := range ds {
		seen[d.Source]++
	}
	if len(ds) != 40 || len(seen) != 40 { // 20 confirmations and 20 shipping texts, each once
		t.Fatalf("%d deliveries, sources %v; want 40, each once", len(ds), seen)
	}
}

func TestACancelledOrderGetsNoConfirmation(t *testing.T) {
	e := newEnv(t)
	e.turnOn(automation.OrderConfirmation, nil)
	e.clock.Advance(time.Minute)
	e.emu.AddOrder(shopify.Order{CancelledAt: t0.Add(time.Minute), Customer: shopify.Person{ID: e.customer("C")}})
	if r := e.poll(); r.Skipped != 1 || r.Planned != 0 {
		t.Fatalf("poll %+v", r)
	}
}

// left reports whether a delivery left (sent, or already delivered in the sandbox).
func left(d scheduler.Delivery) bool {
	return d.State == scheduler.Sent || d.State == scheduler.Delivered
}

func TestErasingACustomerBlanksTheTextsTheAutomationsWroteForThem(t *testing.T) {
	e := newEnv(t)
	e.turnOn(automation.OrderConfirmation, nil)
	e.clock.Advance(time.Minute)
	e.emu.AddOrder(shopify.Order{Customer: shopify.Person{ID: e.customer("Camille")}})
	e.poll()
	e.send()
	if err := e.st.EraseContact(e.ctx, 5678, []string{phone}); err != nil {
		t.Fatal(err)
	}
	ms, err := e.st.Messages(e.ctx, true)
	if err != nil || len(ms) != 1 || strings.Contains(ms[0].Body, "Camille") {
		t.Fatalf("messages %+v, %v: the text written for the customer stays", ms, err)
	}
	if ds := e.history(); len(ds) != 1 || strings.Contains(ds[0].Body, "Camille") || ds[0].To == phone {
		t.Fatalf("history %+v", ds)
	}
}
