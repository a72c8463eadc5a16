package smsgate

import (
	"testing"
	"time"

	"minuit/scheduler/providertest"
	"minuit/scheduler/smsgate/gateemu"
)

// newSetup runs against the cloud emulator: the local app takes any number and
// fails it when sending, while the suite wants an invalid number refused at
// once (the local behaviour has its own tests). perHour overrides the pace
// beyond MaxPerHour, for the benchmark only.
func newSetup(perHour int) func(t testing.TB, clock *providertest.Clock) providertest.Setup {
	return func(t testing.TB, clock *providertest.Clock) providertest.Setup {
		opts := []gateemu.Option{gateemu.WithCloud()}
		var now func() time.Time
		if clock != nil {
			opts = append(opts, gateemu.WithClock(clock.Now))
			now = clock.Now
		}
		emu := gateemu.New(opts...)
		t.Cleanup(emu.Close)
		p, err := New(Config{URL: emu.URL(), User: gateemu.DefaultUser, Password: gateemu.DefaultPassword, Now: now})
		if err != nil {
			t.Fatal(err)
		}
		if perHour > 0 {
			p.perHour = perHour
		}
		t.Cleanup(p.CloseIdleConnections)
		return providertest.Setup{Provider: p, Emulator: emu, Originator: "Minuit",
			Delivered: "+33698765432", Failed: "+33698769991", Invalid: "+33698769990"}
	}
}

func TestTheConformanceSuitePassesAgainstTheCloudEmulator(t *testing.T) {
	providertest.Run(t, newSetup(0))
}

// BenchmarkCampaign sends a small campaign through the engine at 72,000 SMS an
// hour (20 a second), far above what a phone may send, to measure the client and
// the emulator rather than the pace; TestTheDefaultPace… checks the real pace.
func BenchmarkCampaign(b *testing.B) {
	providertest.Campaign(b, 20, newSetup(72_000))
}

// BenchmarkHandOffAndCancel hands 20 texts to the phone's scheduler at 72,000 an
// hour, then withdraws them: a phone is paced by the hour, so 1,000 would take the
// phone's own time, not Minuit's.
func BenchmarkHandOffAndCancel(b *testing.B) {
	providertest.HandOffAndCancel(b, 20, newSetup(72_000))
}
