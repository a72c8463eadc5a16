package scheduler

import (
	"context"
	"testing"
	"time"

	"minuit/internal/minuit"
)

type fakeDirectory struct{ rs []minuit.Recipient }

func (f fakeDirectory) Resolve(context.Context, []int64, []string) ([]minuit.Recipient, error) {
	return f.rs, nil
}

func TestBirthdayOnTheTwentyNinthOfFebruaryGoesOutOnTheTwentyEighthInOtherYears(t *testing.T) {
	h := newHarness(t, paris(t, "2027-02-27 12:00"))
	h.dir = fakeDirectory{rs: []minuit.Recipient{
		{ContactID: 1, Number: "+33612345678", Fields: map[string]string{"first_name": "Léa"}, Birthday: minuit.Birthday{Year: 2000, Month: 2, Day: 29}},
		{ContactID: 2, Number: "+33698765432", Fields: map[string]string{"first_name": "Tom"}, Birthday: minuit.Birthday{Month: 3, Day: 2}},
	}}
	h.restart()
	h.schedule(Message{Body: "Joyeux anniversaire {first_name} !", At: "2027-01-01 00:00", Birthday: true,
		Recipients: []RecipientRef{{Kind: ToGroup, Value: "VIP"}}})
	next := h.pass()
	if want := paris(t, "2027-02-28 00:00").Add(-time.Minute); !next.Equal(want) {
		t.Fatalf("next wake = %v, want a minute before midnight on 28 Feb: %v", next, want)
	}
	h.clock.Set(paris(t, "2027-02-28 00:00"))
	h.pass()
	if len(h.prov.sent) != 1 || h.prov.sent[0].Body != "Joyeux anniversaire Léa !" {
		t.Fatalf("requests = %+v, want Léa's wish at midnight", h.prov.sent)
	}
	h.clock.Set(paris(t, "2027-03-02 00:00"))
	h.pass()
	if got := h.prov.sends()["+33698765432"]; got != 1 {
		t.Fatalf("Tom (no birth year) got %d wishes, want 1", got)
	}
}

func TestCancellingAMessageCancelsItsPendingDeliveries(t *testing.T) {
	h := newHarness(t, paris(t, "2026-06-01 09:59"))
	id := h.schedule(Message{Body: "Promo", At: "2026-06-01 10:00", Recipients: to("+33612345678")})
	h.pass() // materialised within the lead time, not yet due
	if got := h.deliveries(); len(got) != 1 || got[0].State != Scheduled {
		t.Fatalf("deliveries = %+v, want one scheduled", got)
	}
	if err := h.store.CancelMessage(t.Context(), id); err != nil {
		t.Fatal(err)
	}
	h.clock.Set(paris(t, "2026-06-01 10:00"))
	h.pass()
	if len(h.prov.sent) != 0 || h.deliveries()[0].State != Cancelled {
		t.Fatalf("a cancelled message was sent or not marked cancelled: %+v", h.deliveries())
	}
}

