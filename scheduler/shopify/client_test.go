package shopify_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"minuit/internal/usererr"
	"minuit/scheduler/shopify"
)

func TestTestingTheConnectionShowsTheShopName(t *testing.T) {
	s := newSetup(t, "shpat_static")
	s.emu.SetShopName("La Fromagerie")
	info, err := s.client.Shop(context.Background())
	if err != nil || info.Name != "La Fromagerie" || info.Currency != "EUR" {
		t.Fatalf("shop = %+v, %v", info, err)
	}
}

func TestCustomersArePagedWithCursorsAndFilteredByUpdateTime(t *testing.T) {
	s := newSetup(t, "shpat_static")
	for i := range 600 {
		s.emu.AddCustomer(shopify.Customer{FirstName: fmt.Sprint("C", i), Phone: fmt.Sprintf("+336120%05d", i),
			Email: fmt.Sprintf("c%d@example.fr", i), SMSState: shopify.SMSSubscribed, SMSUpdatedAt: start})
		s.clock.Advance(time.Second)
	}
	got := allCustomers(t, s.client, time.Time{})
	if len(got) != 600 || got[0].FirstName != "C0" || got[599].FirstName != "C599" || got[5].SMSState != shopify.SMSSubscribed {
		t.Fatalf("read %d customers, first %+v", len(got), got[0])
	}
	if n := s.emu.Stats().Requests["customers"]; n != 3 {
		t.Fatalf("%d requests for 600 customers, want 3 pages of 250", n)
	}
	if recent := allCustomers(t, s.client, start.Add(590*time.Second)); len(recent) != 10 {
		t.Fatalf("read %d customers updated in the last 10 s, want 10", len(recent))
	}
}

func TestAWrongTokenSaysSoInOneSentence(t *testing.T) {
	s := newSetup(t, "shpat_wrong")
	_, err := s.client.Shop(context.Background())
	e := kindOf(t, err, shopify.KindAuth)
	if got := usererr.Sentence(err); !strings.Contains(got, "refused the access token for ma-boutique.myshopify.com") {
		t.Fatalf("sentence %q", got)
	}
	if e.Status != 401 {
		t.Fatalf("status %d, want 401", e.Status)
	}
}

func TestAnUnknownShopSaysSo(t *testing.T) {
	s := newSetup(t, "shpat_static")
	s.emu.SetMissing(true)
	_, err := s.client.Shop(context.Background())
	kindOf(t, err, shopify.KindUnknownShop)
	if !strings.Contains(usererr.Sentence(err), "There is no Shopify store at ma-boutique.myshopify.com") {
		t.Fatalf("sentence %q", usererr.Sentence(err))
	}
	c := newSetup(t, "")
	c.emu.SetMissing(true)
	_, err = c.client.Shop(context.Background())
	kindOf(t, err, shopify.KindUnknownShop) // the token endpoint answers 404 too
}

func TestAMissingScopeIsNamed(t *testing.T) {
	s := newSetup(t, "shpat_static")
	s.emu.Deny("read_orders")
	err := s.client.Orders(context.Background(), time.Time{}, func([]shopify.Order) error { return nil })
	e := kindOf(t, err, shopify.KindScope)
	if e.Scope != "read_orders" || !strings.Contains(usererr.Sentence(err), "lacks the access scope read_orders") {
		t.Fatalf("scope %q, sentence %q", e.Scope, usererr.Sentence(err))
	}
}

func TestAnExpiredTokenIsRenewedOnceOn401(t *testing.T) {
	s := newSetup(t, "")
	ctx := context.Background()
	if _, err := s.client.Shop(ctx); err != nil {
		t.Fatal(err)
	}
	s.emu.ExpireTokens()
	if _, err := s.client.Shop(ctx); err != nil {
		t.Fatal(err)
	}
	st := s.emu.Stats()
	if st.Tokens != 2 || st.Unauthorized != 1 || s.client.Cost().Tokens != 2 {
		t.Fatalf("tokens %d, 401s %d; want 2 tokens and one 401", st.Tokens, st.Unauthorized)
	}
}

