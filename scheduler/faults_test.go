package scheduler

import (
	"context"
	"errors"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"minuit/internal/db"
	"minuit/internal/minuit"
)

// faultRun is an engine running over a harness, with what it handed to OnError.
type faultRun struct {
	h    *harness
	mu   sync.Mutex
	errs []*PassError
	done chan error
}

func runWithErrors(t *testing.T, h *harness) *faultRun {
	t.Helper()
	r := &faultRun{h: h, done: make(chan error, 1)}
	h.eng = New(Config{Store: h.store, Provider: h.prov, Clock: h.clock,
		OnEvent: func(e Event) {
			h.mu.Lock()
			h.evs = append(h.evs, e)
			h.mu.Unlock()
		},
		OnError: func(err error) {
			var pe *PassError
			if !errors.As(err, &pe) {
				t.Errorf("OnError got %T, want a *PassError", err)
			}
			r.mu.Lock()
			r.errs = append(r.errs, pe)
			r.mu.Unlock()
		}})
	ctx, cancel := context.WithCancel(t.Context())
	go func() { r.done <- h.eng.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		<-r.done
	})
	return r
}

func (r *faultRun) reported() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.errs)
}

// readOnly makes the writing connection refuse writes (SQLITE_READONLY), as a
// read-only folder or a full disk makes every write fail, or lifts it.
func readOnly(t *testing.T, d *db.DB, on bool) {
	t.Helper()
	v := "0"
	if on {
		v = "1"
	}
	if _, err := d.W.Exec("PRAGMA query_only = " + v); err != nil {
		t.Fatal(err)
	}
}

// dbFaults are the ways tests make the database fail; faults_linux_test.go adds a
// full disk.
var dbFaults = map[string]func(t *testing.T, d *db.DB, on bool){"read-only": readOnly}

func TestADatabaseThatCannotBeWrittenMakesTheSenderBackOffTellOnceAndRecoverByItself(t *testing.T) {
	for name, fault := range dbFaults {
		t.Run(name, func(t *testing.T) { backOffTellOnceAndRecover(t, fault) })
	}
}

func backOffTellOnceAndRecover(t *testing.T, fault func(*testing.T, *db.DB, bool)) {
	h := newHarness(t, paris(t, "2026-06-01 10:00"))
	h.schedule(Message{Body: "Rappel", At: "2026-06-01 10:00", Recipients: to("+33612345678")})
	fault(t, h.db, true)
	r := runWithErrors(t, h)
	var firstReports int
	var tm *fakeTimer
	for i := 1; i <= 12; i++ {
		tm = <-h.clock.timers
		hi := min(FaultBackoffMin<<(i-1), FaultBackoffMax)
		if tm.d < hi/2 || tm.d > hi {
			t.Fatalf("wait after failing pass %d = %v, want between %v and %v", i, tm.d, hi/2, hi)
		}
		if i == 1 {
			firstReports = r.reported()
			if firstReports == 0 {
				t.Fatal("the first failure was not reported")
			}
		}
		if n := len(h.events(EventStoreProblem)); (i < faultProblemAfter && n != 0) || (i >= faultProblemAfter && n != 1) {
			t.Fatalf("after %d failing passes, %d store-problem events", i, n)
		}
		if i < 12 {
			h.clock.Advance(tm.d)
			tm.fire(h.clock.Now())
		}
	}
	if n := r.reported(); n != firstReports {
		t.Fatalf("the same errors were reported %d times in 12 passes, want once (%d)", n, firstReports)
	}
	ev := h.events(EventStoreProblem)[0]
	if !strings.Contains(ev.Reason, "cannot use its database") || !strings.Contains(ev.Reason, "resumes by itself") {
		t.Fatalf("reason = %q", ev.Reason)
	}
	// A new plan still wakes it at once.
	h.eng.Wake()
	tm = <-h.clock.timers
	// An error that lasts is reported again, once in a while.
	h.clock.Advance(FaultReportEvery)
	tm.fire(h.clock.Now())
	tm = <-h.clock.timers
	if n := r.reported(); n != 2*firstReports {
		t.Fatalf("after %v, %d reports, want %d", FaultReportEvery, n, 2*firstReports)
	}
	if got := h.prov.sends()["+33612345678"]; got != 0 {
		t.Fatalf("sent %d times while the database could not record it", got)
	}
	// The disk has room again: the next pass sends, says so, and sleeps as usual.
	fault(t, h.db, false)
	tm.fire(h.clock.Now())
	tm = <-h.clock.timers
	if got := h.prov.sends()["+33612345678"]; got != 1 {
		t.Fatalf("sent %d times after recovery, want 1", got)
	}
	if len(h.events(EventStoreRecovered)) != 1 || len(h.events(EventStoreProblem)) != 1 {
		t.Fatalf("events: %d recovered, %d problems; want 1 and 1", len(h.events(EventStoreRecovered)), len(h.events(EventStoreProblem)))
	}
	if tm.d < firstCheck-time.Millisecond || tm.d > firstCheck { // times are stored to the microsecond
		t.Fatalf("sleep after recovery = %v, want %v (the delivery report)", tm.d, firstCheck)
	}
}

