package automation_test

import (
	"strings"
	"testing"
	"time"

	"minuit/scheduler/automation"
	"minuit/scheduler/shopify"
)

func TestWhatACustomerTypesIsSentAsItIsAndNeverRemovesTheFooter(t *testing.T) {
	e := newEnv(t)
	e.turnOn(automation.AbandonedCheckout, func(s *automation.Settings) { s.Delay = 15 * time.Minute })
	e.dir.optIn(phone)
	e.clock.Advance(time.Minute)
	id := e.emu.AddCustomer(shopify.Customer{FirstName: "STOP SMS {shop_name} {{x}}", Phone: phone})
	e.emu.AddCheckout(shopify.Checkout{Customer: shopify.Person{ID: id}})
	e.poll()
	e.clock.Advance(16 * time.Minute)
	e.poll()
	e.send()
	ds := e.history()
	if len(ds) != 1 || !strings.HasPrefix(ds[0].Body, "Bonjour STOP SMS {shop_name} {{x}}, votre panier") ||
		!strings.HasSuffix(ds[0].Body, "\nSTOP SMS pour ne plus recevoir nos offres") || strings.Count(ds[0].Body, "pour ne plus") != 1 {
		t.Fatalf("deliveries %+v", ds)
	}
}

func TestAmountsAreWrittenTheFrenchWay(t *testing.T) {
	for in, want := range map[[2]string]string{{"49.9", "EUR"}: "49,90 €", {"1200.00", "EUR"}: "1200,00 €",
		{"12", "USD"}: "12,00 USD", {"0.05", ""}: "0,05", {"-3.5", "EUR"}: "-3,50 €", {"abc", "EUR"}: "abc EUR",
		{"1.999", "EUR"}: "1.999 EUR"} {
		if got := automation.Money(in[0], in[1]); got != want {
			t.Errorf("Money(%q, %q) = %q, want %q", in[0], in[1], got, want)
		}
	}
}
