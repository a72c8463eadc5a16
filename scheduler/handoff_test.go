package scheduler

import (
	"fmt"
	"testing"
	"time"

	"minuit/internal/minuit"
)

// handOffHarness is a harness whose provider can schedule from 15 minutes to 35
// days ahead, with hand-off on.
func handOffHarness(t *testing.T) *harness {
	t.Helper()
	h := newHarness(t, paris(t, "2026-12-07 10:00"))
	h.prov.caps = Capabilities{MaxBatch: MaxBatch, ScheduleMin: 15 * time.Minute, ScheduleMax: 35 * 24 * time.Hour}
	h.handOff = true
	h.restart()
	return h
}

func (h *harness) states() map[State]int {
	out := map[State]int{}
	for _, d := range h.deliveries() {
		out[d.State]++
	}
	return out
}

func TestAMessageDueInTwoDaysIsHandedOffAtOnceWithItsDueTime(t *testing.T) {
	h := handOffHarness(t)
	h.schedule(Message{Body: "Joyeux anniversaire", At: "2026-12-09 00:00", Recipients: to("+33612345678", "+33698765432")})
	h.pass()
	if got := h.states(); got[HandedOff] != 2 {
		t.Fatalf("states %v, want 2 handed off", got)
	}
	if len(h.prov.sent) != 1 {
		t.Fatalf("%d requests, want one batch", len(h.prov.sent))
	}
	want := paris(t, "2026-12-09 00:00")
	if b := h.prov.sent[0]; !b.SendAt.Equal(want) {
		t.Errorf("SendAt = %v, want %v", b.SendAt, want)
	}
	if n := len(h.events(EventHandedOff)); n != 2 {
		t.Errorf("%d hand-off events, want 2", n)
	}
	// The computer is off until long after midnight; the provider sent it.
	h.clock.Set(paris(t, "2026-12-09 08:00"))
	h.prov.status = DLRDelivered
	h.pass()
	if got := h.states(); got[Delivered] != 2 {
		t.Errorf("states %v after the report, want 2 delivered", got)
	}
	if len(h.prov.sent) != 1 {
		t.Errorf("%d requests after the due time, want still 1", len(h.prov.sent))
	}
}

func TestAMessageDueSoonerThanTheProvidersWindowIsSentFromHereAtItsTime(t *testing.T) {
	h := handOffHarness(t)
	h.schedule(Message{Body: "Votre commande est prête", At: "2026-12-07 10:05", Recipients: to("+33612345678")})
	h.pass()
	if len(h.prov.sent) != 0 {
		t.Fatalf("a message due in 5 minutes was handed off (window starts at 15 minutes)")
	}
	h.clock.Set(paris(t, "2026-12-07 10:05"))
	h.pass()
	if len(h.prov.sent) != 1 || !h.prov.sent[0].SendAt.IsZero() {
		t.Fatalf("sent %+v, want one immediate send", h.prov.sent)
	}
}

func TestWithHandOffOffNothingLeavesBeforeItsTime(t *testing.T) {
	h := handOffHarness(t)
	h.handOff = false
	h.restart()
	h.schedule(Message{Body: "Joyeux anniversaire", At: "2026-12-09 00:00", Recipients: to("+33612345678")})
	h.pass()
	if len(h.prov.sent) != 0 {
		t.Fatalf("sent %d requests two days early with hand-off off", len(h.prov.sent))
	}
}

func TestCancellingAHandedOffMessageWithdrawsItAtTheProvider(t *testing.T) {
	h := handOffHarness(t)
	id := h.schedule(Message{Body: "Soldes", At: "2026-12-09 10:00", Recipients: to("+33612345678", "+33698765432")})
	h.pass()
	if err := h.store.CancelMessage(t.Context(), id); err != nil {
		t.Fatal(err)
	}
	h.pass()
	if len(h.prov.cancelled) != 1 || h.prov.cancelled[0] != "id-"+h.prov.sent[0].Reference {
		t.Fatalf("cancelled %v, want the handed-off message", h.prov.cancelled)
	}
	if got := h.states(); got[Cancelled] != 2 {
		t.Errorf("states %v, want 2 cancelled", got)
	}
	if n := len(h.events(EventWithdrawn)); n != 2 {
		t.Errorf("%d withdrawn events, want 2", n)
	}
}

func TestCancellingOneRecipientOfAHandedOffBatchHandsTheOthersOffAgain(t *testing.T) {
	h := handOffHarness(t)
	h.schedule(Message{Body: "Soldes", At: "2026-12-09 10:00", Recipients: to("+33612345678", "+33698765432")})
	h.pass()
	first := h.prov.sent[0].Reference
	var one int64
	for _, d := range h.deliveries() {
		if d.To == "+33612345678" {
			one = d.ID
		}
	}
	if err := h.store.CancelDelivery(t.Context(), one); err != nil {
		t.Fatal(err)
	}
	h.pass()
	if len(h.prov.sent) != 2 {
		t.Fatalf("%d requests, want the companion handed off again", len(h.prov.sent))
	}
	again := h.prov.sent[1]
	if again.Reference == first || len(again.Recipients) != 1 || again.Recipients[0] != "+33698765432" {
		t.Errorf("second hand-off %+v, want only the companion under a new reference", again)
	}
	if got := h.states(); got[Cancelled] != 1 || got[HandedOff] != 1 {
		t.Errorf("states %v, want 1 cancelled and 1 handed off", got)
	}
}

