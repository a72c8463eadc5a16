package messagebird_test

import (
	"testing"
	"time"

	"minuit/scheduler/messagebird"
	"minuit/scheduler/messagebird/mbemu"
	"minuit/scheduler/providertest"
)

// The numbers the conformance emulator treats specially. The shared campaign
// sends to +3361xxxxxxx, so these stay out of its range.
const (
	confDelivered = "+33611112222"
	confFailed    = "+33611119991"
	confInvalid   = "+33611119990"
)

// suiteEmu adapts mbemu.Server to providertest.Emulator: mbemu's AddInbound
// returns the message, and its faults are named after HTTP, not the suite.
type suiteEmu struct{ *mbemu.Server }

func (e suiteEmu) Inject(f providertest.Fault) {
	switch f {
	case providertest.FaultThrottle:
		e.ThrottleNext(1, time.Second)
	case providertest.FaultServer:
		e.FailNext(1, 500)
	case providertest.FaultAuth:
		e.FailNext(1, 401)
	case providertest.FaultDropAfter:
		e.DropNext(1)
	}
}

func (e suiteEmu) AddInbound(from, body string, at time.Time) { e.Server.AddInbound(from, body, at) }

// newSuiteSetup builds an emulator on clock (time.Now when nil) whose messages
// are delivered a minute after they leave, and a real client pointed at it.
func newSuiteSetup(t testing.TB, clock *providertest.Clock) providertest.Setup {
	t.Helper()
	now := time.Now
	if clock != nil {
		now = clock.Now
	}
	emu := newEmu(t, mbemu.WithClock(now), mbemu.WithDeliverAfter(time.Minute),
		mbemu.WithFailing(confFailed), mbemu.WithInvalid(confInvalid))
	p := newProviderWith(t, messagebird.Config{AccessKey: mbemu.DefaultAccessKey, BaseURL: emu.URL(), Now: now})
	return providertest.Setup{Provider: p, Emulator: suiteEmu{emu},
		Delivered: confDelivered, Failed: confFailed, Invalid: confInvalid, Originator: "MaBoutique"}
}

func TestMessageBirdPassesTheProviderConformanceSuite(t *testing.T) {
	providertest.Run(t, newSuiteSetup)
}

// BenchmarkCampaign is the shared campaign: 10,000 recipients through the engine,
// the SDK and the emulator, in recipients per second. Goal: ≥ 2,000/s.
func BenchmarkCampaign(b *testing.B) {
	providertest.Campaign(b, 0, newSuiteSetup)
}

// BenchmarkHandOffAndCancel: 1,000 deliveries handed to MessageBird's scheduler,
// then withdrawn. Goals: ≤ 5 s each.
func BenchmarkHandOffAndCancel(b *testing.B) {
	providertest.HandOffAndCancel(b, 1000, newSuiteSetup)
}
