package scheduler

import (
	"errors"
	"testing"
	"time"
)

func TestOneOffMessageLeavesAtItsTimeExactlyOnce(t *testing.T) {
	h := newHarness(t, paris(t, "2026-12-23 23:59"))
	h.schedule(Message{Body: "Joyeux Noël", At: "2026-12-24 00:00", Recipients: to("+33612345678")})

	next := h.pass()
	if got := len(h.prov.sent); got != 0 {
		t.Fatalf("sent %d requests a minute early", got)
	}
	if want := paris(t, "2026-12-24 00:00"); !next.Equal(want) {
		t.Fatalf("next wake = %v, want %v", next, want)
	}
	h.clock.Set(paris(t, "2026-12-24 00:00"))
	h.pass()
	h.pass()
	if got := h.prov.sends()["+33612345678"]; got != 1 {
		t.Fatalf("the number was sent %d times, want 1", got)
	}
	ds := h.deliveries()
	if len(ds) != 1 || ds[0].State != Sent || ds[0].Reference == "" || ds[0].LateMS != 0 {
		t.Fatalf("delivery = %+v, want one sent on time with a reference", ds)
	}
}

func TestDeliveryReportMovesSentToDelivered(t *testing.T) {
	h := newHarness(t, paris(t, "2026-06-01 10:00"))
	h.schedule(Message{Body: "Votre commande est prête", At: "2026-06-01 10:00", Recipients: to("+33612345678")})
	h.pass()
	h.prov.status = DLRDelivered
	next := h.pass()
	if got := h.deliveries()[0].State; got != Sent {
		t.Fatalf("state before the first report is due = %s, want sent", got)
	}
	if want := h.clock.Now().Add(firstCheck); !next.Equal(want) {
		t.Fatalf("next wake = %v, want the report time %v", next, want)
	}
	h.clock.Advance(firstCheck)
	h.pass()
	if got := h.deliveries()[0].State; got != Delivered {
		t.Fatalf("state = %s, want delivered", got)
	}
	if len(h.events(EventDelivered)) != 1 {
		t.Fatalf("delivered events = %d, want 1", len(h.events(EventDelivered)))
	}
}

func TestDailyMessageStaysAtNineParisAcrossDaylightSaving(t *testing.T) {
	h := newHarness(t, paris(t, "2026-03-27 08:00"))
	h.schedule(Message{Body: "Ouvert!", At: "2026-03-27 09:00", RRule: "FREQ=DAILY", Recipients: to("+33612345678")})
	var got []string
	for day := 27; day <= 31; day++ {
		at := paris(t, "2026-03-"+itoa(int64(day))+" 09:00")
		h.clock.Set(at)
		h.pass()
	}
	for _, d := range h.deliveries() {
		got = append(got, d.Due.In(paris(t, "2026-01-01 00:00").Location()).Format("01-02 15:04 MST"))
	}
	want := []string{"03-31 09:00 CEST", "03-30 09:00 CEST", "03-29 09:00 CEST", "03-28 09:00 CET", "03-27 09:00 CET"}
	if len(got) != len(want) {
		t.Fatalf("occurrences = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("occurrences = %v, want %v", got, want)
		}
	}
}

func TestMachineAsleepForDaysSendsOnlyTheLatestOccurrence(t *testing.T) {
	h := newHarness(t, paris(t, "2026-05-04 08:00"))
	h.schedule(Message{Body: "Menu du jour", At: "2026-05-04 09:00", RRule: "FREQ=DAILY", Recipients: to("+33612345678")})
	h.clock.Set(paris(t, "2026-05-07 11:30")) // woke up three and a half days later
	h.pass()
	if got := h.prov.sends()["+33612345678"]; got != 1 {
		t.Fatalf("sent %d times after the sleep, want 1 (no catch-up storm)", got)
	}
	var missed, sent int
	for _, d := range h.deliveries() {
		switch d.State {
		case Missed:
			missed++
		case Sent:
			sent++
			if d.LateMS != int64(150*time.Minute/time.Millisecond) {
				t.Fatalf("late_ms = %d, want the 2h30 it was late", d.LateMS)
			}
		}
	}
	if missed != 3 || sent != 1 {
		t.Fatalf("missed=%d sent=%d, want 3 missed and 1 sent", missed, sent)
	}
	if len(h.events(EventMissed)) != 3 {
		t.Fatalf("missed events = %d, want 3 (the user is told)", len(h.events(EventMissed)))
	}
}

