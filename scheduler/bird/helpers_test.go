package bird_test

import (
	"errors"
	"testing"

	"minuit/internal/minuit"
	"minuit/scheduler"
	"minuit/scheduler/bird"
	"minuit/scheduler/bird/birdemu"
	"minuit/scheduler/providertest"
)

// Test numbers (see birdemu): the last four digits choose the outcome.
const (
	delivered = "+33612345678"
	failing   = "+33612349991"
	expiring  = "+33612349992"
	unreached = "+33612349993"
	invalidNo = "+33612349990"
	optedOut  = "+33612349994"
)

// newSetup is the conformance suite's Setup: a fresh emulator on the suite's
// clock (real time when clock is nil) and a real client pointed at it.
func newSetup(t testing.TB, clock *providertest.Clock) providertest.Setup {
	var opts []birdemu.Option
	if clock != nil {
		opts = append(opts, birdemu.WithClock(clock.Now))
	}
	emu := newEmu(t, opts...)
	return providertest.Setup{
		Provider: newProvider(t, emu), Emulator: emu,
		Delivered: delivered, Failed: failing, Invalid: invalidNo, OptedOut: optedOut,
		Originator: "Boulangerie",
	}
}

func newEmu(t testing.TB, opts ...birdemu.Option) *birdemu.Server {
	t.Helper()
	emu := birdemu.New(opts...)
	t.Cleanup(emu.Close)
	return emu
}

func newProvider(t testing.TB, emu *birdemu.Server) *bird.Provider {
	t.Helper()
	return newProviderWith(t, bird.Config{Key: birdemu.DefaultKey, BaseURL: emu.URL(), Version: "1.2.3"})
}

func newProviderWith(t testing.TB, cfg bird.Config) *bird.Provider {
	t.Helper()
	p, err := bird.New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(p.CloseIdleConnections)
	return p
}

func batch(ref, to string) scheduler.Batch {
	return scheduler.Batch{Reference: ref, Originator: "Boulangerie", Body: "Pain frais à 7 h !",
		Recipients: []string{to}, Kind: minuit.Transactional}
}

// wantError checks that err is a *scheduler.ProviderError of class (and of
// reason, when not ""), wrapping an error that names the package.
func wantError(t *testing.T, err error, class scheduler.ErrorClass, reason string) *scheduler.ProviderError {
	t.Helper()
	return providertest.CheckError(t, err, providertest.ErrorWant{Class: class, Reason: reason, Exact: true,
		Prefix: "bird: ", Secrets: []string{birdemu.DefaultKey}})
}

func newClock() *providertest.Clock { return providertest.NewClock(providertest.Start) }

func errorsAs(err error, target any) bool { return errors.As(err, target) }
