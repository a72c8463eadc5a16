package app

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"minuit/scheduler/shopify"
	"minuit/scheduler/shopify/shopifyemu"
)

// shopEnv points the environment at a fresh emulated store.
func shopEnv(t *testing.T) *shopifyemu.Server {
	t.Helper()
	emu := shopifyemu.New(shopifyemu.WithToken("shpat_test"), shopifyemu.WithClient("cid", "csecret"))
	t.Cleanup(emu.Close)
	t.Setenv(EnvShopifyURL, emu.URL)
	t.Setenv(EnvProvider, "sandbox")
	t.Setenv("HOME", t.TempDir()) // no keychain of the developer's
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent")
	return emu
}

func TestAConnectedStoresOrderLeavesAsATextThatHistoryShowsWithItsSource(t *testing.T) {
	emu := shopEnv(t)
	dir := t.TempDir()
	if out, stderr, code := runMinuit(t, dir, "shopify", "connect", "--shop", "ma-boutique", "--token", "shpat_test"); code != 0 ||
		!strings.Contains(out, "Connected to Ma Boutique (ma-boutique.myshopify.com).") {
		t.Fatalf("connect: exit %d, %q %q", code, out, stderr)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "minuit.db")); err != nil || bytes.Contains(b, []byte("shpat_test")) {
		t.Fatalf("the token is in the database (%v)", err)
	}
	if _, stderr, code := runMinuit(t, dir, "automations", "set", "order-confirmation", "on"); code != 0 {
		t.Fatal(stderr)
	}
	cid := emu.AddCustomer(shopify.Customer{FirstName: "Lucie", LastName: "Moreau", Phone: "+33612345678",
		Tags: []string{"VIP"}, SMSState: shopify.SMSSubscribed, SMSUpdatedAt: time.Now().Add(-time.Hour)})
	emu.AddOrder(shopify.Order{Total: "49.90", Customer: shopify.Person{ID: cid}}) // after the connection: it triggers

	t.Setenv(EnvShopifyPoll, "1s")
	ctx, cancel := context.WithCancel(t.Context())
	logs := &lineWaiter{want: "msg=sent", hit: make(chan string, 1)}
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"serve", "--data", dir}, &bytes.Buffer{}, logs) }()
	select {
	case <-logs.hit:
	case err := <-done:
		t.Fatalf("serve stopped: %v", err)
	case <-time.After(20 * time.Second):
		cancel()
		<-done
		st, _, _ := runMinuit(t, dir, "shopify", "status")
		h, _, _ := runMinuit(t, dir, "history")
		a, _, _ := runMinuit(t, dir, "automations")
		t.Fatalf("the order's confirmation did not leave:\n%s\n%s\n%s", st, h, a)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	out, _, _ := runMinuit(t, dir, "history", "--json")
	ds := jsonLines(t, out)
	if len(ds) != 1 || ds[0]["source"] != "shopify:order-confirmation #1001" || ds[0]["to"] != "+33612345678" ||
		ds[0]["body"] != "Bonjour Lucie, merci pour votre commande #1001 de 49,90 € ! Nous vous prévenons dès son expédition. Ma Boutique" {
		t.Fatalf("history %v", ds)
	}
	out, _, _ = runMinuit(t, dir, "contacts", "--json")
	cs := jsonLines(t, out)
	if len(cs) != 1 || !strings.Contains(out, "Lucie Moreau") || !strings.Contains(out, "VIP") || !strings.Contains(out, "opted-in") {
		t.Fatalf("contacts %s", out)
	}
	out, _, _ = runMinuit(t, dir, "automations", "--json")
	if as := jsonLines(t, out); len(as) != 4 || as[0]["name"] != "order-confirmation" || as[0]["sent"] != float64(1) || as[0]["on"] != true {
		t.Fatalf("automations %v", as)
	}
	out, _, _ = runMinuit(t, dir, "shopify", "status", "--json")
	if st := jsonLines(t, out); len(st) != 1 || st[0]["name"] != "Ma Boutique" || st[0]["last_poll"] == nil || st[0]["problem"] != nil ||
		st[0]["sign_in"] != "token" {
		t.Fatalf("status %v", st)
	}
}

