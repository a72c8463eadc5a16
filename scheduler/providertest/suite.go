// Package providertest is the conformance suite every scheduler.Provider runs
// against its vendor emulator: send, batch, status, lookup after a crash, error
// classes, inbound STOP/START, and schedule and cancel where the provider can. Each
// provider package calls Run from a test with a Setup that points the real client
// at its emulator.
package providertest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"minuit/internal/minuit"
	"minuit/scheduler"
)

// Fault is a failure an emulator injects into its next request, whatever the endpoint.
type Fault int

const (
	// FaultThrottle answers 429 with the vendor's wait header (Retry-After or its
	// own reset header) asking for a wait of at least one second. Nothing is created.
	FaultThrottle Fault = iota
	// FaultServer answers a 5xx before processing. Nothing is created.
	FaultServer
	// FaultAuth answers as the vendor does to wrong credentials. Nothing is created.
	FaultAuth
	// FaultDropAfter processes the request (a POST creates its message), then drops
	// the connection before answering.
	FaultDropAfter
)

func (f Fault) String() string {
	return [...]string{"throttle", "server error", "wrong credentials", "dropped after processing"}[f]
}

// Emulator is what the suite needs from a vendor emulator besides its URL.
type Emulator interface {
	// Inject makes the next request fail with f.
	Inject(f Fault)
	// AddInbound makes an SMS from `from` (E.164) to the shop's number appear, as
	// received at `at`.
	AddInbound(from, body string, at time.Time)
	// Created returns how many messages the emulator created with body to number.
	Created(number, body string) int
}

// Setup is one provider under test, built by the provider's test for each subtest.
type Setup struct {
	Provider scheduler.Provider
	Emulator Emulator
	// Delivered, Failed, Invalid are numbers the emulator delivers, reports failed
	// once sent, and refuses at once as invalid. OptedOut, when not "", is refused
	// (at once or in its status) because it replied STOP at the provider.
	Delivered, Failed, Invalid, OptedOut string
	// Originator is a sender the emulator accepts.
	Originator string
}

// Clock is the suite's clock, which the emulator reads: reports progress and
// scheduled messages leave only when the suite moves it.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// NewClock returns a settable clock at t, for an emulator's WithClock option.
func NewClock(t time.Time) *Clock { return &Clock{t: t} }

// Advance moves the clock forward.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// Start is where every subtest's clock starts: a Monday in France's winter.
var Start = time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)

// Run runs the suite. newSetup builds a fresh emulator and client for each subtest,
// with the emulator reading clock.
func Run(t *testing.T, newSetup func(t testing.TB, clock *Clock) Setup) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			clock := NewClock(Start)
			s := newSetup(t, clock)
			tc.run(t, &env{Setup: s, clock: clock, ctx: context.Background()})
		})
	}
}

type env struct {
	Setup
	clock *Clock
	ctx   context.Context
	n     int
}

// batch returns a batch with a fresh reference and body.
func (e *env) batch(to ...string) scheduler.Batch {
	e.n++
	return scheduler.Batch{Reference: fmt.Sprintf("mn-conf%04d", e.n), Originator: e.Originator,
		Body: fmt.Sprintf("Conformance %d: joyeux Noël !", e.n), Recipients: to, Kind: minuit.Transactional}
}

func (e *env) send(t *testing.T, b scheduler.Batch) scheduler.Accepted {
	t.Helper()
	acc, err := e.Provider.Send(e.ctx, b)
	if err != nil {
		t.Fatalf("Send(%v): %v", b.Recipients, err)
	}
	if acc.ID == "" {
		t.Fatalf("Send(%v) accepted with no provider id", b.Recipients)
	}
	return acc
}

func (e *env) status(t *testing.T, id, number string) scheduler.RecipientStatus {
	t.Helper()
	sts, err := e.Provider.Status(e.ctx, id)
	if err != nil {
		t.Fatalf("Status(%s): %v", id, err)
	}
	for _, s := range sts {
		if s.Recipient == number {
			return s
		}
	}
	t.Fatalf("Status(%s) does not list %s: %+v", id, number, sts)
	return scheduler.RecipientStatus{}
}

func expectClass(t *testing.T, err error, want scheduler.ErrorClass) *scheduler.ProviderError {
	t.Helper()
	var pe *scheduler.ProviderError
	if !errors.As(err, &pe) {
		t.Fatalf("error %v (%T) is not a *scheduler.ProviderError", err, err)
	}
	if pe.Class != want {
		t.Fatalf("error %q is %v, want %v", err, pe.Class, want)
	}
	if pe.Reason == "" {
		t.Fatalf("error %v has no sentence for the user", err)
	}
	return pe
}

type testCase struct {
	name string
	run  func(t *testing.T, e *env)
}

var cases = []testCase{
	{"a message to one number is accepted once and listed with its recipient", sendOne},
	{"a full batch is accepted and a larger one refused before anything is sent", fullBatch},
	{"the status moves from pending to delivered or failed as the clock moves", statusProgresses},
	{"lookup finds an accepted batch by its reference and not one never sent", lookupAfterCrash},
	{"a connection dropped after processing is ambiguous and reconciled by lookup", droppedIsReconciled},
	{"a throttle is transient, says how long to wait and creates nothing", throttle},
	{"a server error is transient and creates nothing", serverError},
	{"wrong credentials are an account problem, on send and on the balance", wrongCredentials},
	{"an invalid number is refused for good, not as an account problem", invalidNumber},
	{"a number opted out at the provider is reported as an opt-out", optedOut},
	{"inbound STOP and START replies are read with their number and time", inbound},
	{"a handed-off message waits for its time, then leaves once", scheduleLeavesAtItsTime},
	{"a handed-off message can be cancelled until it leaves, then says already sent", scheduleCancel},
}
