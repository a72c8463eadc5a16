package brevo_test

import (
	"testing"
	"time"

	"minuit/scheduler"
	"minuit/scheduler/brevo/brevoemu"
	"minuit/scheduler/providertest"
)

func TestLookupAsksForTheReferenceTagAndFindsTheMessage(t *testing.T) {
	clock := newFakeClock()
	emu := newEmu(t, brevoemu.WithClock(clock.Now))
	p := newProvider(t, emu, 0)
	acc, err := p.Send(t.Context(), batch("mn-l1", delivered))
	if err != nil {
		t.Fatalf("Send: %v", err)
	}
	if _, err := p.Send(t.Context(), batch("mn-l2", bounced)); err != nil {
		t.Fatalf("Send: %v", err)
	}
	clock.Advance(3 * time.Minute)
	found, err := p.Lookup(t.Context(), refs("mn-l1", "mn-never", "mn-l1", ""), providertest.Start)
	if err != nil {
		t.Fatalf("Lookup: %v", err)
	}
	got, ok := found["mn-l1"]
	if len(found) != 1 || !ok || got.ID != acc.ID || got.Reference != "mn-l1" || len(got.Recipients) != 1 || got.Recipients[0] != delivered {
		t.Errorf("Lookup = %+v, want only mn-l1 as %+v", found, acc)
	}
	var tags []string
	for _, r := range emu.Requests()[2:] {
		tags = append(tags, r.Query.Get("tags"))
		if r.Query.Get("sort") != "desc" || r.Query.Get("limit") != "100" || r.Query.Has("phoneNumber") {
			t.Errorf("query %v, want the newest 100 events of every number", r.Query)
		}
	}
	if len(tags) != 2 || tags[0] != "mn-l1" || tags[1] != "mn-never" {
		t.Errorf("tags asked = %q, want one listing per distinct reference", tags)
	}
}

func TestLookupIgnoresMessagesOlderThanItsWindow(t *testing.T) {
	clock := newFakeClock()
	emu := newEmu(t, brevoemu.WithClock(clock.Now))
	p := newProvider(t, emu, 0)
	if _, err := p.Send(t.Context(), batch("mn-old", delivered)); err != nil {
		t.Fatalf("Send: %v", err)
	}
	clock.Advance(2 * time.Hour)
	found, err := p.Lookup(t.Context(), refs("mn-old"), clock.Now().Add(-time.Hour))
	if err != nil || len(found) != 0 {
		t.Errorf("Lookup an hour back = %+v, %v; want nothing (the message is two hours old)", found, err)
	}
	found, err = p.Lookup(t.Context(), refs("mn-old"), time.Time{})
	if err != nil || len(found) != 1 {
		t.Errorf("Lookup of the whole history = %+v, %v; want the message", found, err)
	}
}

func TestLookupDoesNotTrustTheTagFilterBlindly(t *testing.T) {
	p := cannedEvents(t, `{"events":[{"phoneNumber":"0033612345678","date":"2026-12-07T10:00:00Z","messageId":"42","event":"sent","tag":"mn-other"}]}`)
	found, err := p.Lookup(t.Context(), refs("mn-mine"), time.Time{})
	if err != nil || len(found) != 0 {
		t.Errorf("Lookup = %+v, %v; want nothing: the event carries another tag", found, err)
	}
}

func TestASendDroppedAfterBrevoTookItIsFoundAndOneDroppedBeforeIsNot(t *testing.T) {
	emu := newEmu(t)
	p := newProvider(t, emu, 0)
	since := time.Now()
	emu.Inject(providertest.FaultDropAfter)
	_, err := p.Send(t.Context(), batch("mn-drop", delivered))
	wantProviderError(t, err, scheduler.Ambiguous, "the connection to Brevo broke before it answered; the message may have been sent")
	emu.DropBefore()
	_, err = p.Send(t.Context(), batch("mn-lost", bounced))
	wantProviderError(t, err, scheduler.Ambiguous, "")
	found, err := p.Lookup(t.Context(), refs("mn-drop", "mn-lost"), since)
	if err != nil {
		t.Fatalf("Lookup: %v", err)
	}
	msgs := emu.Messages()
	if len(msgs) != 1 || len(found) != 1 || found["mn-drop"].Recipients[0] != delivered {
		t.Errorf("Lookup = %+v with messages %+v; want only the message the dropped request created", found, msgs)
	}
}
