package brevo_test

import (
	"testing"
	"time"

	"minuit/internal/minuit"
	"minuit/scheduler"
	"minuit/scheduler/brevo"
	"minuit/scheduler/brevo/brevoemu"
	"minuit/scheduler/providertest"
)

// Numbers the emulator treats specially (see brevoemu).
const (
	delivered = "+33612349900"
	bounced   = "+33612349991"
	invalid   = "+33612349990"
	optedOut  = "+33612349994"
)

// newSetup builds a fresh emulator and client for the conformance suite and
// the benchmark (clock nil: the emulator uses time.Now).
func newSetup(t testing.TB, clock *providertest.Clock) providertest.Setup {
	var opts []brevoemu.Option
	if clock != nil {
		opts = append(opts, brevoemu.WithClock(clock.Now))
	} else {
		// The campaign's numbers include +33610009990, which would be refused.
		opts = append(opts, brevoemu.WithoutSpecialNumbers())
	}
	emu := newEmu(t, opts...)
	return providertest.Setup{
		Provider: newProvider(t, emu, 0), Emulator: emu, Originator: "Boutique",
		Delivered: delivered, Failed: bounced, Invalid: invalid, OptedOut: optedOut,
	}
}

// newEmu starts an emulator that is closed when the test ends.
func newEmu(t testing.TB, opts ...brevoemu.Option) *brevoemu.Server {
	t.Helper()
	emu := brevoemu.New(opts...)
	t.Cleanup(emu.Close)
	return emu
}

// newProvider returns a provider talking to emu with the default key.
func newProvider(t testing.TB, emu *brevoemu.Server, timeout time.Duration) *brevo.Provider {
	t.Helper()
	return newProviderWith(t, brevo.Config{Key: brevoemu.DefaultAPIKey, BaseURL: emu.URL(), Timeout: timeout})
}

func newProviderWith(t testing.TB, cfg brevo.Config) *brevo.Provider {
	t.Helper()
	p, err := brevo.New(cfg)
	if err != nil {
		t.Fatalf("New(%+v): %v", cfg, err)
	}
	t.Cleanup(p.CloseIdleConnections)
	return p
}

func batch(ref, to string) scheduler.Batch {
	return scheduler.Batch{Reference: ref, Originator: "Boutique", Body: "Votre commande vous attend à la boutique.",
		Recipients: []string{to}, Kind: minuit.Transactional}
}

// wantProviderError checks that err is a *scheduler.ProviderError of class
// whose reason is reason (any when ""), wrapping an error that names the package.
func wantProviderError(t *testing.T, err error, class scheduler.ErrorClass, reason string) *scheduler.ProviderError {
	t.Helper()
	return providertest.CheckError(t, err, providertest.ErrorWant{Class: class, Reason: reason, Exact: true,
		Prefix: "brevo: ", Secrets: []string{brevoemu.DefaultAPIKey}})
}

func newFakeClock() *providertest.Clock { return providertest.NewClock(providertest.Start) }

// refs returns batches that carry only references, for Lookup.
func refs(references ...string) []scheduler.Batch {
	out := make([]scheduler.Batch, len(references))
	for i, r := range references {
		out[i] = scheduler.Batch{Reference: r}
	}
	return out
}
