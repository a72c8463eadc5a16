package scheduler

import (
	"context"
	"testing"
	"time"
)

// crashAfterClaim claims due deliveries as the dispatcher would; with requested it
// also marks the request started, and with send gets it accepted; then it "dies"
// before recording anything.
func crashAfterClaim(t *testing.T, h *harness, requested, send bool) {
	t.Helper()
	if _, err := h.store.Materialize(t.Context(), h.clock.Now().Add(time.Minute), nil); err != nil {
		t.Fatal(err)
	}
	if _, err := h.eng.gate(t.Context(), time.Time{}, h.clock.Now()); err != nil { // the dispatcher clears due deliveries first
		t.Fatal(err)
	}
	jobs, err := h.store.Claim(t.Context(), h.clock.Now(), 100, "recorder", 0)
	if err != nil || len(jobs) == 0 {
		t.Fatalf("claim: %v (%d jobs)", err, len(jobs))
	}
	for _, j := range jobs {
		if requested {
			if err := h.store.MarkRequested(t.Context(), j.Reference, h.clock.Now()); err != nil {
				t.Fatal(err)
			}
		}
	}
	if send {
		for _, j := range jobs {
			if _, err := h.prov.Send(context.Background(), j.Batch); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func TestCrashAfterTheProviderAcceptedIsReconciledAsSent(t *testing.T) {
	h := newHarness(t, paris(t, "2026-06-01 10:00"))
	h.schedule(Message{Body: "Rappel", At: "2026-06-01 10:00", Recipients: to("+33612345678", "+33698765432")})
	crashAfterClaim(t, h, true, true)
	h.restart()
	h.pass()
	for _, d := range h.deliveries() {
		if d.State != Sent || d.ProviderID == "" {
			t.Fatalf("delivery %s = %s, want sent with the provider's id", d.To, d.State)
		}
	}
	for n, c := range h.prov.sends() {
		if c != 1 {
			t.Fatalf("%s sent %d times after the crash, want 1", n, c)
		}
	}
}

func TestCrashBetweenClaimAndRequestPutsDeliveriesBackAndSendsThemOnce(t *testing.T) {
	h := newHarness(t, paris(t, "2026-06-01 10:00"))
	h.schedule(Message{Body: "Rappel", At: "2026-06-01 10:00", Recipients: to("+33612345678")})
	crashAfterClaim(t, h, false, false)
	h.restart()
	h.pass()
	if got := h.prov.sends()["+33612345678"]; got != 1 {
		t.Fatalf("sent %d times, want 1", got)
	}
	if d := h.deliveries()[0]; d.State != Sent || d.Attempts != 1 {
		t.Fatalf("delivery = %s after %d attempts, want sent at the first attempt", d.State, d.Attempts)
	}
}

func TestCrashDuringARequestTheProviderNeverGotLeavesItUnconfirmedNeverResent(t *testing.T) {
	h := newHarness(t, paris(t, "2026-06-01 10:00"))
	h.schedule(Message{Body: "Rappel", At: "2026-06-01 10:00", Recipients: to("+33612345678")})
	crashAfterClaim(t, h, true, false)
	h.restart()
	h.pass()
	h.pass()
	if len(h.prov.sent) != 0 {
		t.Fatal("an interrupted send was resent blindly")
	}
	d := h.deliveries()[0]
	if d.State != Unconfirmed || d.Error == "" {
		t.Fatalf("delivery = %s %q, want unconfirmed with an explanation", d.State, d.Error)
	}
	if len(h.events(EventUnconfirmed)) != 1 {
		t.Fatal("the user was not told about the unconfirmed delivery")
	}
	// The user chooses "send again".
	if err := h.store.SendAgain(t.Context(), d.ID); err != nil {
		t.Fatal(err)
	}
	h.pass()
	if got := h.deliveries()[0]; got.State != Sent || got.Reference == d.Reference {
		t.Fatalf("after send again: %s ref %s (old %s), want sent under a new reference", got.State, got.Reference, d.Reference)
	}
}

func TestUnreachableProviderKeepsInterruptedSendsPendingUntilItAnswers(t *testing.T) {
	h := newHarness(t, paris(t, "2026-06-01 10:00"))
	h.schedule(Message{Body: "Rappel", At: "2026-06-01 10:00", Recipients: to("+33612345678")})
	crashAfterClaim(t, h, true, true)
	h.prov.lookErr = &ProviderError{Class: Transient, Reason: "down"}
	h.restart()
	if _, err := h.eng.Pass(t.Context()); err == nil {
		t.Fatal("want the reconciliation error reported")
	}
	if got := h.deliveries()[0].State; got != Sending {
		t.Fatalf("state = %s, want still sending while the provider cannot be asked", got)
	}
	h.prov.lookErr = nil
	h.pass()
	if got := h.deliveries()[0].State; got != Sent {
		t.Fatalf("state = %s, want sent once the provider answered", got)
	}
}