func TestATokenIsRenewedBeforeItExpires(t *testing.T) {
	s := newSetup(t, "")
	ctx := context.Background()
	if _, err := s.client.Shop(ctx); err != nil {
		t.Fatal(err)
	}
	s.clock.Advance(23*time.Hour + 55*time.Minute)
	if _, err := s.client.Shop(ctx); err != nil {
		t.Fatal(err)
	}
	if st := s.emu.Stats(); st.Tokens != 2 || st.Unauthorized != 0 {
		t.Fatalf("tokens %d, 401s %d; want a new token before the old one expired, no 401", st.Tokens, st.Unauthorized)
	}
}

func TestWrongClientCredentialsAreRefusedWithoutLooping(t *testing.T) {
	clockSetup := newSetup(t, "")
	c, err := shopify.New(shopify.Config{Shop: "ma-boutique.myshopify.com", BaseURL: clockSetup.emu.URL,
		ClientID: "client-id", ClientSecret: "not-the-secret", Clock: clockSetup.clock})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Shop(context.Background())
	kindOf(t, err, shopify.KindAuth)
	if !strings.Contains(usererr.Sentence(err), "refused the client id and secret") {
		t.Fatalf("sentence %q", usererr.Sentence(err))
	}
	if st := clockSetup.emu.Stats(); st.Tokens != 0 || st.Requests["shop"] != 0 {
		t.Fatalf("stats %+v: nothing should have been granted or asked", st)
	}
}

func TestAThrottledQueryWaitsForTheRestoreRate(t *testing.T) {
	s := newSetup(t, "shpat_static")
	s.emu.AddCustomer(shopify.Customer{FirstName: "Anne"})
	s.emu.SetAvailable(0)
	got := allCustomers(t, s.client, time.Time{})
	if len(got) != 1 {
		t.Fatalf("read %d customers", len(got))
	}
	// 752 points asked, none available, 100 restored a second: 7.52 s.
	if st := s.emu.Stats(); st.Throttled != 1 || s.clock.Slept() != 7520*time.Millisecond {
		t.Fatalf("throttled %d times, waited %s; want once and 7.52 s", st.Throttled, s.clock.Slept())
	}
	if c := s.client.Cost(); c.Throttled != 1 || c.Waited != 7520*time.Millisecond {
		t.Fatalf("client cost %+v", c)
	}
}

func TestTheClientWaitsWhenTheBucketRunsLowRatherThanBeingThrottled(t *testing.T) {
	s := newSetup(t, "shpat_static")
	for i := range 1000 {
		s.emu.AddCustomer(shopify.Customer{FirstName: fmt.Sprint("C", i), Phone: fmt.Sprintf("+336130%05d", i), Email: "x@example.fr"})
	}
	if got := allCustomers(t, s.client, time.Time{}); len(got) != 1000 {
		t.Fatalf("read %d", len(got))
	}
	if st := s.emu.Stats(); st.Throttled != 0 || s.clock.Slept() < 10*time.Second {
		t.Fatalf("throttled %d times, waited %s: the client should wait for the bucket, never be throttled", st.Throttled, s.clock.Slept())
	}
}

func TestThrottlingLongerThanMaxWaitGivesUp(t *testing.T) {
	s := newSetup(t, "shpat_static")
	c, _ := shopify.New(shopify.Config{Shop: "ma-boutique", BaseURL: s.emu.URL, Token: "shpat_static", Clock: s.clock, MaxWait: 5 * time.Second})
	s.emu.SetAvailable(0)
	err := c.Customers(context.Background(), time.Time{}, func([]shopify.Customer) error { return nil })
	if e := kindOf(t, err, shopify.KindThrottled); !e.Temporary() {
		t.Fatal("throttling should be temporary")
	}
}

