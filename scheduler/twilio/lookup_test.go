package twilio_test

import (
	"testing"
	"time"

	"minuit/scheduler"
	"minuit/scheduler/twilio"
)

func TestTwoIdenticalTextsToOneNumberGetTwoDifferentMessagesNewestFirst(t *testing.T) {
	clock := newFakeClock()
	emu := newEmu(t, clock)
	p := newProvider(t, baseConfig(emu))
	since := clock.Now()
	first, err := p.Send(t.Context(), batch("a", "+33612345678", "Rappel RDV"))
	if err != nil {
		t.Fatal(err)
	}
	clock.Advance(time.Minute)
	second, err := p.Send(t.Context(), batch("b", "+33612345678", "Rappel RDV"))
	if err != nil {
		t.Fatal(err)
	}
	clock.Advance(time.Minute)
	found, err := p.Lookup(t.Context(), []scheduler.Batch{
		batch("b", "+33612345678", "Rappel RDV"), batch("a", "+33612345678", "Rappel RDV"),
		batch("c", "+33612345678", "Rappel RDV"), batch("d", "+33699999999", "Rappel RDV"),
	}, since)
	if err != nil {
		t.Fatal(err)
	}
	if found["b"].ID != second.ID || found["a"].ID != first.ID || len(found) != 2 {
		t.Errorf("found %+v; want b → %s (the newest), a → %s, and nothing for c and d", found, second.ID, first.ID)
	}
	if acc := found["a"]; acc.Reference != "a" || len(acc.Recipients) != 1 || acc.Recipients[0] != "+33612345678" {
		t.Errorf("accepted %+v", acc)
	}
}

func TestLookupAsksForTheDaysSinceTheCutoffAndChecksTheCreationTime(t *testing.T) {
	clock := newFakeClock()
	emu := newEmu(t, clock)
	p := newProvider(t, baseConfig(emu))
	old, err := p.Send(t.Context(), batch("old", "+33612345678", "Même texte"))
	if err != nil {
		t.Fatal(err)
	}
	clock.Advance(2 * time.Hour)
	since := clock.Now().Add(-30 * time.Minute)
	found, err := p.Lookup(t.Context(), []scheduler.Batch{batch("new", "+33612345678", "Même texte")}, since)
	if err != nil {
		t.Fatal(err)
	}
	if acc, ok := found["new"]; ok {
		t.Errorf("Lookup matched %s, sent before since less the margin", acc.ID)
	}
	reqs := requests(emu, "GET", "/Messages.json")
	if len(reqs) != 2 {
		t.Fatalf("%d list requests, want the dated one and the full one", len(reqs))
	}
	day := since.Add(-twilio.LookupMargin).UTC().Truncate(24 * time.Hour).Format(time.RFC3339)
	if q := reqs[0].Query; q.Get("To") != "+33612345678" || q.Get("DateSent>") != day || q.Get("PageSize") != "1000" {
		t.Errorf("first list asked %v, want To, DateSent>=%s, PageSize=1000", q, day)
	}
	if q := reqs[1].Query; q.Has("DateSent>") || q.Get("To") != "+33612345678" {
		t.Errorf("second list asked %v, want To only", q)
	}
	found, err = p.Lookup(t.Context(), []scheduler.Batch{batch("old", "+33612345678", "Même texte")}, time.Time{})
	if err != nil || found["old"].ID != old.ID {
		t.Errorf("Lookup over the whole history = %+v, %v; want %s", found, err, old.ID)
	}
}

func TestLookupFindsAHandOffThatIsStillScheduled(t *testing.T) {
	clock := newFakeClock()
	emu := newEmu(t, clock)
	p := newProvider(t, baseConfig(emu))
	since := clock.Now()
	if _, err := p.Send(t.Context(), batch("sent", "+33612345678", "Soldes")); err != nil {
		t.Fatal(err)
	}
	later := batch("later", "+33612345678", "Soldes")
	later.SendAt = clock.Now().Add(3 * time.Hour)
	acc, err := p.Send(t.Context(), later)
	if err != nil {
		t.Fatal(err)
	}
	n := len(emu.Requests())
	found, err := p.Lookup(t.Context(), []scheduler.Batch{later}, since)
	if err != nil {
		t.Fatal(err)
	}
	if found["later"].ID != acc.ID {
		t.Errorf("found %+v, want the scheduled message %s, not the one already sent", found, acc.ID)
	}
	reqs := emu.Requests()[n:]
	if len(reqs) != 1 || reqs[0].Query.Has("DateSent>") {
		t.Errorf("lookup of a hand-off made %d requests (%v), want one without a date filter", len(reqs), reqs)
	}
}

func TestLookupIgnoresInboundMessagesAndOtherTexts(t *testing.T) {
	clock := newFakeClock()
	emu := newEmu(t, clock)
	p := newProvider(t, baseConfig(emu))
	emu.AddInbound("+33612345678", "Bonjour", clock.Now()) // to our number, not to theirs
	if _, err := p.Send(t.Context(), batch("x", "+33612345678", "Autre texte")); err != nil {
		t.Fatal(err)
	}
	found, err := p.Lookup(t.Context(), []scheduler.Batch{batch("r", "+33612345678", "Bonjour"), {Reference: "empty"}}, clock.Now().Add(-time.Hour))
	if err != nil || len(found) != 0 {
		t.Errorf("Lookup = %+v, %v; want nothing", found, err)
	}
}

func TestRepliesAreReadFromTheNumberCustomersReplyTo(t *testing.T) {
	clock := newFakeClock()
	emu := newEmu(t, clock)
	at := clock.Now().Add(-20 * time.Minute).Truncate(time.Second)
	emu.AddInbound("+33611223344", "STOP", at)
	emu.AddInbound("+33655667788", "old", at.Add(-2*time.Hour))

	cfg := baseConfig(emu)
	cfg.From = ""
	if _, err := newProvider(t, cfg).Inbound(t.Context(), at.Add(-time.Hour)); err == nil {
		t.Error("a Messaging Service without a reply number: Inbound gave no error")
	} else {
		wantProviderError(t, err, scheduler.Permanent, "replies cannot be read")
	}
	cfg.From = "MaBoutique"
	if _, err := newProvider(t, cfg).Inbound(t.Context(), at.Add(-time.Hour)); err == nil {
		t.Error("a sender name without a reply number: Inbound gave no error")
	}
	cfg.InboundNumber = emu.Number()
	msgs, err := newProvider(t, cfg).Inbound(t.Context(), at.Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 1 || msgs[0].From != "+33611223344" || msgs[0].Body != "STOP" || !msgs[0].At.Equal(at) || msgs[0].ID == "" {
		t.Errorf("replies %+v, want only the STOP at %v", msgs, at)
	}
	q := requests(emu, "GET", "/Messages.json")[0].Query
	if q.Get("To") != emu.Number() || q.Get("DateSent>") != at.Add(-time.Hour).UTC().Truncate(24*time.Hour).Format(time.RFC3339) {
		t.Errorf("replies asked with %v", q)
	}
}
