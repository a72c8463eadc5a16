package ui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"minuit/internal/db"
	"minuit/internal/minuit"
	"minuit/internal/usererr"
	"minuit/scheduler"
	"minuit/scheduler/automation"
)

// fakeShop is the Shop port over a real store, with a store that answers as told.
type fakeShop struct {
	st     *scheduler.Store
	logins []ShopLogin
	refuse error
}

func (f *fakeShop) Status(ctx context.Context) (automation.Status, error) {
	return automation.ReadStatus(ctx, f.st)
}
func (f *fakeShop) Login(context.Context) (ShopLogin, error) { return ShopLogin{}, nil }
func (f *fakeShop) Connect(ctx context.Context, l ShopLogin) (string, string, error) {
	f.logins = append(f.logins, l)
	if f.refuse != nil {
		return "", "", f.refuse
	}
	return "Ma Boutique", "", automation.Connect(ctx, f.st, "ma-boutique.myshopify.com", "Ma Boutique")
}
func (f *fakeShop) Sync(context.Context) (automation.Result, error) {
	return automation.Result{Orders: 2, Planned: 1}, nil
}
func (f *fakeShop) Automations(ctx context.Context) ([]automation.Settings, map[automation.Name]automation.Stats, error) {
	all, err := automation.LoadAll(ctx, f.st)
	if err != nil {
		return nil, nil, err
	}
	stats, err := automation.Counts(ctx, f.st)
	return all, stats, err
}
func (f *fakeShop) SaveAutomation(ctx context.Context, s automation.Settings) error {
	return automation.Save(ctx, f.st, s)
}

func newShopHarness(t *testing.T) (*Main, *fakeShop) {
	t.Helper()
	d, err := db.Open(filepath.Join(t.TempDir(), "minuit.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = d.Close() })
	st, err := scheduler.Open(t.Context(), d, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	shop := &fakeShop{st: st}
	m := NewMain(test.NewTempApp(t), Deps{Store: st, Zone: "Europe/Paris", Shop: shop, ProviderLabel: sandboxLabel})
	m.tk.queue = make(chan func(), 4096)
	m.Shop.Load()
	m.Settle()
	return m, shop
}

func TestTheShopTabConnectsTheStoreAndShowsItsName(t *testing.T) {
	m, shop := newShopHarness(t)
	s := m.Shop
	if !strings.Contains(s.Status.Text, "No store is connected") {
		t.Fatalf("status %q", s.Status.Text)
	}
	test.Type(s.Store, "ma-boutique")
	test.Type(s.Token, "shpat_x")
	test.Tap(s.Connect)
	m.Settle()
	if len(shop.logins) != 1 || shop.logins[0] != (ShopLogin{Shop: "ma-boutique", Token: "shpat_x"}) {
		t.Fatalf("logins %+v", shop.logins)
	}
	if s.Result.Text != "Connected: Ma Boutique." || s.Token.Text != "" || !strings.Contains(s.Status.Text, "Ma Boutique (ma-boutique.myshopify.com)") {
		t.Fatalf("result %q, token %q, status %q", s.Result.Text, s.Token.Text, s.Status.Text)
	}
	s.SignIn.SetSelected(signInChoices()[1])
	test.Type(s.ClientID, "cid")
	test.Type(s.ClientSecret, "secret")
	shop.refuse = usererr.Say(usererr.NewMsg("Shopify refused the client id and secret for {{.Shop}}: check them in the app's settings in the Dev Dashboard, and that the app is installed on this store.",
		map[string]any{"Shop": "ma-boutique.myshopify.com"}))
	test.Tap(s.Connect)
	m.Settle()
	if got := shop.logins[1]; got.ClientID != "cid" || got.ClientSecret != "secret" || got.Token != "" {
		t.Fatalf("login %+v", got)
	}
	if !s.Problem.Visible() || !strings.Contains(s.Problem.Text, "refused the client id and secret") {
		t.Fatalf("problem %q", s.Problem.Text)
	}
}

func TestAnAutomationCardSavesItsSwitchTextAndDelayAndCountsItsParts(t *testing.T) {
	m, shop := newShopHarness(t)
	c := m.Shop.Cards[0]
	if c.name != automation.OrderConfirmation || !strings.HasPrefix(c.Text.Text, "Bonjour {first_name}") ||
		!strings.Contains(c.Counter.Text, "1 SMS of 160") {
		t.Fatalf("card %s: text %q, counter %q", c.name, c.Text.Text, c.Counter.Text)
	}
	test.Tap(c.On)
	m.Settle()
	if s, _ := automation.Load(t.Context(), shop.st, automation.OrderConfirmation); !s.On || c.Saved.Text != "Saved." {
		t.Fatalf("after the switch: %+v, %q", s, c.Saved.Text)
	}
	c.Text.SetText(c.Text.Text + " Retrouvez votre commande et tous nos produits sur notre site, livraison offerte dès 50 euros.")
	if !strings.Contains(c.Counter.Text, "2 SMS of 153") {
		t.Fatalf("counter %q after a longer text", c.Counter.Text)
	}
	c.Delay.SetText("soon")
	test.Tap(c.Save)
	m.Settle()
	if !c.Error.Visible() {
		t.Fatal("an unreadable delay was not refused")
	}
	c.Delay.SetText("13h")
	test.Tap(c.Save)
	m.Settle()
	if !c.Error.Visible() || !strings.Contains(c.Error.Text, "between 0m and 12h") {
		t.Fatalf("error %q for a delay over 12h", c.Error.Text)
	}
	c.Delay.SetText("90")
	test.Tap(c.Save)
	m.Settle()
	s, _ := automation.Load(t.Context(), shop.st, automation.OrderConfirmation)
	if c.Error.Visible() || s.Delay != 90*time.Minute || !strings.HasSuffix(s.Text, "50 euros.") {
		t.Fatalf("saved %+v, error %q", s, c.Error.Text)
	}
}

func TestTaggingLinksIsCountedInTheCartReminder(t *testing.T) {
	m, shop := newShopHarness(t)
	c := m.Shop.Cards[2]
	c.Text.SetText("Votre panier : {checkout_url} Et nos promos : https://ma-boutique.fr/promos-de-la-semaine-et-du-mois")
	before := c.Counter.Text
	test.Tap(m.Shop.UTM)
	m.Settle()
	if c.Counter.Text == before || c.kind() != minuit.Marketing || c.Kind.Disabled() != true {
		t.Fatalf("counter %q then %q: the tagged links should count", before, c.Counter.Text)
	}
	if v, _ := shop.st.Setting(t.Context(), scheduler.KeyUTM, ""); v != "on" {
		t.Fatalf("setting %q", v)
	}
}
