package messagebird_test

import (
	"testing"
	"time"

	"minuit/scheduler/messagebird/mbemu"
)

func TestInboundPagesThroughRepliesAndStopsAtTheOldOnes(t *testing.T) {
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	emu := newEmu(t, mbemu.WithClock(func() time.Time { return now }))
	p := newProvider(t, emu, 2*time.Second)
	emu.AddInbound("+33600000001", "STOP", now.Add(-48*time.Hour)) // before since
	for i := range 150 {
		emu.AddInbound("+33612345678", "reply", now.Add(time.Duration(i)*time.Second))
	}
	got, err := p.Inbound(t.Context(), now.Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 150 {
		t.Fatalf("got %d replies, want the 150 recent ones across two pages", len(got))
	}
	for _, m := range got {
		if m.From != "+33612345678" || m.ID == "" || m.At.IsZero() || m.Body != "reply" {
			t.Fatalf("reply %+v, want the number with its +, an id and a time", m)
		}
	}
	all, err := p.Inbound(t.Context(), time.Time{})
	if err != nil || len(all) != 151 {
		t.Fatalf("with no since: %d replies (%v), want all 151", len(all), err)
	}
}