func TestAServerErrorIsTriedAgainThenReported(t *testing.T) {
	s := newSetup(t, "shpat_static")
	s.emu.FailNext(503)
	if _, err := s.client.Shop(context.Background()); err != nil {
		t.Fatalf("one 503 then success: %v", err)
	}
	s.emu.FailNext(502, 503, 500)
	_, err := s.client.Shop(context.Background())
	kindOf(t, err, shopify.KindUnreachable)
}

func TestOrdersCarryTotalJourneyAndTracking(t *testing.T) {
	s := newSetup(t, "shpat_static")
	cid := s.emu.AddCustomer(shopify.Customer{FirstName: "Lucie", Phone: "+33612345678"})
	oid := s.emu.AddOrder(shopify.Order{Total: "49.90", Customer: shopify.Person{ID: cid},
		LastVisit: &shopify.Visit{LandingPage: "https://ma-boutique.fr/?utm_source=minuit&utm_campaign=12", Source: "minuit", Campaign: "12"}})
	s.emu.AddFulfillment(oid, shopify.Fulfillment{Tracking: []shopify.Tracking{{Company: "Colissimo", Number: "6A123", URL: "https://laposte.fr/6A123"}}})
	var got []shopify.Order
	err := s.client.Orders(context.Background(), time.Time{}, func(os []shopify.Order) error { got = append(got, os...); return nil })
	if err != nil || len(got) != 1 {
		t.Fatalf("orders %v, %v", got, err)
	}
	o := got[0]
	if o.Name != "#1001" || o.Total != "49.90" || o.Currency != "EUR" || o.Customer.FirstName != "Lucie" ||
		o.Customer.Phone != "+33612345678" || o.LastVisit == nil || o.LastVisit.Campaign != "12" || o.FirstVisit != nil ||
		len(o.Fulfillments) != 1 || o.Fulfillments[0].Tracking[0].Number != "6A123" {
		t.Fatalf("order %+v", o)
	}
}

func TestOrdersOlderThanSixtyDaysNeedReadAllOrders(t *testing.T) {
	s := newSetup(t, "shpat_static")
	s.emu.AddOrder(shopify.Order{CreatedAt: start.AddDate(0, 0, -61)})
	s.emu.AddOrder(shopify.Order{})
	count := func() int {
		n := 0
		if err := s.client.Orders(context.Background(), time.Time{}, func(os []shopify.Order) error { n += len(os); return nil }); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := count(); n != 1 {
		t.Fatalf("%d orders without read_all_orders, want 1", n)
	}
	s.emu.Grant("read_all_orders")
	if n := count(); n != 2 {
		t.Fatalf("%d orders with read_all_orders, want 2", n)
	}
}

func TestAShopNameIsReadAsTypedAndNothingElse(t *testing.T) {
	for in, want := range map[string]string{
		"ma-boutique": "ma-boutique.myshopify.com", " Ma-Boutique.MyShopify.com ": "ma-boutique.myshopify.com",
		"https://ma-boutique.myshopify.com/admin/orders": "ma-boutique.myshopify.com",
	} {
		if got, err := shopify.NormalizeShop(in); got != want || err != nil {
			t.Errorf("NormalizeShop(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "evil.com", "a.myshopify.com.evil.com", "-x", "x-", "a b", "ma_boutique",
		"x@evil.com", "ma-boutique.myshopify.com:8443", "名前", "..myshopify.com", strings.Repeat("a", 64)} {
		if got, err := shopify.NormalizeShop(bad); err == nil {
			t.Errorf("NormalizeShop(%q) = %q, want a refusal", bad, got)
		}
	}
	if _, err := shopify.New(shopify.Config{Shop: "x", Token: "a\r\nX-Evil: 1"}); err == nil {
		t.Error("a token with a line break should be refused")
	}
	if _, err := shopify.New(shopify.Config{Shop: "x"}); err == nil || !strings.Contains(usererr.Sentence(err), "give an Admin API access token") {
		t.Errorf("no credentials: %v", err)
	}
}