func TestDeadlinePassedMeansMissedNotLate(t *testing.T) {
	h := newHarness(t, paris(t, "2026-11-27 09:00"))
	h.schedule(Message{Body: "Vente flash jusqu'à 18h", At: "2026-11-27 10:00", Window: 8 * time.Hour,
		Recipients: to("+33612345678")})
	h.clock.Set(paris(t, "2026-11-27 18:05"))
	h.pass()
	if len(h.prov.sent) != 0 {
		t.Fatal("a flash sale went out after its deadline")
	}
	d := h.deliveries()[0]
	if d.State != Missed || d.Error == "" {
		t.Fatalf("delivery = %s %q, want missed with a reason", d.State, d.Error)
	}
}

func TestValidityIsDerivedFromTheDeadline(t *testing.T) {
	h := newHarness(t, paris(t, "2026-11-27 10:00"))
	h.schedule(Message{Body: "Vente flash", At: "2026-11-27 10:00", Window: 8 * time.Hour, Recipients: to("+33612345678")})
	h.pass()
	if len(h.prov.sent) != 1 || h.prov.sent[0].Validity != 8*time.Hour {
		t.Fatalf("requests = %+v, want one with an 8 h validity", h.prov.sent)
	}
}

func TestTransientErrorsRetryWithGrowingBackoffThenFail(t *testing.T) {
	h := newHarness(t, paris(t, "2026-06-01 10:00"))
	for range MaxAttempts {
		h.prov.fail = append(h.prov.fail, &ProviderError{Class: Transient, Reason: "the provider is overloaded"})
	}
	h.schedule(Message{Body: "Rappel", At: "2026-06-01 10:00", Recipients: to("+33612345678")})
	var waits []time.Duration
	for i := 0; i < MaxAttempts; i++ {
		before := h.clock.Now()
		next := h.pass()
		if i < MaxAttempts-1 {
			waits = append(waits, next.Sub(before))
			h.clock.Set(next)
		}
	}
	for i := 1; i < len(waits); i++ {
		if waits[i] <= waits[i-1] {
			t.Fatalf("backoff did not grow: %v", waits)
		}
	}
	d, attempts, err := h.store.Delivery(t.Context(), h.deliveries()[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if d.State != Failed || len(attempts) != MaxAttempts {
		t.Fatalf("state=%s attempts=%d, want failed after %d recorded attempts", d.State, len(attempts), MaxAttempts)
	}
	if d.Error != "gave up after 8 attempts: the provider is overloaded" {
		t.Fatalf("error = %q", d.Error)
	}
}

func TestPermanentErrorFailsAtOnceWithAPlainReason(t *testing.T) {
	h := newHarness(t, paris(t, "2026-06-01 10:00"))
	h.prov.fail = []error{&ProviderError{Class: Permanent, Reason: "the number is not valid"}}
	h.schedule(Message{Body: "Rappel", At: "2026-06-01 10:00", Recipients: to("+33612345678")})
	h.pass()
	d := h.deliveries()[0]
	if d.State != Failed || d.Error != "the number is not valid" {
		t.Fatalf("delivery = %s %q, want failed: the number is not valid", d.State, d.Error)
	}
	if ev := h.events(EventFailed); len(ev) != 1 || !ev[0].Problem() {
		t.Fatalf("failed events = %+v, want one problem", ev)
	}
}

func TestAmbiguousFailureThatReachedTheProviderIsNotSentAgain(t *testing.T) {
	h := newHarness(t, paris(t, "2026-06-01 10:00"))
	h.prov.acceptOnFail = true
	h.prov.fail = []error{&ProviderError{Class: Ambiguous, Reason: "the connection dropped", Err: errors.New("EOF")}}
	h.schedule(Message{Body: "Rappel", At: "2026-06-01 10:00", Recipients: to("+33612345678")})
	h.pass()
	h.clock.Advance(time.Hour)
	h.pass()
	if got := h.prov.sends()["+33612345678"]; got != 1 {
		t.Fatalf("requests = %d, want 1", got)
	}
	if got := h.deliveries()[0].State; got != Sent {
		t.Fatalf("state = %s, want sent (found by reference)", got)
	}
}

func TestAmbiguousFailureThatDidNotArriveIsRetriedAfterALookup(t *testing.T) {
	h := newHarness(t, paris(t, "2026-06-01 10:00"))
	h.prov.fail = []error{&ProviderError{Class: Ambiguous, Reason: "the connection dropped"}}
	h.schedule(Message{Body: "Rappel", At: "2026-06-01 10:00", Recipients: to("+33612345678")})
	h.pass()
	if got := h.deliveries()[0].State; got != Retryable {
		t.Fatalf("state = %s, want retryable", got)
	}
	h.clock.Advance(time.Minute)
	h.pass()
	if got := h.prov.sends()["+33612345678"]; got != 1 {
		t.Fatalf("accepted requests = %d, want 1", got)
	}
	if got := h.deliveries()[0].State; got != Sent {
		t.Fatalf("state = %s, want sent", got)
	}
}
