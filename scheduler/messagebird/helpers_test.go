package messagebird_test

import (
	"sync"
	"testing"
	"time"

	"minuit/scheduler"
	"minuit/scheduler/messagebird"
	"minuit/scheduler/messagebird/mbemu"
	"minuit/scheduler/providertest"
)

// newEmu starts an emulator that is closed when the test ends.
func newEmu(t testing.TB, opts ...mbemu.Option) *mbemu.Server {
	t.Helper()
	emu := mbemu.New(opts...)
	t.Cleanup(emu.Close)
	return emu
}

// newProvider returns a provider talking to emu with the default access key.
func newProvider(t testing.TB, emu *mbemu.Server, timeout time.Duration) *messagebird.Provider {
	t.Helper()
	return newProviderWith(t, messagebird.Config{AccessKey: mbemu.DefaultAccessKey, BaseURL: emu.URL(), Timeout: timeout})
}

func newProviderWith(t testing.TB, cfg messagebird.Config) *messagebird.Provider {
	t.Helper()
	p, err := messagebird.New(cfg)
	if err != nil {
		t.Fatalf("New(%+v): %v", cfg, err)
	}
	t.Cleanup(p.CloseIdleConnections)
	return p
}

func batch(ref string, numbers ...string) scheduler.Batch {
	return scheduler.Batch{Reference: ref, Originator: "Bakery", Body: "Fresh bread at 7!", Recipients: numbers}
}

// wantProviderError checks that err is a *scheduler.ProviderError of class
// whose reason is reason, and that it names the package.
func wantProviderError(t *testing.T, err error, class scheduler.ErrorClass, reason string) *scheduler.ProviderError {
	t.Helper()
	return providertest.CheckError(t, err, providertest.ErrorWant{Class: class, Reason: reason, Exact: true,
		Prefix: "messagebird: "})
}

// countRequests counts the requests with method and path.
func countRequests(emu *mbemu.Server, method, path string) int {
	n := 0
	for _, r := range emu.Requests() {
		if r.Method == method && r.Path == path {
			n++
		}
	}
	return n
}

// fakeClock is a settable clock for the emulator.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func newFakeClock(start time.Time) *fakeClock { return &fakeClock{now: start} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

// refs returns batches that carry only references, for Lookup.
func refs(references ...string) []scheduler.Batch {
	out := make([]scheduler.Batch, len(references))
	for i, r := range references {
		out[i] = scheduler.Batch{Reference: r}
	}
	return out
}
