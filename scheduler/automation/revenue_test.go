package automation_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"minuit/internal/minuit"
	"minuit/scheduler"
	"minuit/scheduler/automation"
	"minuit/scheduler/shopify"
)

func TestAnOrderBroughtByACampaignLinkIsAttributedToIt(t *testing.T) {
	e := newEnv(t)
	if err := e.st.SetSetting(e.ctx, scheduler.KeyUTM, "on"); err != nil {
		t.Fatal(err)
	}
	e.dir.optIn(phone)
	id, err := e.st.CreateMessage(e.ctx, scheduler.Message{Body: "Soldes -30 % : https://ma-boutique.fr/soldes", Kind: minuit.Marketing,
		TZ: "UTC", At: scheduler.AtNow, Recipients: []scheduler.RecipientRef{{Kind: scheduler.ToNumber, Value: phone}}})
	if err != nil {
		t.Fatal(err)
	}
	e.send()
	ds := e.history()
	tagged := "https://ma-boutique.fr/soldes?utm_source=minuit&utm_medium=sms&utm_campaign=" + strconv.FormatInt(id, 10)
	if len(ds) != 1 || !strings.Contains(ds[0].Body, tagged) {
		t.Fatalf("deliveries %+v, want the link tagged %s", ds, tagged)
	}
	e.clock.Advance(time.Hour)
	cid := e.customer("Client")
	e.emu.AddOrder(shopify.Order{Total: "80.00", Customer: shopify.Person{ID: cid},
		FirstVisit: &shopify.Visit{LandingPage: tagged}})
	e.emu.AddOrder(shopify.Order{Total: "20.50", Customer: shopify.Person{ID: cid},
		LastVisit: &shopify.Visit{Source: "minuit", Medium: "sms", Campaign: strconv.FormatInt(id, 10)}})
	e.emu.AddOrder(shopify.Order{Total: "99.00", LastVisit: &shopify.Visit{Source: "google", Campaign: strconv.FormatInt(id, 10)}})
	e.poll()
	got, err := e.st.Attributed(e.ctx, t0, time.Time{})
	if err != nil || len(got) != 1 || got[id].Orders != 2 || got[id].Amount != 100.5 || got[id].Currency != "EUR" {
		t.Fatalf("attributed %+v, %v; want 2 orders, 100.50 EUR", got, err)
	}
	if later, _ := e.st.Attributed(e.ctx, e.clock.Now().Add(time.Minute), time.Time{}); len(later) != 0 {
		t.Fatalf("orders attributed outside the period: %+v", later)
	}
	a := scheduler.ShopAttribution{Store: e.st, Shop: true}
	if got, err := a.Attribute(e.ctx, []int64{id, id + 1}, time.Time{}, time.Time{}); err != nil || !a.Connected() ||
		len(got) != 1 || got[id].Orders != 2 || got[id].Revenue != 100.5 {
		t.Fatalf("reports' attribution %+v, %v", got, err)
	}
	if c := automation.Campaign(shopify.Order{LastVisit: &shopify.Visit{Source: "minuit", Campaign: "x1"}}); c != 0 {
		t.Fatalf("campaign %d from a non-number", c)
	}
}

func TestTheTextRefusedAsTooLongIsRecordedAsSkipped(t *testing.T) {
	e := newEnv(t)
	long := strings.Repeat("Merci {first_name} ! ", 100)
	if err := automation.Save(e.ctx, e.st, automation.Settings{Name: automation.OrderConfirmation, On: true, Text: long,
		Kind: minuit.Transactional}); err == nil {
		t.Fatal("a template over 10 SMS was accepted")
	}
}

func TestTheFirstReadReachesBackToTheCampaignsSentBeforeTheStoreWasConnected(t *testing.T) {
	e := newEnv(t)
	e.dir.optIn(phone)
	id, err := e.st.CreateMessage(e.ctx, scheduler.Message{Body: "Soldes", Kind: minuit.Marketing, TZ: "UTC",
		At: scheduler.AtNow, Recipients: []scheduler.RecipientRef{{Kind: scheduler.ToNumber, Value: phone}}})
	if err != nil {
		t.Fatal(err)
	}
	e.clock.Advance(time.Hour)
	e.emu.AddOrder(shopify.Order{Total: "30.00", LastVisit: &shopify.Visit{Source: "minuit", Campaign: strconv.FormatInt(id, 10)}})
	e.emu.AddOrder(shopify.Order{Total: "5.00", CreatedAt: t0.Add(-time.Hour)}) // before the campaign: not read
	e.clock.Advance(48 * time.Hour)
	if err := automation.Connect(e.ctx, e.st, "autre.myshopify.com", ""); err != nil {
		t.Fatal(err)
	}
	r := e.poll() // the first store again: connected now, its first read of orders goes back to the campaign
	got, _ := e.st.Attributed(e.ctx, time.Time{}, time.Time{})
	if r.Orders != 1 || got[id].Orders != 1 || got[id].Amount != 30 {
		t.Fatalf("poll %+v, attributed %+v", r, got)
	}
}
