package twilio_test

import (
	"strings"
	"testing"
	"time"

	"minuit/internal/minuit"
	"minuit/scheduler"
	"minuit/scheduler/providertest"
	"minuit/scheduler/twilio"
	"minuit/scheduler/twilio/twilioemu"
)

func newFakeClock() *providertest.Clock { return providertest.NewClock(providertest.Start) }

// newEmu starts an emulator on clock that is closed when the test ends.
func newEmu(t testing.TB, clock *providertest.Clock, opts ...twilioemu.Option) *twilioemu.Server {
	t.Helper()
	if clock != nil {
		opts = append([]twilioemu.Option{twilioemu.WithClock(clock.Now)}, opts...)
	}
	emu := twilioemu.New(opts...)
	t.Cleanup(emu.Close)
	return emu
}

// baseConfig is a configuration for emu with the auth token, the emulator's
// number as From and its Messaging Service.
func baseConfig(emu *twilioemu.Server) twilio.Config {
	return twilio.Config{AccountSID: emu.AccountSID(), AuthToken: twilioemu.DefaultAuthToken,
		From: emu.Number(), MessagingServiceSID: twilioemu.DefaultServiceSID, BaseURL: emu.URL(), Timeout: 5 * time.Second}
}

func newProvider(t testing.TB, cfg twilio.Config) *twilio.Provider {
	t.Helper()
	p, err := twilio.New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(p.CloseIdleConnections)
	return p
}

func batch(ref, to, body string) scheduler.Batch {
	return scheduler.Batch{Reference: ref, Originator: "MaBoutique", Body: body, Recipients: []string{to},
		Kind: minuit.Transactional}
}

// wantProviderError checks that err is a *scheduler.ProviderError of class,
// whose reason contains reason, naming the package in its wrapped error.
func wantProviderError(t *testing.T, err error, class scheduler.ErrorClass, reason string) *scheduler.ProviderError {
	t.Helper()
	return providertest.CheckError(t, err, providertest.ErrorWant{Class: class, Reason: reason, Exact: false,
		Prefix: "twilio: ", Secrets: []string{twilioemu.DefaultAuthToken, twilioemu.DefaultAPISecret}})
}

// requests returns the emulator's requests with method whose path ends with suffix.
func requests(emu *twilioemu.Server, method, suffix string) []twilioemu.Request {
	var out []twilioemu.Request
	for _, r := range emu.Requests() {
		if r.Method == method && strings.HasSuffix(r.Path, suffix) {
			out = append(out, r)
		}
	}
	return out
}
