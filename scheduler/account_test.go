package scheduler

import (
	"fmt"
	"testing"
	"time"

	"minuit/internal/minuit"
)

func numbersFrom(first, n int) []RecipientRef {
	var out []RecipientRef
	for i := range n {
		out = append(out, RecipientRef{Kind: ToNumber, Value: fmt.Sprintf("+336%08d", first+i)})
	}
	return out
}

func TestAWrongKeyPausesAllSendingOnceAndLeavesEveryDeliveryScheduled(t *testing.T) {
	h := newHarness(t, paris(t, "2026-12-07 10:00"))
	wrongKey := &ProviderError{Class: Permanent, Account: true, Reason: "MessageBird refused the access key"}
	for range 10 { // a wrong key fails every request, also those already in flight
		h.prov.fail = append(h.prov.fail, wrongKey)
	}
	for i := range 3 {
		h.schedule(Message{Body: fmt.Sprintf("Rappel %d", i), At: "2026-12-07 10:00", Recipients: numbersFrom(i*100, 60)})
	}
	h.pass()
	if !h.eng.Paused() || h.eng.PauseReason() != wrongKey.Reason {
		t.Fatalf("paused %v (%q), want paused with the provider's reason", h.eng.Paused(), h.eng.PauseReason())
	}
	if got := h.states(); got[Scheduled] != 180 {
		t.Errorf("states %v, want all 180 still scheduled", got)
	}
	if n := len(h.events(EventAccount)); n != 1 {
		t.Errorf("%d account events, want exactly one", n)
	}
	if n := len(h.events(EventFailed)); n != 0 {
		t.Errorf("%d failures, want none", n)
	}
	// The user fixes the key and resumes: everything leaves, each delivery once.
	h.prov.fail = nil
	h.eng.SetPaused(false)
	h.pass()
	if got := h.states(); got[Sent] != 180 {
		t.Errorf("states %v after resuming, want 180 sent", got)
	}
	for n, c := range h.prov.sends() {
		if c != 1 {
			t.Errorf("%s was sent %d times", n, c)
		}
	}
	if h.eng.PauseReason() != "" {
		t.Errorf("the pause reason %q outlived the resume", h.eng.PauseReason())
	}
}

func TestAThrottleKeepsBatchesWholeAndWaitsForTheTimeTheProviderAsked(t *testing.T) {
	h := newHarness(t, paris(t, "2026-12-07 10:00"))
	h.prov.fail = []error{&ProviderError{Class: Transient, RetryAfter: 3 * time.Second, Reason: "Twilio asked us to slow down"}}
	h.eng.cfg.Concurrency = 1 // one request at a time, so the throttle is seen before the next
	h.schedule(Message{Body: "Soldes", At: "2026-12-07 10:00", Recipients: numbersFrom(0, 60)})
	h.pass()
	if len(h.prov.sent) != 0 {
		t.Fatalf("%d requests went while throttled", len(h.prov.sent))
	}
	h.clock.Advance(2 * time.Second)
	h.pass()
	if len(h.prov.sent) != 0 {
		t.Fatalf("%d requests went before the wait was over", len(h.prov.sent))
	}
	h.clock.Advance(time.Second)
	h.pass()
	if len(h.prov.sent) != 2 {
		t.Fatalf("%d requests for 60 recipients after the wait, want 2 whole batches", len(h.prov.sent))
	}
	if got := h.states(); got[Sent] != 60 {
		t.Errorf("states %v, want 60 sent", got)
	}
}

func TestTheEngineSleepsUntilTheThrottleEndsNotLonger(t *testing.T) {
	h := newHarness(t, paris(t, "2026-12-07 10:00"))
	h.prov.fail = []error{&ProviderError{Class: Transient, RetryAfter: 4 * time.Second, Reason: "slow down"}}
	h.schedule(Message{Body: "Soldes", At: "2026-12-07 10:00", Recipients: numbersFrom(0, 1)})
	h.pass()
	if got, want := h.eng.throttledUntil(), h.clock.Now().Add(4*time.Second); !got.Equal(want) {
		t.Errorf("throttled until %v, want %v", got, want)
	}
}

func TestARecipientOptedOutAtTheProviderIsRecordedAndTheirMarketingSkipped(t *testing.T) {
	h := newGateHarness(t, paris(t, "2026-12-07 10:00"))
	h.prov.fail = []error{&ProviderError{Class: Permanent, OptedOut: true,
		Reason: "the recipient replied STOP to Twilio and cannot receive messages"}}
	h.schedule(Message{Body: "Votre commande", At: "2026-12-07 10:00", Recipients: to(alice)})
	h.schedule(Message{Body: "Soldes", Kind: minuit.Marketing, At: "2026-12-10 10:00", Recipients: to(alice)})
	h.pass()
	h.clock.Set(paris(t, "2026-12-10 09:59"))
	h.pass() // the marketing occurrence is materialised: it must be skipped at once
	if len(h.optOuts) != 1 || h.optOuts[0] != alice {
		t.Fatalf("opt-outs recorded %v, want [%s]", h.optOuts, alice)
	}
	if len(h.events(EventOptOut)) != 1 {
		t.Errorf("want one opt-out event")
	}
	order := h.deliveries()
	failed := 0
	for _, d := range order {
		if d.State == Failed {
			failed++
		}
	}
	if failed != 1 {
		t.Errorf("want the transactional delivery failed with the provider's reason: %+v", order)
	}
}

func TestAPhonePacedAtSixtyAnHourSendsOneTextAMinute(t *testing.T) {
	h := newHarness(t, paris(t, "2026-12-07 10:00"))
	h.prov.caps = Capabilities{MaxBatch: 1, Rate: 60.0 / 3600}
	h.restart()
	h.schedule(Message{Body: "Soldes", At: "2026-12-07 10:00", Recipients: numbersFrom(0, 5)})
	for minute := range 5 {
		h.pass()
		if got := len(h.prov.sent); got != minute+1 {
			t.Fatalf("after %d minutes %d texts left, want %d", minute, got, minute+1)
		}
		h.pass() // a second pass in the same instant sends nothing more
		if got := len(h.prov.sent); got != minute+1 {
			t.Fatalf("a second pass at minute %d sent more: %d", minute, got)
		}
		h.clock.Advance(time.Minute)
	}
	if got := h.states(); got[Sent] != 5 {
		t.Errorf("states %v, want 5 sent", got)
	}
}