func TestACancelThatComesTooLateSaysTheMessageAlreadyLeft(t *testing.T) {
	h := handOffHarness(t)
	id := h.schedule(Message{Body: "Soldes", At: "2026-12-09 10:00", Recipients: to("+33612345678")})
	h.pass()
	h.prov.cancelErr = fmt.Errorf("twilio: 30409: %w", ErrAlreadySent)
	if err := h.store.CancelMessage(t.Context(), id); err != nil {
		t.Fatal(err)
	}
	h.pass()
	ds := h.deliveries()
	if ds[0].State != Sent || ds[0].Error == "" {
		t.Errorf("delivery %s (%q), want sent with the reason", ds[0].State, ds[0].Error)
	}
	evs := h.events(EventAlreadySent)
	if len(evs) != 1 || !evs[0].Problem() {
		t.Errorf("events %+v, want one already-sent problem", evs)
	}
}

func TestAStopReplyWithdrawsTheNumbersHandedOffMarketingButNotItsOrders(t *testing.T) {
	h := handOffHarness(t)
	h.dir = &fakeDir{contacts: []minuit.Recipient{{ContactID: 1, Number: alice, Consent: "opted-in"}}}
	h.restart()
	h.schedule(Message{Body: "Soldes", Kind: minuit.Marketing, At: "2026-12-09 10:00", Recipients: to(alice)})
	h.schedule(Message{Body: "Commande expédiée", At: "2026-12-09 10:00", Recipients: to(alice)})
	h.pass()
	if got := h.states(); got[HandedOff] != 2 {
		t.Fatalf("states %v, want both handed off", got)
	}
	_, err := h.store.recordReply(t.Context(), "recorder", InboundMessage{ID: "r1", From: alice, Body: "STOP",
		At: h.clock.Now()}, "opt-out", h.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	h.pass()
	if got := h.states(); got[Skipped] != 1 || got[HandedOff] != 1 {
		t.Errorf("states %v, want the marketing skipped and the order still handed off", got)
	}
	if len(h.prov.cancelled) != 1 {
		t.Errorf("cancelled %v at the provider, want the marketing message", h.prov.cancelled)
	}
}

func TestAPhoneHoldingAHandedOffTextPastItsTimeIsSaidInHistory(t *testing.T) {
	h := handOffHarness(t)
	h.schedule(Message{Body: "Joyeux anniversaire", At: "2026-12-09 00:00", Recipients: to("+33612345678")})
	h.pass()
	h.clock.Set(paris(t, "2026-12-09 00:30"))
	h.prov.status = DLRScheduled
	h.prov.reason = "the phone still holds it 30 minutes after its time: is it off, offline or saving battery?"
	h.pass()
	d := h.deliveries()[0]
	if d.State != HandedOff || d.Error != h.prov.reason {
		t.Errorf("delivery %s (%q), want still handed off with the phone's word", d.State, d.Error)
	}
}

func TestEditingAHandedOffMessageWithdrawsItAndHandsOffTheNewTextForTheSameTime(t *testing.T) {
	h := handOffHarness(t)
	id := h.schedule(Message{Body: "Old", At: "2026-12-09 10:00", Recipients: to("+33612345678")})
	h.pass()
	m, err := h.store.Message(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	m.Body = "New"
	if err := h.store.UpdateMessage(t.Context(), m); err != nil {
		t.Fatal(err)
	}
	h.pass()
	if len(h.prov.cancelled) != 1 {
		t.Fatalf("cancelled %v, want the old text withdrawn", h.prov.cancelled)
	}
	if len(h.prov.sent) != 2 || h.prov.sent[1].Body != "New" || !h.prov.sent[1].SendAt.Equal(paris(t, "2026-12-09 10:00")) {
		t.Fatalf("requests %+v, want the new text handed off for the same time", h.prov.sent)
	}
	if got := h.states(); got[HandedOff] != 1 {
		t.Errorf("states %v, want one handed off (the new text)", got)
	}
}

func TestAnEditWaitsForTheOldHandOffToBeWithdrawnBeforeReplanning(t *testing.T) {
	h := handOffHarness(t)
	id := h.schedule(Message{Body: "Old", At: "2026-12-09 10:00", Recipients: to("+33612345678")})
	h.pass()
	m, _ := h.store.Message(t.Context(), id)
	m.Body = "New"
	if err := h.store.UpdateMessage(t.Context(), m); err != nil {
		t.Fatal(err)
	}
	h.prov.cancelErr = &ProviderError{Class: Transient, Reason: "the provider is unavailable"}
	if _, err := h.eng.Pass(t.Context()); err == nil {
		t.Fatal("a failed withdrawal was not reported")
	}
	if len(h.prov.sent) != 1 {
		t.Fatalf("the new text left before the old one was withdrawn: %+v", h.prov.sent)
	}
	h.prov.cancelErr = nil
	h.pass()
	if len(h.prov.sent) != 2 || h.prov.sent[1].Body != "New" {
		t.Fatalf("requests %+v, want the new text once the old one is withdrawn", h.prov.sent)
	}
}
