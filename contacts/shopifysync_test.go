package contacts

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"minuit/internal/minuit"
)

func TestAShopifyCustomerBecomesAContactWithGroupsAndDatedConsent(t *testing.T) {
	s, clk := newStore(t)
	ctx := context.Background()
	subscribed := clk.now().Add(-48 * time.Hour)
	res, err := s.SyncShopify(ctx, []ShopifyCustomer{{ID: "7001", FirstName: "Lucie", LastName: "Moreau",
		Email: "lucie@example.fr", Phone: "+33612345678", Tags: []string{"VIP", "newsletter"},
		SMS: minuit.ConsentOptedIn, SMSAt: subscribed, UpdatedAt: subscribed}})
	if err != nil || res.New != 1 || res.OptIns != 1 {
		t.Fatalf("result %+v, %v", res, err)
	}
	c, ok, err := s.ByNumber(ctx, "+33612345678")
	if err != nil || !ok {
		t.Fatalf("no contact: %v", err)
	}
	if c.Name != "Lucie Moreau" || c.UID != "shopify:7001" || c.Source != SourceShopifySync || c.Email != "lucie@example.fr" ||
		strings.Join(c.Groups, ",") != "newsletter,VIP" {
		t.Fatalf("contact %+v", c)
	}
	if c.Consent.Status != minuit.ConsentOptedIn || c.Consent.Source != "Shopify" || !c.Consent.At.Equal(subscribed) {
		t.Fatalf("consent %+v, want opted in from Shopify on its date", c.Consent)
	}
	found, err := s.List(ctx, Query{Text: "Lucie"})
	if err != nil || len(found) != 1 {
		t.Fatalf("search found %d, %v", len(found), err)
	}
}

func TestSyncingTheSameCustomersAgainChangesNothing(t *testing.T) {
	s, clk := newStore(t)
	ctx := context.Background()
	cs := []ShopifyCustomer{{ID: "1", FirstName: "A", Phone: "+33611111111", SMS: minuit.ConsentOptedIn, SMSAt: clk.now(), UpdatedAt: clk.now()},
		{ID: "2", FirstName: "B", Email: "b@example.fr", SMS: minuit.ConsentOptedIn, UpdatedAt: clk.now()},
		{ID: "3", FirstName: "C", Phone: "+33633333333", SMS: minuit.ConsentOptedOut, SMSAt: clk.now(), UpdatedAt: clk.now()}}
	if _, err := s.SyncShopify(ctx, cs); err != nil {
		t.Fatal(err)
	}
	clk.advance(time.Hour)
	res, err := s.SyncShopify(ctx, cs)
	if err != nil || res.Unchanged != 3 || res.New+res.Updated+res.OptIns+res.OptOuts != 0 {
		t.Fatalf("second sync %+v, %v; want 3 unchanged", res, err)
	}
	for _, id := range []string{"1", "2", "3"} {
		var n int
		if err := s.d.R.QueryRow(`SELECT count(*) FROM consent_events e JOIN contacts c ON c.id = e.contact_id WHERE c.uid = ?`,
			"shopify:"+id).Scan(&n); err != nil || n != 1 {
			t.Fatalf("customer %s has %d consent events, want 1", id, n)
		}
	}
}

func TestAStopReplyWinsOverAnOlderShopifySubscriptionButANewerOptInIsRecorded(t *testing.T) {
	s, clk := newStore(t)
	ctx := context.Background()
	t0 := clk.now()
	cu := ShopifyCustomer{ID: "42", FirstName: "Paul", Phone: "06 12 34 56 79", SMS: minuit.ConsentOptedIn, SMSAt: t0, UpdatedAt: t0}
	if _, err := s.SyncShopify(ctx, []ShopifyCustomer{cu}); err != nil {
		t.Fatal(err)
	}
	c, _, _ := s.ByNumber(ctx, "+33612345679")
	clk.advance(time.Hour)
	if err := s.SetConsentAt(ctx, c.ID, minuit.ConsentOptedOut, "SMS reply", `"STOP"`, clk.now()); err != nil {
		t.Fatal(err)
	}
	cu.UpdatedAt = clk.now().Add(time.Minute) // the customer changed, the consent did not
	if res, err := s.SyncShopify(ctx, []ShopifyCustomer{cu}); err != nil || res.OptIns != 0 {
		t.Fatalf("sync %+v, %v", res, err)
	}
	if c, _, _ = s.ByNumber(ctx, "+33612345679"); c.Consent.Status != minuit.ConsentOptedOut || c.Consent.Source != "SMS reply" {
		t.Fatalf("consent %+v, want the STOP reply kept", c.Consent)
	}
	cu.SMSAt = clk.now().Add(2 * time.Hour) // subscribed again in the shop, later
	if res, err := s.SyncShopify(ctx, []ShopifyCustomer{cu}); err != nil || res.OptIns != 1 {
		t.Fatalf("sync %+v, %v", res, err)
	}
	c, _, _ = s.ByNumber(ctx, "+33612345679")
	h, _ := s.ConsentHistory(ctx, c.ID)
	if c.Consent.Status != minuit.ConsentOptedIn || c.Consent.Source != "Shopify" || len(h) != 3 || !h[2].At.Equal(cu.SMSAt) {
		t.Fatalf("consent %+v, history %+v; want the newer opt-in recorded with Shopify's date", c.Consent, h)
	}
}

