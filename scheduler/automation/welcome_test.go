package automation_test

import (
	"strings"
	"testing"
	"time"

	"minuit/scheduler/automation"
	"minuit/scheduler/shopify"
)

func TestANewlySubscribedCustomerGetsOneWelcomeText(t *testing.T) {
	e := newEnv(t)
	e.emu.AddCustomer(shopify.Customer{FirstName: "Old", Phone: "+33611111111", SMSState: shopify.SMSSubscribed,
		SMSUpdatedAt: t0.Add(-24 * time.Hour)})
	e.turnOn(automation.Welcome, nil)
	e.clock.Advance(time.Minute)
	id := e.emu.AddCustomer(shopify.Customer{FirstName: "Nina", Phone: phone})
	e.poll()
	e.clock.Advance(time.Minute)
	e.emu.UpdateCustomer(id, func(c *shopify.Customer) { c.SMSState, c.SMSUpdatedAt = shopify.SMSSubscribed, e.clock.Now() })
	if r := e.poll(); r.Planned != 1 {
		t.Fatalf("poll %+v, want one welcome", r)
	}
	e.clock.Advance(time.Minute)
	e.emu.UpdateCustomer(id, func(c *shopify.Customer) { c.LastName = "Martin" })
	e.poll()
	e.send()
	ds := e.history()
	if len(ds) != 1 || !left(ds[0]) || !strings.HasPrefix(ds[0].Body, "Bienvenue Nina !") || ds[0].To != phone {
		t.Fatalf("deliveries %+v", ds)
	}
	if e.dir.synced < 3 {
		t.Fatalf("the customers were synced %d times", e.dir.synced)
	}
}
