package messagebird_test

import (
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"minuit/internal/db"
	"minuit/internal/minuit"
	"minuit/scheduler"
	"minuit/scheduler/messagebird"
	"minuit/scheduler/messagebird/mbemu"
	"minuit/scheduler/providertest"
)

// stepClock is moved by the test; the engine's Pass never waits on it.
type stepClock struct{ *providertest.Clock }

func newStepClock(t time.Time) *stepClock { return &stepClock{providertest.NewClock(t)} }

func (c *stepClock) NewTimer(time.Duration) scheduler.Timer {
	panic("Pass does not sleep")
}

type e2e struct {
	t     *testing.T
	emu   *mbemu.Server
	store *scheduler.Store
	clock *stepClock
	eng   *scheduler.Engine
	evs   []scheduler.Event
	mu    sync.Mutex
}

func newE2E(t *testing.T, opts ...mbemu.Option) *e2e {
	t.Helper()
	x := &e2e{t: t, clock: newStepClock(time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC))}
	x.emu = mbemu.New(append([]mbemu.Option{mbemu.WithClock(x.clock.Now)}, opts...)...)
	t.Cleanup(x.emu.Close)
	d, err := db.Open(filepath.Join(t.TempDir(), "minuit.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = d.Close() })
	if x.store, err = scheduler.Open(t.Context(), d, x.clock.Now); err != nil {
		t.Fatal(err)
	}
	x.restart(mbemu.DefaultAccessKey)
	return x
}

func (x *e2e) restart(key string) {
	x.t.Helper()
	p, err := messagebird.New(messagebird.Config{AccessKey: key, BaseURL: x.emu.URL(), Timeout: 2 * time.Second})
	if err != nil {
		x.t.Fatal(err)
	}
	x.eng = scheduler.New(scheduler.Config{Store: x.store, Provider: p, Clock: x.clock, Originator: "MaBoutique",
		OnEvent: func(e scheduler.Event) { x.mu.Lock(); x.evs = append(x.evs, e); x.mu.Unlock() }})
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

func (x *e2e) pass() error {
	_, err := x.eng.Pass(x.t.Context())
	return err
}

func (x *e2e) states() map[string]scheduler.Delivery {
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

func TestMessageGoesThroughTheSDKToTheEmulatorAndIsReportedDelivered(t *testing.T) {
	x := newE2E(t)
	x.schedule("Votre commande est prête", "+33612345678", "+33698765432")
	if err := x.pass(); err != nil {
		t.Fatal(err)
	}
	msgs := x.emu.Messages()
	if len(msgs) != 1 || len(msgs[0].Recipients) != 2 || msgs[0].Originator != "MaBoutique" || msgs[0].Reference == "" {
		t.Fatalf("emulator holds %+v, want one message to two recipients with our reference", msgs)
	}
	x.clock.Advance(10 * time.Second)
	if err := x.pass(); err != nil {
		t.Fatal(err)
	}
	for n, d := range x.states() {
		if d.State != scheduler.Delivered || d.ProviderID != msgs[0].ID {
			t.Fatalf("%s: %s (provider id %q), want delivered under %s", n, d.State, d.ProviderID, msgs[0].ID)
		}
	}
}

func TestDroppedConnectionAfterAcceptanceIsReconciledNotResent(t *testing.T) {
	x := newE2E(t)
	x.emu.DropNext(1)
	x.schedule("Rappel: rendez-vous demain", "+33612345678")
	if err := x.pass(); err != nil {
		t.Fatal(err)
	}
	x.clock.Advance(time.Hour)
	if err := x.pass(); err != nil {
		t.Fatal(err)
	}
	for ref, n := range x.emu.AcceptedByReference() {
		if n != 1 {
			t.Fatalf("reference %s accepted %d times", ref, n)
		}
	}
	if got := len(x.emu.Messages()); got != 1 {
		t.Fatalf("messages at the provider = %d, want 1", got)
	}
	if d := x.states()["+33612345678"]; d.State != scheduler.Sent && d.State != scheduler.Delivered {
		t.Fatalf("state = %s, want sent or delivered", d.State)
	}
}

func TestServerErrorIsRetriedAndThenSent(t *testing.T) {
	x := newE2E(t)
	x.emu.FailNext(1, 500)
	x.schedule("Rappel", "+33612345678")
	if err := x.pass(); err != nil {
		t.Fatal(err)
	}
	d := x.states()["+33612345678"]
	if d.State != scheduler.Retryable || d.Error == "" {
		t.Fatalf("after a 500: %s %q, want retryable with a reason", d.State, d.Error)
	}
	x.clock.Advance(2 * time.Second)
	if err := x.pass(); err != nil {
		t.Fatal(err)
	}
	if d := x.states()["+33612345678"]; d.State != scheduler.Sent {
		t.Fatalf("after the retry: %s, want sent", d.State)
	}
	_, attempts, err := x.store.Delivery(t.Context(), d.ID)
	if err != nil || len(attempts) != 1 {
		t.Fatalf("attempt history = %+v (%v), want the one failed attempt", attempts, err)
	}
}

func TestAWrongAccessKeyPausesSendingWithAPlainReasonAndKeepsTheDelivery(t *testing.T) {
	x := newE2E(t)
	x.restart("wrong")
	x.schedule("Rappel", "+33612345678")
	if err := x.pass(); err != nil {
		t.Fatal(err)
	}
	if d := x.states()["+33612345678"]; d.State != scheduler.Scheduled {
		t.Fatalf("state = %s %q, want still scheduled", d.State, d.Error)
	}
	if !x.eng.Paused() || x.eng.PauseReason() != "MessageBird refused the access key" {
		t.Fatalf("paused %v (%q), want paused: MessageBird refused the access key", x.eng.Paused(), x.eng.PauseReason())
	}
	x.mu.Lock()
	evs := slices.Clone(x.evs)
	x.mu.Unlock()
	if !slices.ContainsFunc(evs, func(e scheduler.Event) bool { return e.Kind == scheduler.EventAccount }) {
		t.Errorf("events %+v lack the account event", evs)
	}
	x.restart(mbemu.DefaultAccessKey) // the shop fixes the key
	if err := x.pass(); err != nil {
		t.Fatal(err)
	}
	if d := x.states()["+33612345678"]; d.State != scheduler.Sent {
		t.Fatalf("with the right key: state = %s %q, want sent", d.State, d.Error)
	}
}

func TestOperatorFailureIsReportedAsFailed(t *testing.T) {
	x := newE2E(t, mbemu.WithFailing("+33612345678"))
	x.schedule("Rappel", "+33612345678")
	_ = x.pass()
	x.clock.Advance(10 * time.Second)
	if err := x.pass(); err != nil {
		t.Fatal(err)
	}
	if d := x.states()["+33612345678"]; d.State != scheduler.Failed {
		t.Fatalf("state = %s, want failed from the delivery report", d.State)
	}
}
