package automation_test

import (
	"strings"
	"testing"
	"time"

	"minuit/internal/minuit"
	"minuit/scheduler"
	"minuit/scheduler/automation"
	"minuit/scheduler/shopify"
)

func TestAnAbandonedCheckoutGetsOneReminderAfterItsDelay(t *testing.T) {
	e := newEnv(t)
	e.turnOn(automation.AbandonedCheckout, nil)
	e.dir.optIn(phone)
	e.clock.Advance(time.Minute)
	e.emu.AddCheckout(shopify.Checkout{Customer: shopify.Person{ID: e.customer("Inès")}})
	e.poll()
	e.clock.Advance(59 * time.Minute)
	if r := e.poll(); r.Planned != 0 {
		t.Fatalf("reminded before the hour: %+v", r)
	}
	e.clock.Advance(time.Minute)
	if r := e.poll(); r.Planned != 1 {
		t.Fatalf("poll %+v, want one reminder an hour after the last change", r)
	}
	e.clock.Advance(time.Minute)
	e.poll()
	e.send()
	ds := e.history()
	if len(ds) != 1 || !left(ds[0]) || ds[0].Kind != minuit.Marketing ||
		!strings.Contains(ds[0].Body, "votre panier vous attend chez Ma Boutique : https://ma-boutique.myshopify.com/checkouts/") ||
		!strings.HasSuffix(ds[0].Body, "\nSTOP SMS pour ne plus recevoir nos offres") {
		t.Fatalf("deliveries %+v", ds)
	}
}

func TestACheckoutAbandonedThenCompletedSendsNothing(t *testing.T) {
	e := newEnv(t)
	e.turnOn(automation.AbandonedCheckout, nil)
	e.dir.optIn(phone)
	e.clock.Advance(time.Minute)
	id := e.emu.AddCheckout(shopify.Checkout{Customer: shopify.Person{ID: e.customer("Ana")}})
	e.poll()
	e.clock.Advance(30 * time.Minute)
	e.emu.CompleteCheckout(id)
	e.clock.Advance(2 * time.Hour)
	e.poll()
	e.send()
	if ds := e.history(); len(ds) != 0 {
		t.Fatalf("a completed checkout was reminded: %+v", ds)
	}
}

func TestACheckoutFollowedByAnOrderOfTheSameCustomerSendsNothing(t *testing.T) {
	e := newEnv(t)
	e.turnOn(automation.AbandonedCheckout, nil)
	e.dir.optIn(phone)
	e.clock.Advance(time.Minute)
	cid := e.customer("Léo")
	e.emu.AddCheckout(shopify.Checkout{Customer: shopify.Person{ID: cid}})
	e.poll()
	e.clock.Advance(20 * time.Minute)
	e.emu.AddOrder(shopify.Order{Customer: shopify.Person{ID: cid}}) // paid through another checkout
	e.clock.Advance(2 * time.Hour)
	e.poll()
	e.send()
	if ds := e.history(); len(ds) != 0 {
		t.Fatalf("a customer who ordered was reminded: %+v", ds)
	}
}

func TestACartOverFortyEightHoursOldIsNotSentAndHistorySaysWhy(t *testing.T) {
	e := newEnv(t)
	e.turnOn(automation.AbandonedCheckout, nil)
	e.clock.Advance(time.Minute)
	e.emu.AddCheckout(shopify.Checkout{Customer: shopify.Person{ID: e.customer("Old")}})
	e.clock.Advance(49 * time.Hour) // Minuit was off for two days
	if r := e.poll(); r.Skipped != 1 {
		t.Fatalf("poll %+v", r)
	}
	if ds := e.history(); len(ds) != 1 || ds[0].PolicyReason != automation.ReasonTooLate || !strings.Contains(ds[0].Error, "a cart reminder more than 48h late") {
		t.Fatalf("deliveries %+v", ds)
	}
}

func TestAReminderWithoutConsentIsSkippedByTheComplianceRules(t *testing.T) {
	e := newEnv(t)
	e.turnOn(automation.AbandonedCheckout, func(s *automation.Settings) { s.Delay = 15 * time.Minute })
	e.clock.Advance(time.Minute)
	e.emu.AddCheckout(shopify.Checkout{Customer: shopify.Person{ID: e.customer("NoConsent")}})
	e.poll()
	e.clock.Advance(16 * time.Minute)
	e.poll()
	e.send()
	ds := e.history()
	if len(ds) != 1 || ds[0].State != scheduler.Skipped || ds[0].PolicyReason != "no-consent" {
		t.Fatalf("deliveries %+v", ds)
	}
	stats, _ := automation.Counts(e.ctx, e.st)
	if stats[automation.AbandonedCheckout].Skipped["no-consent"] != 1 {
		t.Fatalf("counts %+v", stats[automation.AbandonedCheckout])
	}
}

func TestAReminderCannotBeMadeTransactional(t *testing.T) {
	e := newEnv(t)
	s, _ := automation.Load(e.ctx, e.st, automation.AbandonedCheckout)
	s.Kind = minuit.Transactional
	if err := automation.Save(e.ctx, e.st, s); err == nil {
		t.Fatal("a cart reminder was made transactional")
	}
	s.Kind, s.Delay = minuit.Marketing, 10*time.Minute
	if err := automation.Save(e.ctx, e.st, s); err == nil {
		t.Fatal("a 10-minute delay was accepted (15 min to 24 h)")
	}
}
