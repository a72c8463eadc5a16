package scheduler

import (
	"testing"
	"time"
)

func TestSummaryCountsSentAndWaitingDeliveriesInTheRangeOnly(t *testing.T) {
	h := newHarness(t, paris(t, "2026-11-25 08:59"))
	h.schedule(Message{Body: "now", At: "2026-11-25 09:00", Recipients: to("+33612345678", "+33612345679")})
	h.schedule(Message{Body: "later", At: "2026-11-27 09:00", Recipients: to("+33612345678")})
	h.clock.Set(paris(t, "2026-11-25 09:01"))
	h.pass()
	s, err := h.store.Summary(t.Context(), paris(t, "2026-11-25 00:00"), paris(t, "2026-11-26 00:00"))
	if err != nil {
		t.Fatal(err)
	}
	if s.Total() != 2 || s.Sent != 2 || s.Failed != 0 || s.Pending != 0 || s.Waiting != 2 {
		t.Fatalf("summary of the 25th = %+v, want 2 sent", s)
	}
	all, err := h.store.Summary(t.Context(), time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if all.Total() != 2 {
		t.Fatalf("open summary = %+v, want the 2 materialised deliveries", all)
	}
}
