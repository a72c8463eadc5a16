package twilio_test

import (
	"slices"
	"testing"
	"time"

	"minuit/scheduler/providertest"
	"minuit/scheduler/twilio"
	"minuit/scheduler/twilio/twilioemu"
)

// setup builds the suite's provider: with service, a Messaging Service (the
// hand-off and cancel cases run); without, a plain number (they are skipped).
func setup(service bool, opts ...twilioemu.Option) func(t testing.TB, clock *providertest.Clock) providertest.Setup {
	return func(t testing.TB, clock *providertest.Clock) providertest.Setup {
		opts := slices.Clone(opts)
		if clock != nil {
			opts = append(opts, twilioemu.WithClock(clock.Now))
		}
		emu := twilioemu.New(opts...)
		t.Cleanup(emu.Close)
		cfg := twilio.Config{AccountSID: emu.AccountSID(), AuthToken: twilioemu.DefaultAuthToken,
			From: emu.Number(), BaseURL: emu.URL(), Timeout: 10 * time.Second}
		if service {
			cfg.MessagingServiceSID = twilioemu.DefaultServiceSID
		}
		p := newProvider(t, cfg)
		return providertest.Setup{Provider: p, Emulator: emu, Originator: emu.Number(),
			Delivered: "+33612349999", Failed: "+33612349991", Invalid: "+33612349990", OptedOut: "+33612349994"}
	}
}

func TestTheConformanceSuitePassesThroughAMessagingService(t *testing.T) {
	providertest.Run(t, setup(true))
}

func TestTheConformanceSuitePassesFromAPlainNumber(t *testing.T) {
	providertest.Run(t, setup(false))
}

// BenchmarkCampaign sends to +33610000000…+33610009999, among which
// +33610009990 and +33610009994 would be the emulator's invalid and opted-out
// test numbers: they are turned off so that all 10,000 are created.
func BenchmarkCampaign(b *testing.B) {
	providertest.Campaign(b, 0, setup(true, twilioemu.WithoutTestNumbers()))
}

// BenchmarkHandOffAndCancel: 1,000 deliveries handed to Twilio's scheduler through
// a Messaging Service, then withdrawn. Goals: ≤ 5 s each.
func BenchmarkHandOffAndCancel(b *testing.B) {
	providertest.HandOffAndCancel(b, 1000, setup(true))
}
