package automation_test

import (
	"testing"
	"time"

	"minuit/scheduler/automation"
	"minuit/scheduler/shopify"
)

func TestAnExpiredTokenIsRefreshedOnceDuringAPoll(t *testing.T) {
	e := newEnv(t)
	e.poller = e.newPoller(shopify.Config{ClientID: "cid", ClientSecret: "csecret"})
	e.turnOn(automation.OrderConfirmation, nil)
	e.poll()
	e.emu.ExpireTokens()
	e.clock.Advance(time.Minute)
	e.emu.AddOrder(shopify.Order{Customer: shopify.Person{ID: e.customer("T")}})
	if r := e.poll(); r.Planned != 1 {
		t.Fatalf("poll %+v", r)
	}
	if st := e.emu.Stats(); st.Tokens != 2 || st.Unauthorized != 1 {
		t.Fatalf("tokens %d, 401s %d; want the token refreshed once", st.Tokens, st.Unauthorized)
	}
}

func TestAThrottledPollWaitsOnTheClockAndCarriesOn(t *testing.T) {
	e := newEnv(t)
	e.turnOn(automation.OrderConfirmation, nil)
	e.clock.Advance(time.Minute)
	e.emu.AddOrder(shopify.Order{Customer: shopify.Person{ID: e.customer("T")}})
	e.emu.SetAvailable(0)
	before := e.clock.Slept()
	if r := e.poll(); r.Planned != 1 {
		t.Fatalf("poll %+v", r)
	}
	if st := e.emu.Stats(); st.Throttled == 0 || e.clock.Slept()-before < 7*time.Second {
		t.Fatalf("throttled %d times, waited %s", st.Throttled, e.clock.Slept()-before)
	}
}

func TestAPollThatFailsSaysWhyInTheStatusAndTheNextOneClearsIt(t *testing.T) {
	e := newEnv(t)
	e.emu.Deny("read_orders")
	if _, err := e.poller.Poll(e.ctx); err == nil {
		t.Fatal("no error without read_orders")
	}
	st, err := automation.ReadStatus(e.ctx, e.st)
	if err != nil || st.Problem == nil || st.Problem.String() == "" || st.Shop != "ma-boutique.myshopify.com" || st.Name != "Ma Boutique" {
		t.Fatalf("status %+v, %v", st, err)
	}
	if st.Problem.Data["Scope"] != "read_orders" {
		t.Fatalf("problem %+v", st.Problem)
	}
	e.emu.Grant("read_orders")
	e.poll()
	if st, _ = automation.ReadStatus(e.ctx, e.st); st.Problem != nil {
		t.Fatalf("problem %v stays after a good poll", st.Problem)
	}
}

func TestAnotherStoreStartsOver(t *testing.T) {
	e := newEnv(t)
	first, _ := automation.ReadStatus(e.ctx, e.st)
	e.clock.Advance(time.Hour)
	if err := automation.Connect(e.ctx, e.st, "autre.myshopify.com", "Autre"); err != nil {
		t.Fatal(err)
	}
	st, _ := automation.ReadStatus(e.ctx, e.st)
	if !st.ConnectedAt.After(first.ConnectedAt) || st.Name != "Autre" {
		t.Fatalf("status %+v after connecting another store", st)
	}
	if err := automation.Connect(e.ctx, e.st, "autre.myshopify.com", ""); err != nil {
		t.Fatal(err)
	}
	if again, _ := automation.ReadStatus(e.ctx, e.st); !again.ConnectedAt.Equal(st.ConnectedAt) {
		t.Fatal("connecting the same store again moved its start")
	}
}
