package bird_test

import (
	"fmt"
	"testing"
	"time"

	"minuit/scheduler"
	"minuit/scheduler/bird/birdemu"
	"minuit/scheduler/providertest"
)

func TestLookupAsksOncePerReferenceByTagDirectionAndTime(t *testing.T) {
	c := newClock()
	emu := newEmu(t, birdemu.WithClock(c.Now))
	p := newProvider(t, emu)
	since := c.Now()
	a, err := p.Send(t.Context(), batch("mn-a", delivered))
	if err != nil {
		t.Fatal(err)
	}
	emu.AddInbound(delivered, "mn-b", c.Now()) // an inbound message never matches
	before := len(emu.Requests())
	found, err := p.Lookup(t.Context(), []scheduler.Batch{{Reference: "mn-a"}, {Reference: "mn-b"}, {Reference: "not tag-safe!"}}, since)
	if err != nil {
		t.Fatalf("Lookup: %v", err)
	}
	if len(found) != 1 || found["mn-a"].ID != a.ID || found["mn-a"].Recipients[0] != delivered {
		t.Errorf("Lookup = %+v, want only mn-a → %s", found, a.ID)
	}
	reqs := emu.Requests()[before:]
	if len(reqs) != 2 {
		t.Fatalf("%d list requests, want one per tag-safe reference", len(reqs))
	}
	q := reqs[0].Query
	if reqs[0].Path != "/v1/sms/messages" || q.Get("tag") != "minuit_ref:mn-a" || q.Get("direction") != "outbound" ||
		q.Get("created_after") != "2026-12-07T09:55:00Z" || q.Get("limit") != "100" {
		t.Errorf("lookup query %s %v", reqs[0].Path, q)
	}
}

func TestLookupIgnoresMessagesOlderThanTheWindowAndPicksTheNewestResend(t *testing.T) {
	c := newClock()
	emu := newEmu(t, birdemu.WithClock(c.Now))
	p := newProvider(t, emu)
	b := batch("mn-twice", delivered)
	if _, err := p.Send(t.Context(), b); err != nil {
		t.Fatal(err)
	}
	c.Advance(4 * time.Hour) // past Bird's idempotency window: a resend is a new message
	since := c.Now()
	second, err := p.Send(t.Context(), b)
	if err != nil {
		t.Fatal(err)
	}
	if n := emu.Created(delivered, b.Body); n != 2 {
		t.Fatalf("created %d, want 2 after the window", n)
	}
	found, err := p.Lookup(t.Context(), []scheduler.Batch{b}, since)
	if err != nil || found[b.Reference].ID != second.ID {
		t.Errorf("Lookup = %+v, %v; want the newest %s", found, err, second.ID)
	}
	found, err = p.Lookup(t.Context(), []scheduler.Batch{batch("mn-other", delivered)}, time.Time{})
	if err != nil || len(found) != 0 {
		t.Errorf("Lookup of a reference never sent = %+v, %v", found, err)
	}
	found, err = p.Lookup(t.Context(), []scheduler.Batch{b}, since.Add(time.Hour))
	if err != nil || len(found) != 0 {
		t.Errorf("Lookup since after the sends = %+v, %v; want nothing", found, err)
	}
}

func TestInboundReadsEveryPageWithItsNumberTextAndTime(t *testing.T) {
	c := newClock()
	emu := newEmu(t, birdemu.WithClock(c.Now))
	p := newProvider(t, emu)
	start := providertest.Start.Add(-time.Hour)
	for i := range 250 {
		emu.AddInbound(fmt.Sprintf("+336%08d", i), fmt.Sprint("reply ", i), start.Add(time.Duration(i)*time.Second))
	}
	emu.AddInbound("33699999999", "STOP", start.Add(-time.Minute)) // digits only, and before since
	if _, err := p.Send(t.Context(), batch("mn-out", delivered)); err != nil {
		t.Fatal(err)
	}
	before := len(emu.Requests())
	msgs, err := p.Inbound(t.Context(), start)
	if err != nil {
		t.Fatalf("Inbound: %v", err)
	}
	if len(msgs) != 250 {
		t.Fatalf("Inbound returned %d replies, want 250", len(msgs))
	}
	seen := map[string]bool{}
	for _, m := range msgs {
		seen[m.ID] = true
		if m.At.Before(start) || m.Body == "" || m.From[0] != '+' {
			t.Errorf("reply %+v", m)
		}
	}
	if len(seen) != 250 {
		t.Errorf("%d distinct ids, want 250", len(seen))
	}
	reqs := emu.Requests()[before:]
	if len(reqs) != 3 || reqs[0].Query.Get("direction") != "inbound" || reqs[0].Query.Get("starting_after") != "" ||
		reqs[1].Query.Get("starting_after") == "" || reqs[0].Query.Get("created_after") != "2026-12-07T09:00:00Z" {
		t.Errorf("%d requests, first %v, second %v", len(reqs), reqs[0].Query, reqs[1].Query)
	}
	all, err := p.Inbound(t.Context(), time.Time{})
	if err != nil || len(all) != 251 {
		t.Fatalf("Inbound(zero) = %d replies, %v", len(all), err)
	}
	for _, m := range all {
		if m.Body == "STOP" && m.From != "+33699999999" {
			t.Errorf("a sender of digits only is read as %q", m.From)
		}
	}
}
