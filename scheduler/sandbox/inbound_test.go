package sandbox

import (
	"testing"
	"time"
)

func TestASimulatedReplyIsReadBackOnceItsTimeIsWithinTheWindow(t *testing.T) {
	now := time.Date(2026, 6, 1, 10, 0, 0, 0, time.UTC)
	p := newSandbox(t, &now)
	if _, err := p.SimulateReply(t.Context(), "+33612345678", "STOP"); err != nil {
		t.Fatal(err)
	}
	now = now.Add(time.Hour)
	id, err := p.SimulateReply(t.Context(), "+33698765432", "START")
	if err != nil {
		t.Fatal(err)
	}
	got, err := p.Inbound(t.Context(), now.Add(-time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].ID != id || got[0].From != "+33698765432" || got[0].Body != "START" || !got[0].At.Equal(now) {
		t.Fatalf("replies since a minute ago = %+v, want the START only", got)
	}
	if all, err := p.Inbound(t.Context(), time.Time{}); err != nil || len(all) != 2 {
		t.Fatalf("all replies = %d (%v), want 2", len(all), err)
	}
	if _, err := p.SimulateReply(t.Context(), " ", "STOP"); err == nil {
		t.Fatal("a reply from no number was accepted")
	}
}
