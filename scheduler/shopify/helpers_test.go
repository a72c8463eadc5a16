package shopify_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"minuit/scheduler/shopify"
	"minuit/scheduler/shopify/shopifyemu"
)

var start = time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)

type setup struct {
	emu    *shopifyemu.Server
	clock  *shopifyemu.Clock
	client *shopify.Client
}

// newSetup starts an emulator and a client sharing one clock; with token the
// client signs in with it, else with client credentials.
func newSetup(t testing.TB, token string) setup {
	t.Helper()
	clock := shopifyemu.NewClock(start)
	emu := shopifyemu.New(shopifyemu.WithClock(clock.Now), shopifyemu.WithToken("shpat_static"),
		shopifyemu.WithClient("client-id", "client-secret"))
	t.Cleanup(emu.Close)
	cfg := shopify.Config{Shop: "ma-boutique", BaseURL: emu.URL, Clock: clock, Token: token}
	if token == "" {
		cfg.ClientID, cfg.ClientSecret = "client-id", "client-secret"
	}
	c, err := shopify.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return setup{emu: emu, clock: clock, client: c}
}

func kindOf(t *testing.T, err error, want shopify.Kind) *shopify.Error {
	t.Helper()
	var e *shopify.Error
	if !errors.As(err, &e) || e.Kind != want {
		t.Fatalf("err = %v, want a shopify error of kind %d", err, want)
	}
	return e
}

func allCustomers(t *testing.T, c *shopify.Client, since time.Time) []shopify.Customer {
	t.Helper()
	var out []shopify.Customer
	if err := c.Customers(context.Background(), since, func(cs []shopify.Customer) error {
		out = append(out, cs...)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}