func TestTheCLIRefusesBadShopInputInOneSentence(t *testing.T) {
	emu := shopEnv(t)
	dir := t.TempDir()
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"shopify", "connect", "--shop", "ma-boutique", "--token", "wrong"}, "Shopify refused the access token"},
		{[]string{"shopify", "connect", "--shop", "evil.com", "--token", "x"}, "is not a Shopify store name"},
		{[]string{"shopify", "connect", "--shop", "ma-boutique", "--token", "a", "--client-id", "b"}, "not both"},
		{[]string{"shopify", "connect", "--token", "a"}, "Name the store"},
		{[]string{"shopify", "sync"}, "No Shopify store is connected"},
		{[]string{"shopify", "frobnicate"}, "Say what to do"},
		{[]string{"automations", "set", "nope", "on"}, "is not an automation"},
		{[]string{"automations", "set", "welcome", "maybe"}, "Turn an automation on or off"},
		{[]string{"automations", "set", "abandoned-checkout", "--delay", "5m"}, "between 15m and 24h"},
		{[]string{"automations", "set", "abandoned-checkout", "--delay", "soon"}, "is not a delay"},
		{[]string{"automations", "set", "welcome", "--text", " "}, "cannot be empty"},
	}
	for _, c := range cases {
		out, stderr, code := runMinuit(t, dir, c.args...)
		if code == 0 || !strings.Contains(stderr, c.want) || strings.Count(strings.TrimSpace(stderr), "\n") > 0 {
			t.Errorf("%v: exit %d, out %q, stderr %q; want one line with %q", c.args, code, out, stderr, c.want)
		}
	}
	emu.SetMissing(true)
	if _, stderr, code := runMinuit(t, dir, "shopify", "connect", "--shop", "nulle-part", "--client-id", "cid", "--client-secret", "csecret"); code == 0 ||
		!strings.Contains(stderr, "There is no Shopify store at nulle-part.myshopify.com") {
		t.Errorf("unknown store: exit %d, %q", code, stderr)
	}
}

func TestTheReportShowsTheOrdersAndRevenueACampaignBrought(t *testing.T) {
	emu := shopEnv(t)
	dir := t.TempDir()
	if _, stderr, code := runMinuit(t, dir, "shopify", "connect", "--shop", "ma-boutique", "--token", "shpat_test"); code != 0 {
		t.Fatal(stderr)
	}
	if _, stderr, code := runMinuit(t, dir, "schedule", "--to", "+33612345678", "--at", "now", "--kind", "marketing",
		"Soldes : https://ma-boutique.fr/soldes"); code != 0 {
		t.Fatal(stderr)
	}
	emu.AddOrder(shopify.Order{Total: "42.50", LastVisit: &shopify.Visit{Source: "minuit", Medium: "sms", Campaign: "1"}})
	emu.AddOrder(shopify.Order{Total: "10.00", LastVisit: &shopify.Visit{Source: "minuit", Campaign: "1"}, CancelledAt: time.Now()})
	if out, stderr, code := runMinuit(t, dir, "shopify", "sync"); code != 0 || !strings.Contains(out, "2 orders") {
		t.Fatalf("sync: %q %q", out, stderr)
	}
	ctx, cancel := context.WithCancel(t.Context())
	logs := &lineWaiter{want: "delivery=", hit: make(chan string, 1)}
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"serve", "--data", dir}, &bytes.Buffer{}, logs) }()
	select {
	case <-logs.hit: // the campaign was handled (sent or skipped: no consent is recorded)
	case <-time.After(20 * time.Second):
		t.Fatal("the campaign was not handled")
	}
	cancel()
	<-done
	out, stderr, code := runMinuit(t, dir, "report", "--json")
	rs := jsonLines(t, out)
	if code != 0 || len(rs) == 0 || rs[0]["orders"] != float64(1) || rs[0]["revenue"] != 42.5 {
		t.Fatalf("report: exit %d, %s %s", code, out, stderr)
	}
}