func TestAThrottleThatHasEndedDoesNotMakeTheEngineSpin(t *testing.T) {
	h := newHarness(t, paris(t, "2026-06-01 10:00"))
	h.prov.fail = []error{&ProviderError{Class: Transient, Reason: "slow down", RetryAfter: 2 * time.Second}}
	h.schedule(Message{Body: "Rappel", At: "2026-06-01 10:00", Recipients: to("+33612345678")})
	r := runWithErrors(t, h)
	tm := <-h.clock.timers // throttled: sleeps until the retry
	h.clock.Advance(3 * time.Second)
	tm.fire(h.clock.Now())
	for range 3 {
		tm = <-h.clock.timers
		if tm.d == 0 {
			t.Fatalf("the engine passes again at once after the throttle ended (sends %v)", h.prov.sends())
		}
		tm.fire(h.clock.Now())
	}
	if got := h.prov.sends()["+33612345678"]; got != 1 || r.reported() != 0 {
		t.Fatalf("sent %d, %d errors; want 1 and 0", got, r.reported())
	}
}

func TestADeletedOrReplacedDatabaseStopsTheSenderWhichNeverWritesToItAgain(t *testing.T) {
	for _, replaced := range []bool{false, true} {
		h := newHarness(t, paris(t, "2026-06-01 10:00"))
		h.schedule(Message{Body: "Rappel", At: "2026-06-01 10:05", Recipients: to("+33612345678")})
		r := runWithErrors(t, h)
		tm := <-h.clock.timers
		for _, suffix := range []string{"", "-wal", "-shm"} {
			if err := os.Remove(h.db.Path + suffix); err != nil && suffix == "" {
				t.Fatal(err)
			}
		}
		if replaced {
			other, err := db.Open(h.db.Path)
			if err != nil {
				t.Fatal(err)
			}
			other.Close()
		}
		h.clock.Set(paris(t, "2026-06-01 10:05"))
		tm.fire(h.clock.Now())
		err := <-r.done
		r.done <- nil // for the cleanup
		var moved *db.MovedError
		if !errors.As(err, &moved) || moved.Deleted == replaced {
			t.Fatalf("replaced=%v: Run returned %v, want a *db.MovedError", replaced, err)
		}
		evs := h.events(EventStoreProblem)
		if len(evs) != 1 || !strings.Contains(evs[0].Reason, "minuit restore") {
			t.Fatalf("replaced=%v: events %+v, want one store problem that says how to restore", replaced, evs)
		}
		if n := len(h.prov.sends()); n != 0 {
			t.Fatalf("replaced=%v: %d sends from a database that is gone", replaced, n)
		}
	}
}

func TestAFailureOutsideTheDatabaseNeverDelaysWhatIsDueLater(t *testing.T) {
	h := newHarness(t, paris(t, "2026-06-01 10:00"))
	readOnly(t, h.db, true)
	_, dbErr := h.store.CreateMessage(t.Context(), Message{Body: "x", Kind: minuit.Transactional, TZ: "UTC", At: "2026-06-01 12:00", Recipients: to("+33612345678")})
	readOnly(t, h.db, false)
	if db.Fault(dbErr) == nil {
		t.Fatalf("a write to a read-only database (%v) is not a database fault", dbErr)
	}
	var f faults
	provErr := errors.New("scheduler: withdraw 42 at the provider: no such message")
	if got := f.after(h.eng, provErr, 20*time.Second); got != 20*time.Second {
		t.Fatalf("wait after a provider error = %v, want the 20 s to the next due time", got)
	}
	if got := f.after(h.eng, provErr, 0); got < FaultBackoffMin || got > 2*FaultBackoffMin {
		t.Fatalf("wait after a provider error with work due at once = %v, want a back-off", got)
	}
	if got := f.after(h.eng, dbErr, 20*time.Second); got > 4*FaultBackoffMin {
		t.Fatalf("wait after a database error = %v, want the back-off, not the next due time", got)
	}
	var clean faults
	for i := 1; i <= stuckAfter+1; i++ {
		got := clean.after(h.eng, nil, 0)
		if (i <= stuckAfter && got != 0) || (i > stuckAfter && got < FaultBackoffMin/2) {
			t.Fatalf("clean pass %d with work due at once: wait %v", i, got)
		}
	}
}

func TestNothingIsReportedThatTheDatabaseCouldNotRecord(t *testing.T) {
	for name, fault := range dbFaults {
		t.Run(name, func(t *testing.T) { nothingReportedUnrecorded(t, fault) })
	}
}

func nothingReportedUnrecorded(t *testing.T, fault func(*testing.T, *db.DB, bool)) {
	h := newHarness(t, paris(t, "2026-06-01 10:00"))
	h.prov.status = DLRDelivered
	h.schedule(Message{Body: "Rappel", At: "2026-06-01 10:00", Recipients: to("+33612345678")})
	h.pass()
	fault(t, h.db, true)
	h.clock.Advance(time.Minute) // the delivery report is due
	for range 3 {
		if _, err := h.eng.Pass(t.Context()); db.Fault(err) == nil {
			t.Fatalf("pass on a read-only database: %v, want a database fault", err)
		}
	}
	if n := len(h.events(EventDelivered)); n != 0 {
		t.Fatalf("%d delivered events while nothing could be recorded", n)
	}
	fault(t, h.db, false)
	h.pass()
	if n := len(h.events(EventDelivered)); n != 1 {
		t.Fatalf("%d delivered events once recorded, want 1", n)
	}
}
