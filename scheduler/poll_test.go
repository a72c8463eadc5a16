package scheduler

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func (r *recorder) setStatusErr(err error) {
	r.mu.Lock()
	r.statusErr = err
	r.mu.Unlock()
}

func TestReportsThatCannotBeReadThreeTimesInARowAreSaidOnceAndClearedWhenTheyCan(t *testing.T) {
	h := newHarness(t, paris(t, "2026-06-01 10:00"))
	h.schedule(Message{Body: "Bonjour", At: "2026-06-01 10:00", Recipients: to("+33612345678")})
	h.pass()
	h.prov.setStatusErr(&ProviderError{Class: Transient, Reason: "MessageBird is unavailable"})
	for range 5 {
		h.clock.Advance(20 * time.Minute) // past any report's back-off
		h.pass()
	}
	evs := h.events(EventReportProblem)
	if len(evs) != 1 || !evs[0].Problem() || !strings.Contains(evs[0].Reason, "MessageBird is unavailable") {
		t.Fatalf("events %+v, want one problem naming the provider's reason", evs)
	}
	if got := h.eng.ReportProblem(); got != evs[0].Reason {
		t.Errorf("ReportProblem() = %q, want the event's reason", got)
	}
	if ds := h.deliveries(); len(ds) != 1 || ds[0].State != Sent {
		t.Fatalf("deliveries %+v, want one still sent while reports are unread", ds)
	}
	h.prov.setStatusErr(nil)
	h.prov.mu.Lock()
	h.prov.status = DLRDelivered
	h.prov.mu.Unlock()
	h.clock.Advance(20 * time.Minute)
	h.pass()
	if got := h.eng.ReportProblem(); got != "" {
		t.Errorf("ReportProblem() = %q after a read worked", got)
	}
	if ds := h.deliveries(); ds[0].State != Delivered {
		t.Errorf("state %s after the reports came back, want delivered", ds[0].State)
	}
}

func TestAReportReadThatFailsOutsideTheProviderFailsThePassAndIsAskedAgain(t *testing.T) {
	h := newHarness(t, paris(t, "2026-06-01 10:00"))
	h.schedule(Message{Body: "Bonjour", At: "2026-06-01 10:00", Recipients: to("+33612345678")})
	h.pass()
	bug := errors.New("client closed")
	h.prov.setStatusErr(bug)
	h.clock.Advance(20 * time.Minute)
	if _, err := h.eng.Pass(t.Context()); !errors.Is(err, bug) {
		t.Fatalf("pass error %v, want it to carry %v", err, bug)
	}
	if n := len(h.events(EventReportProblem)); n != 0 {
		t.Errorf("%d report problems for an error that is not the provider's answer", n)
	}
	h.prov.setStatusErr(nil)
	h.prov.mu.Lock()
	h.prov.status = DLRDelivered
	h.prov.mu.Unlock()
	h.clock.Advance(20 * time.Minute)
	h.pass()
	if ds := h.deliveries(); ds[0].State != Delivered {
		t.Errorf("state %s, want delivered once the report could be read", ds[0].State)
	}
}
