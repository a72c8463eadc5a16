package scheduler

import "testing"

func TestSkippingOneOccurrenceOfAWeeklyMessageKeepsTheOthers(t *testing.T) {
	h := newHarness(t, paris(t, "2026-06-01 08:00"))
	id := h.schedule(Message{Body: "Menu", At: "2026-06-01 09:00", RRule: "FREQ=WEEKLY", Recipients: to("+33612345678")})
	// The first (next) occurrence and one further ahead.
	for _, at := range []string{"2026-06-01 09:00", "2026-06-15 09:00"} {
		if err := h.store.SkipOccurrence(t.Context(), id, paris(t, at)); err != nil {
			t.Fatal(err)
		}
	}
	m, err := h.store.Message(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	if want := paris(t, "2026-06-08 09:00"); !m.Next.Equal(want) {
		t.Fatalf("next = %v, want %v", m.Next, want)
	}
	for _, day := range []string{"2026-06-01 09:00", "2026-06-08 09:00", "2026-06-15 09:00", "2026-06-22 09:00"} {
		h.clock.Set(paris(t, day))
		h.pass()
	}
	var got []string
	for _, d := range h.deliveries() {
		got = append(got, d.Due.In(paris(t, day0).Location()).Format("01-02"))
	}
	if len(got) != 2 || got[0] != "06-22" || got[1] != "06-08" {
		t.Fatalf("sent on %v, want 06-22 and 06-08 only", got)
	}
}

func TestSkippingAnOccurrenceAlreadyCreatedCancelsItsDeliveries(t *testing.T) {
	h := newHarness(t, paris(t, "2026-06-01 08:59"))
	id := h.schedule(Message{Body: "Menu", At: "2026-06-01 09:00", RRule: "FREQ=DAILY", Recipients: to("+33612345678", "+33698765432")})
	h.pass() // materialised a minute ahead
	if err := h.store.SkipOccurrence(t.Context(), id, paris(t, "2026-06-01 09:00")); err != nil {
		t.Fatal(err)
	}
	h.clock.Set(paris(t, "2026-06-01 09:00"))
	h.pass()
	if len(h.prov.sent) != 0 {
		t.Fatalf("a skipped occurrence was sent: %+v", h.prov.sent)
	}
	for _, d := range h.deliveries() {
		if d.State != Cancelled {
			t.Fatalf("delivery to %s is %s, want cancelled", d.To, d.State)
		}
	}
}

const day0 = "2026-01-01 00:00"
