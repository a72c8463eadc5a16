package smsgate_test

import (
	"testing"

	"minuit/scheduler"
	"minuit/scheduler/providertest"
	"minuit/scheduler/smsgate"
	"minuit/scheduler/smsgate/gateemu"
)

// Numbers the emulator treats specially (see gateemu).
const (
	delivered = "+33698765432"
	failing   = "+33698769991"
	invalid   = "+33698769990"
)

// newClock is a settable clock shared by the emulator and the client.
func newClock() *providertest.Clock { return providertest.NewClock(providertest.Start) }

// newEmu starts an emulator on clk, closed when the test ends.
func newEmu(t testing.TB, clk *providertest.Clock, opts ...gateemu.Option) *gateemu.Server {
	t.Helper()
	emu := gateemu.New(append([]gateemu.Option{gateemu.WithClock(clk.Now)}, opts...)...)
	t.Cleanup(emu.Close)
	return emu
}

// newProvider returns a client of emu with its default credentials.
func newProvider(t testing.TB, emu *gateemu.Server, clk *providertest.Clock, edit ...func(*smsgate.Config)) *smsgate.Provider {
	t.Helper()
	cfg := smsgate.Config{URL: emu.URL(), User: gateemu.DefaultUser, Password: gateemu.DefaultPassword, Now: clk.Now}
	for _, e := range edit {
		e(&cfg)
	}
	p, err := smsgate.New(cfg)
	if err != nil {
		t.Fatalf("New(%+v): %v", cfg, err)
	}
	t.Cleanup(p.CloseIdleConnections)
	return p
}

func batch(ref, to string) scheduler.Batch {
	return scheduler.Batch{Reference: ref, Originator: "Boulangerie", Body: "Galette des rois prête !", Recipients: []string{to}}
}

// wantError checks err is a *scheduler.ProviderError of class whose reason
// contains reason, and that it never shows the password.
func wantError(t *testing.T, err error, class scheduler.ErrorClass, reason string) *scheduler.ProviderError {
	t.Helper()
	return providertest.CheckError(t, err, providertest.ErrorWant{Class: class, Reason: reason, Exact: false,
		Prefix: "smsgate: ", Secrets: []string{gateemu.DefaultPassword}})
}

// paths lists the requests as "METHOD path?query".
func paths(emu *gateemu.Server) []string {
	var out []string
	for _, r := range emu.Requests() {
		s := r.Method + " " + r.Path
		if r.Query != "" {
			s += "?" + r.Query
		}
		out = append(out, s)
	}
	return out
}