func TestEditingAMessageReplacesItsPlan(t *testing.T) {
	h := newHarness(t, paris(t, "2026-06-01 08:00"))
	id := h.schedule(Message{Body: "Old", At: "2026-06-01 10:00", Recipients: to("+33612345678")})
	m, err := h.store.Message(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	m.Body, m.At = "New", "2026-06-01 11:00"
	if err := h.store.UpdateMessage(t.Context(), m); err != nil {
		t.Fatal(err)
	}
	h.clock.Set(paris(t, "2026-06-01 10:00"))
	h.pass()
	if len(h.prov.sent) != 0 {
		t.Fatal("the old time was used after the edit")
	}
	h.clock.Set(paris(t, "2026-06-01 11:00"))
	h.pass()
	if len(h.prov.sent) != 1 || h.prov.sent[0].Body != "New" {
		t.Fatalf("requests = %+v, want the edited text at 11:00", h.prov.sent)
	}
}

func TestSameTextToManyRecipientsTravelsInBatchesOfFifty(t *testing.T) {
	h := newHarness(t, paris(t, "2026-06-01 10:00"))
	var nums []string
	for i := range 120 {
		nums = append(nums, "+336123"+string(rune('0'+i/100))+string(rune('0'+i/10%10))+string(rune('0'+i%10))+"00")
	}
	h.schedule(Message{Body: "Soldes", At: "2026-06-01 10:00", Recipients: to(nums...)})
	h.pass()
	if len(h.prov.sent) != 3 {
		t.Fatalf("requests = %d, want 3 (50+50+20)", len(h.prov.sent))
	}
	total := 0
	for _, b := range h.prov.sent {
		if len(b.Recipients) > MaxBatch {
			t.Fatalf("a request carried %d recipients", len(b.Recipients))
		}
		total += len(b.Recipients)
	}
	if total != 120 {
		t.Fatalf("recipients sent = %d, want 120", total)
	}
}

func TestPausedEngineSendsNothingUntilResumed(t *testing.T) {
	h := newHarness(t, paris(t, "2026-06-01 10:00"))
	h.schedule(Message{Body: "Rappel", At: "2026-06-01 10:00", Recipients: to("+33612345678")})
	h.eng.SetPaused(true)
	if next := h.pass(); !next.IsZero() {
		t.Fatalf("paused engine wants to wake at %v, want no busy loop", next)
	}
	if len(h.prov.sent) != 0 {
		t.Fatal("sent while paused")
	}
	h.eng.SetPaused(false)
	h.pass()
	if len(h.prov.sent) != 1 {
		t.Fatal("not sent after resume")
	}
}

func TestRunSleepsUntilTheNextDueTimeButNeverLongerThanThirtySeconds(t *testing.T) {
	h := newHarness(t, paris(t, "2026-06-01 10:00"))
	h.schedule(Message{Body: "Later", At: "2026-06-01 12:00", Recipients: to("+33612345678")})
	done := make(chan error, 1)
	go func() { done <- h.eng.Run(t.Context()) }()
	if tm := <-h.clock.timers; tm.d != 30*time.Second {
		t.Fatalf("first sleep = %v, want the 30 s cap (next due is 2 h away)", tm.d)
	}
	// Wake() makes it look at the store at once.
	h.schedule(Message{Body: "Now", At: "2026-06-01 10:00", Recipients: to("+33698765432")})
	h.eng.Wake()
	tm := <-h.clock.timers
	if got := h.prov.sends()["+33698765432"]; got != 1 {
		t.Fatalf("woken engine sent %d, want 1", got)
	}
	if tm.d != firstCheck {
		t.Fatalf("sleep after sending = %v, want %v (the delivery report)", tm.d, firstCheck)
	}
	// A wall-clock jump (a laptop that slept) is noticed at the next wake.
	h.clock.Set(paris(t, "2026-06-01 12:00"))
	tm.fire(h.clock.Now())
	<-h.clock.timers
	if got := h.prov.sends()["+33612345678"]; got != 1 {
		t.Fatalf("after the jump the 12:00 message was sent %d times, want 1", got)
	}
}

type lookupDirectory struct{ fakeDirectory }

func (lookupDirectory) Consent(_ context.Context, nums []string) (map[string]minuit.Recipient, error) {
	out := map[string]minuit.Recipient{}
	for _, n := range nums {
		if n == "+33612345678" {
			out[n] = minuit.Recipient{ContactID: 9, Number: "+33600000000", Consent: "opted-in", Fields: map[string]string{"first_name": "Léa"}}
		}
	}
	return out, nil
}

func TestATypedNumberThatBelongsToAContactGetsItsPlaceholders(t *testing.T) {
	h := newHarness(t, paris(t, "2026-06-01 10:00"))
	h.dir = lookupDirectory{}
	h.restart()
	h.schedule(Message{Body: "Bonjour {first_name}", At: "2026-06-01 10:00", Recipients: to("+33612345678", "+33698765432")})
	h.pass()
	bodies := map[string]string{}
	for _, d := range h.deliveries() {
		bodies[d.To] = d.Body
		if d.To == "+33612345678" && d.ContactID != 9 {
			t.Fatalf("the delivery is not linked to contact 9: %+v", d)
		}
	}
	if bodies["+33612345678"] != "Bonjour Léa" || bodies["+33698765432"] != "Bonjour " {
		t.Fatalf("bodies = %q", bodies)
	}
}
