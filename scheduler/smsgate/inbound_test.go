package smsgate_test

import (
	"fmt"
	"net/url"
	"testing"
	"time"

	"minuit/scheduler"
)

func TestInboundAsksTheInboxForSMSSinceAGivenTime(t *testing.T) {
	clk := newClock()
	emu := newEmu(t, clk)
	p := newProvider(t, emu, clk)
	emu.AddInbound("+33611223344", "STOP", clk.Now().Add(-2*time.Hour))
	emu.AddInbound("33655667788", "Merci !", clk.Now().Add(-time.Minute))
	emu.AddInbound("0655667788", "start", clk.Now().Add(-time.Minute))
	msgs, err := p.Inbound(t.Context(), clk.Now().Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	from := map[string]string{}
	for _, m := range msgs {
		from[m.From] = m.Body
	}
	if len(msgs) != 2 || from["+33655667788"] != "Merci !" || from["0655667788"] != "start" {
		t.Errorf("Inbound = %+v, want the two recent SMS, a + added to digits only", msgs)
	}
	q, _ := url.ParseQuery(emu.Requests()[0].Query)
	want := url.Values{"type": {"SMS"}, "limit": {"500"}, "offset": {"0"},
		"from": {"2026-12-07T09:00:00.000Z"}, "to": {"2026-12-08T10:00:00.000Z"}}
	if fmt.Sprint(q) != fmt.Sprint(want) {
		t.Errorf("query %v, want %v", q, want)
	}
}

func TestInboundReadsEveryPage(t *testing.T) {
	clk := newClock()
	emu := newEmu(t, clk)
	p := newProvider(t, emu, clk)
	for i := range 501 {
		emu.AddInbound(fmt.Sprintf("+336%08d", i), "STOP", clk.Now().Add(-time.Duration(i)*time.Second))
	}
	msgs, err := p.Inbound(t.Context(), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, m := range msgs {
		ids[m.ID] = true
	}
	if len(ids) != 501 || len(emu.Requests()) != 2 {
		t.Errorf("%d replies in %d requests, want 501 in 2", len(ids), len(emu.Requests()))
	}
}

func TestInboundOnAnAppOlderThanTheInboxAPIAsksForAnUpdate(t *testing.T) {
	clk := newClock()
	emu := newEmu(t, clk)
	p := newProvider(t, emu, clk)
	emu.FailNext(404, "")
	_, err := p.Inbound(t.Context(), clk.Now())
	wantError(t, err, scheduler.Permanent, "update the app (1.59 or later)")
}
