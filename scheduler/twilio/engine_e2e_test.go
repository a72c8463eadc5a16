package twilio_test

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"minuit/internal/db"
	"minuit/internal/minuit"
	"minuit/scheduler"
	"minuit/scheduler/providertest"
	"minuit/scheduler/twilio/twilioemu"
)

// stepClock is the engine's clock, moved by the test; Pass never waits on it.
type stepClock struct{ *providertest.Clock }

func (c stepClock) NewTimer(time.Duration) scheduler.Timer { panic("Pass does not sleep") }

type e2e struct {
	t     *testing.T
	emu   *twilioemu.Server
	store *scheduler.Store
	clock stepClock
	eng   *scheduler.Engine
}

// newE2E runs the real engine, store, client and emulator on one stepped clock.
func newE2E(t *testing.T) *e2e {
	t.Helper()
	x := &e2e{t: t, clock: stepClock{newFakeClock()}}
	x.emu = newEmu(t, x.clock.Clock)
	d, err := db.Open(filepath.Join(t.TempDir(), "minuit.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = d.Close() })
	if x.store, err = scheduler.Open(t.Context(), d, x.clock.Now); err != nil {
		t.Fatal(err)
	}
	p := newProvider(t, baseConfig(x.emu))
	x.eng = scheduler.New(scheduler.Config{Store: x.store, Provider: p, Clock: x.clock, Originator: "MaBoutique"})
	return x
}

func (x *e2e) schedule(body string, nums ...string) {
	x.t.Helper()
	var rs []scheduler.RecipientRef
	for _, n := range nums {
		rs = append(rs, scheduler.RecipientRef{Kind: scheduler.ToNumber, Value: n})
	}
	_, err := x.store.CreateMessage(x.t.Context(), scheduler.Message{Body: body, Kind: minuit.Transactional,
		At: x.clock.Now().Format(scheduler.WallLayout), TZ: "UTC", Recipients: rs})
	if err != nil {
		x.t.Fatal(err)
	}
}

func (x *e2e) pass() {
	x.t.Helper()
	if _, err := x.eng.Pass(x.t.Context()); err != nil {
		x.t.Fatal(err)
	}
}

func (x *e2e) deliveries() map[string]scheduler.Delivery {
	x.t.Helper()
	ds, _, err := x.store.History(x.t.Context(), scheduler.HistoryQuery{Limit: 1000})
	if err != nil {
		x.t.Fatal(err)
	}
	out := map[string]scheduler.Delivery{}
	for _, d := range ds {
		out[d.To] = d
	}
	return out
}

func TestARecipientWhoRepliedStopAtTwilioEndsFailedSayingSo(t *testing.T) {
	x := newE2E(t)
	x.schedule("Promo de Noël", "+33612349994", "+33612345678")
	x.pass()
	ds := x.deliveries()
	if d := ds["+33612349994"]; d.State != scheduler.Failed || !strings.Contains(d.Error, "replied STOP") {
		t.Errorf("the opted-out number: %s %q, want failed saying the recipient replied STOP", d.State, d.Error)
	}
	if d := ds["+33612345678"]; d.State != scheduler.Sent {
		t.Errorf("the other number: %s %q, want sent", d.State, d.Error)
	}
	if n := x.emu.Created("+33612349994", "Promo de Noël"); n != 0 {
		t.Errorf("Twilio created %d messages to the opted-out number", n)
	}
}

func TestAMessageGoesThroughTheEngineAndTheSDKAndIsReportedDelivered(t *testing.T) {
	x := newE2E(t)
	x.schedule("Votre commande est prête", "+33612345678", "+33612349991")
	x.pass()
	if n := len(x.emu.Messages()); n != 2 {
		t.Fatalf("the emulator holds %d messages, want one per recipient", n)
	}
	x.clock.Advance(2 * time.Minute)
	x.pass()
	ds := x.deliveries()
	if d := ds["+33612345678"]; d.State != scheduler.Delivered || !strings.HasPrefix(d.ProviderID, "SM") {
		t.Errorf("the good number: %s (provider id %q), want delivered", d.State, d.ProviderID)
	}
	if d := ds["+33612349991"]; d.State != scheduler.Failed || !strings.Contains(d.Error, "30003") {
		t.Errorf("the unreachable number: %s %q, want failed with Twilio's error 30003", d.State, d.Error)
	}
}