func TestAShopifyCustomerMatchesAnImportedContactByNumberAndKeepsAppEdits(t *testing.T) {
	s, clk := newStore(t)
	ctx := context.Background()
	if _, err := s.SyncShopify(ctx, []ShopifyCustomer{{ID: "9", FirstName: "Jean", Phone: "+33698765432", UpdatedAt: clk.now()}}); err != nil {
		t.Fatal(err)
	}
	c, _, _ := s.ByNumber(ctx, "+33698765432")
	clk.advance(time.Hour)
	c.Name, c.FirstName = "Jean-Pierre", "Jean-Pierre"
	if err := s.Update(ctx, c); err != nil {
		t.Fatal(err)
	}
	// The shop still says Jean, changed before the edit: the app's name stays.
	if _, err := s.SyncShopify(ctx, []ShopifyCustomer{{ID: "9", FirstName: "Jean", LastName: "Dupont", Phone: "+33698765432",
		UpdatedAt: clk.now().Add(-time.Minute)}}); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Get(ctx, c.ID)
	if got.FirstName != "Jean-Pierre" || got.LastName != "Dupont" {
		t.Fatalf("contact %+v: the app's first name should stay, the new last name come in", got)
	}
	// Another customer with the same number is the same contact; its UID is not taken over.
	if res, err := s.SyncShopify(ctx, []ShopifyCustomer{{ID: "10", FirstName: "J", Phone: "+33698765432", UpdatedAt: clk.now()}}); err != nil || res.New != 0 {
		t.Fatalf("sync %+v, %v", res, err)
	}
	if got, _ = s.Get(ctx, c.ID); got.UID != "shopify:9" {
		t.Fatalf("UID %q", got.UID)
	}
}

func TestCustomersWithoutAnythingToKnowThemByAreSkipped(t *testing.T) {
	s, _ := newStore(t)
	res, err := s.SyncShopify(context.Background(), []ShopifyCustomer{{ID: "1"}, {FirstName: "No id"},
		{ID: "2", FirstName: "X", Phone: "not a number"}})
	if err != nil || res.Skipped != 2 || res.New != 1 {
		t.Fatalf("result %+v, %v; want 2 skipped, 1 new (an invalid number is kept and flagged)", res, err)
	}
}

func BenchmarkSyncShopifyTenThousandCustomers(b *testing.B) {
	cs := make([]ShopifyCustomer, 10000)
	for i := range cs {
		cs[i] = ShopifyCustomer{ID: fmt.Sprint(7000000 + i), FirstName: fmt.Sprint("Client", i), LastName: "Test",
			Email: fmt.Sprintf("c%d@example.fr", i), Phone: fmt.Sprintf("+3361%07d", i), Tags: []string{"VIP"},
			SMS: minuit.ConsentOptedIn, SMSAt: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), UpdatedAt: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	}
	for b.Loop() {
		b.StopTimer()
		s, _ := newStore(b)
		b.StartTimer()
		for i := 0; i < len(cs); i += 250 {
			if _, err := s.SyncShopify(context.Background(), cs[i:i+250]); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func TestTwoCustomersOfOneBatchWithTheSameNumberAreOneContact(t *testing.T) {
	s, clk := newStore(t)
	res, err := s.SyncShopify(context.Background(), []ShopifyCustomer{
		{ID: "1", FirstName: "Marie", Phone: "+33612121212", UpdatedAt: clk.now()},
		{ID: "2", FirstName: "Marie", LastName: "Curie", Phone: "06 12 12 12 12", UpdatedAt: clk.now()}})
	if err != nil || res.New != 1 || res.Updated != 1 {
		t.Fatalf("result %+v, %v; want one contact, updated by the second customer", res, err)
	}
	c, _, _ := s.ByNumber(context.Background(), "+33612121212")
	if c.UID != "shopify:1" || c.LastName != "Curie" {
		t.Fatalf("contact %+v", c)
	}
}
