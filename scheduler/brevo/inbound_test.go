package brevo_test

import (
	"fmt"
	"testing"
	"time"

	"minuit/scheduler/brevo/brevoemu"
	"minuit/scheduler/providertest"
)

func TestInboundReadsRepliesWithTheirNumberTextTimeAndAStableID(t *testing.T) {
	clock := newFakeClock()
	emu := newEmu(t, brevoemu.WithClock(clock.Now))
	p := newProvider(t, emu, 0)
	acc, err := p.Send(t.Context(), batch("mn-i1", delivered))
	if err != nil {
		t.Fatalf("Send: %v", err)
	}
	at := providertest.Start.Add(5 * time.Minute)
	emu.AddInbound(delivered, "STOP", at)
	emu.AddInbound("+33655667788", "Merci !", at.Add(time.Minute))
	clock.Advance(10 * time.Minute)
	msgs, err := p.Inbound(t.Context(), providertest.Start)
	if err != nil {
		t.Fatalf("Inbound: %v", err)
	}
	if len(msgs) != 2 {
		t.Fatalf("Inbound = %+v, want the two replies only", msgs)
	}
	stop := msgs[1] // newest first
	wantID := fmt.Sprintf("%d:33612349900:%s", emu.Messages()[0].ID, at.Format(time.RFC3339Nano))
	if stop.From != delivered || stop.Body != "STOP" || !stop.At.Equal(at) || stop.ID != wantID {
		t.Errorf("STOP read as %+v, want from %s at %v with id %s (message %s)", stop, delivered, at, wantID, acc.ID)
	}
	again, err := p.Inbound(t.Context(), providertest.Start)
	if err != nil || len(again) != 2 || again[0].ID != msgs[0].ID || again[1].ID != msgs[1].ID {
		t.Errorf("a second read = %+v, %v; want the same ids", again, err)
	}
	q := emu.Requests()[1].Query
	if q.Get("event") != "replies" || q.Get("sort") != "desc" {
		t.Errorf("query = %v, want the replies, newest first", q)
	}
}

func TestInboundKeepsOnlyRepliesWhateverTheServerReturns(t *testing.T) {
	p := cannedEvents(t, `{"events":[
		{"phoneNumber":"0033611223344","date":"2026-12-07T10:00:00Z","messageId":"7","event":"replied","reply":"Stop"},
		{"phoneNumber":"0033611223344","date":"2026-12-07T10:00:00Z","messageId":"7","event":"replied","reply":"Stop"},
		{"phoneNumber":"0033611223344","date":"2026-12-07T09:59:00Z","messageId":"7","event":"delivered"}]}`)
	msgs, err := p.Inbound(t.Context(), time.Time{})
	if err != nil || len(msgs) != 1 || msgs[0].From != "+33611223344" || msgs[0].Body != "Stop" {
		t.Errorf("Inbound = %+v, %v; want the one reply once", msgs, err)
	}
}
