package scheduler

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"minuit/internal/db"
	"minuit/internal/minuit"
)

// fakeClock is a settable clock whose timers report the duration asked for and fire
// only when the test says so.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	timers chan *fakeTimer
}

func newFakeClock(t time.Time) *fakeClock {
	return &fakeClock{now: t, timers: make(chan *fakeTimer, 100)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Set(t time.Time) {
	c.mu.Lock()
	c.now = t
	c.mu.Unlock()
}

func (c *fakeClock) Advance(d time.Duration) { c.Set(c.Now().Add(d)) }

func (c *fakeClock) NewTimer(d time.Duration) Timer {
	t := &fakeTimer{d: d, ch: make(chan time.Time, 1)}
	c.timers <- t
	return t
}

type fakeTimer struct {
	d  time.Duration
	ch chan time.Time
}

func (t *fakeTimer) C() <-chan time.Time { return t.ch }
func (t *fakeTimer) Stop() bool          { return true }
func (t *fakeTimer) fire(now time.Time)  { t.ch <- now }

// recorder is a Provider double that records requests and answers as told.
type recorder struct {
	mu       sync.Mutex
	sent     []Batch
	accepted map[string]Accepted // by reference
	fail     []error             // returned by the next Send calls, in order
	status   DLR                 // what Status reports; default pending
	lookErr  error
	// acceptOnFail: the failing Send still "reaches" the provider (an ambiguous loss).
	acceptOnFail bool
	caps         Capabilities // zero: MaxBatch, no scheduling
	cancelled    []string     // provider ids withdrawn
	cancelErr    error
	reason       string // what Status says beside the status
	statusErr    error  // what Status returns instead, when set
}

func newRecorder() *recorder { return &recorder{accepted: map[string]Accepted{}, status: DLRPending} }

func (r *recorder) Name() string { return "recorder" }

func (r *recorder) Send(_ context.Context, b Batch) (Accepted, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	acc := Accepted{ID: "id-" + b.Reference, Reference: b.Reference, Recipients: append([]string(nil), b.Recipients...)}
	if len(r.fail) > 0 {
		err := r.fail[0]
		r.fail = r.fail[1:]
		if r.acceptOnFail {
			r.sent = append(r.sent, b)
			r.accepted[b.Reference] = acc
		}
		return Accepted{}, err
	}
	r.sent = append(r.sent, b)
	r.accepted[b.Reference] = acc
	return acc, nil
}

func (r *recorder) Status(_ context.Context, id string) ([]RecipientStatus, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.statusErr != nil {
		return nil, r.statusErr
	}
	for _, a := range r.accepted {
		if a.ID == id {
			var out []RecipientStatus
			for _, n := range a.Recipients {
				out = append(out, RecipientStatus{Recipient: n, Status: r.status, Reason: r.reason})
			}
			return out, nil
		}
	}
	return nil, &ProviderError{Class: Permanent, Reason: "unknown message"}
}

func (r *recorder) Capabilities() Capabilities {
	if r.caps.MaxBatch > 0 {
		return r.caps
	}
	return Capabilities{MaxBatch: MaxBatch}
}

// Cancel withdraws a handed-off message, or answers cancelErr.
func (r *recorder) Cancel(_ context.Context, id string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.cancelErr != nil {
		return r.cancelErr
	}
	r.cancelled = append(r.cancelled, id)
	return nil
}

func (r *recorder) Lookup(_ context.Context, batches []Batch, _ time.Time) (map[string]Accepted, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.lookErr != nil {
		return nil, r.lookErr
	}
	out := map[string]Accepted{}
	for _, b := range batches {
		if a, ok := r.accepted[b.Reference]; ok {
			out[b.Reference] = a
		}
	}
	return out, nil
}

func (r *recorder) Balance(context.Context) (Balance, error) {
	return Balance{Amount: 1, Type: "credits"}, nil
}

// sends counts how many requests carried each number.
func (r *recorder) sends() map[string]int {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := map[string]int{}
	for _, b := range r.sent {
		for _, n := range b.Recipients {
			out[n]++
		}
	}
	return out
}

type harness struct {
	t     testing.TB
	db    *db.DB
	store *Store
	clock *fakeClock
	prov  *recorder
	eng   *Engine
	dir   Directory
	evs   []Event
	mu    sync.Mutex
	// handOff and optOuts: Config.HandOff, and the numbers Config.OnOptOut recorded.
	handOff bool
	optOuts []string
}

func newHarness(t testing.TB, start time.Time) *harness {
	t.Helper()
	h := &harness{t: t, clock: newFakeClock(start), prov: newRecorder()}
	h.db, h.store = openAt(t, filepath.Join(t.TempDir(), "minuit.db"), h.clock)
	t.Cleanup(func() { _ = h.db.Close() })
	h.restart()
	return h
}

func openAt(t testing.TB, path string, c *fakeClock) (*db.DB, *Store) {
	t.Helper()
	d, err := db.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	st, err := Open(context.Background(), d, c.Now)
	if err != nil {
		t.Fatal(err)
	}
	return d, st
}

// restart builds a fresh engine over the same store, as after a process restart.
func (h *harness) restart() {
	h.eng = New(Config{Store: h.store, Provider: h.prov, Clock: h.clock, Directory: h.dir, HandOff: h.handOff,
		OnEvent: func(e Event) {
			h.mu.Lock()
			h.evs = append(h.evs, e)
			h.mu.Unlock()
		},
		OnOptOut: func(_ context.Context, number, _ string, _ time.Time) error {
			h.mu.Lock()
			h.optOuts = append(h.optOuts, number)
			h.mu.Unlock()
			return nil
		}})
}

func (h *harness) pass() time.Time {
	h.t.Helper()
	next, err := h.eng.Pass(h.t.Context())
	if err != nil {
		h.t.Fatalf("pass: %v", err)
	}
	return next
}

func (h *harness) schedule(m Message) int64 {
	h.t.Helper()
	if m.Kind == "" {
		m.Kind = minuit.Transactional
	}
	if m.TZ == "" {
		m.TZ = "Europe/Paris"
	}
	id, err := h.store.CreateMessage(h.t.Context(), m)
	if err != nil {
		h.t.Fatalf("schedule: %v", err)
	}
	return id
}

func (h *harness) deliveries() []Delivery {
	h.t.Helper()
	ds, _, err := h.store.History(h.t.Context(), HistoryQuery{Limit: 10000})
	if err != nil {
		h.t.Fatal(err)
	}
	return ds
}

func (h *harness) events(k EventKind) []Event {
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []Event
	for _, e := range h.evs {
		if e.Kind == k {
			out = append(out, e)
		}
	}
	return out
}

func paris(t testing.TB, s string) time.Time {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	v, err := time.ParseInLocation(WallLayout, s, loc)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func to(nums ...string) []RecipientRef {
	var out []RecipientRef
	for _, n := range nums {
		out = append(out, RecipientRef{Kind: ToNumber, Value: n})
	}
	return out
}
