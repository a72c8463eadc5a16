package messagebird_test

import (
	"fmt"
	"net/url"
	"testing"
	"time"

	"minuit/scheduler"
	"minuit/scheduler/messagebird"
	"minuit/scheduler/messagebird/mbemu"
)

// sendN sends n one-recipient messages with references prefix0 … prefix(n-1).
func sendN(t *testing.T, p *messagebird.Provider, prefix string, n int) map[string]scheduler.Accepted {
	t.Helper()
	out := make(map[string]scheduler.Accepted, n)
	for i := range n {
		ref := fmt.Sprintf("%s%d", prefix, i)
		acc, err := p.Send(t.Context(), batch(ref, fmt.Sprintf("+316%08d", i)))
		if err != nil {
			t.Fatalf("Send(%s): %v", ref, err)
		}
		out[ref] = acc
	}
	return out
}

// listQueries returns the queries of the GET /messages requests, in order.
func listQueries(t *testing.T, emu *mbemu.Server) []url.Values {
	t.Helper()
	var out []url.Values
	for _, r := range emu.Requests() {
		if r.Method == "GET" && r.Path == "/messages" {
			q, err := url.ParseQuery(r.Query)
			if err != nil {
				t.Fatalf("query %q: %v", r.Query, err)
			}
			out = append(out, q)
		}
	}
	return out
}

func TestLookupFindsReferencesAcrossSeveralPages(t *testing.T) {
	start := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	emu := newEmu(t, mbemu.WithClock(newFakeClock(start).Now))
	p := newProvider(t, emu, 0)
	sent := sendN(t, p, "r", 250)
	emu.AddInbound("+31612345678", "STOP", start)

	got, err := p.Lookup(t.Context(), refs("r249", "r120", "r0", "never-sent"), start)
	if err != nil {
		t.Fatalf("Lookup: %v", err)
	}
	if len(got) != 3 {
		t.Errorf("Lookup found %d references, want 3: %+v", len(got), got)
	}
	for _, ref := range []string{"r249", "r120", "r0"} {
		if got[ref].ID != sent[ref].ID || got[ref].Reference != ref || len(got[ref].Recipients) != 1 || got[ref].Recipients[0] != sent[ref].Recipients[0] {
			t.Errorf("Lookup[%s] = %+v, want %+v", ref, got[ref], sent[ref])
		}
	}
	queries := listQueries(t, emu)
	wantOffsets := []string{"", "100", "200"}
	if len(queries) != len(wantOffsets) {
		t.Fatalf("Lookup made %d list requests, want %d", len(queries), len(wantOffsets))
	}
	for i, q := range queries {
		if q.Get("offset") != wantOffsets[i] || q.Get("limit") != "100" || q.Get("direction") != "mt" {
			t.Errorf("list request %d query = %v, want offset %q limit 100 direction mt", i, q, wantOffsets[i])
		}
	}
}

func TestLookupStopsAtMessagesOlderThanSince(t *testing.T) {
	start := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	clock := newFakeClock(start)
	emu := newEmu(t, mbemu.WithClock(clock.Now))
	p := newProvider(t, emu, 0)
	sendN(t, p, "old", 150)
	restart := start.Add(time.Hour)
	clock.Set(restart)
	sent := sendN(t, p, "new", 30)

	got, err := p.Lookup(t.Context(), refs("new0", "new29", "old5"), restart)
	if err != nil {
		t.Fatalf("Lookup: %v", err)
	}
	if len(got) != 2 || got["new0"].ID != sent["new0"].ID || got["new29"].ID != sent["new29"].ID {
		t.Errorf("Lookup = %+v, want new0 and new29 only", got)
	}
	if n := len(listQueries(t, emu)); n != 1 {
		t.Errorf("Lookup made %d list requests, want 1: the first page already reaches older messages", n)
	}
}

func TestLookupToleratesMessageBirdsClockBeingBehindOurs(t *testing.T) {
	start := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	emu := newEmu(t, mbemu.WithClock(newFakeClock(start).Now))
	p := newProvider(t, emu, 0)
	sent := sendN(t, p, "r", 1)

	// Our clock says the send began 2 minutes after MessageBird's stamp.
	got, err := p.Lookup(t.Context(), refs("r0"), start.Add(2*time.Minute))
	if err != nil {
		t.Fatalf("Lookup: %v", err)
	}
	if got["r0"].ID != sent["r0"].ID {
		t.Errorf("Lookup = %+v, want r0 found within LookupMargin", got)
	}
}

func TestLookupStopsOnceEveryReferenceIsFound(t *testing.T) {
	emu := newEmu(t)
	p := newProvider(t, emu, 0)
	sendN(t, p, "r", 120)

	got, err := p.Lookup(t.Context(), refs("r119", "r60"), time.Time{})
	if err != nil {
		t.Fatalf("Lookup: %v", err)
	}
	if len(got) != 2 {
		t.Errorf("Lookup = %+v, want both references", got)
	}
	if n := len(listQueries(t, emu)); n != 1 {
		t.Errorf("Lookup made %d list requests, want 1", n)
	}
}

func TestLookupWithoutReferencesAsksNothing(t *testing.T) {
	emu := newEmu(t)
	p := newProvider(t, emu, 0)
	got, err := p.Lookup(t.Context(), nil, time.Now())
	if err != nil || len(got) != 0 {
		t.Errorf("Lookup(nil) = %v, %v; want an empty map", got, err)
	}
	if n := len(emu.Requests()); n != 0 {
		t.Errorf("%d requests reached MessageBird, want 0", n)
	}
}

func TestLookupReportsAServerErrorAsTransient(t *testing.T) {
	emu := newEmu(t)
	p := newProvider(t, emu, 0)
	emu.FailNext(1, 500)
	_, err := p.Lookup(t.Context(), refs("r"), time.Now())
	wantProviderError(t, err, scheduler.Transient, "MessageBird is temporarily unavailable")
}

func TestLookupReturnsTheNewestMessageOfADuplicatedReference(t *testing.T) {
	emu := newEmu(t)
	p := newProvider(t, emu, 0)
	b := batch("twice", "+31612345678")
	if _, err := p.Send(t.Context(), b); err != nil {
		t.Fatalf("first Send: %v", err)
	}
	second, err := p.Send(t.Context(), b)
	if err != nil {
		t.Fatalf("second Send: %v", err)
	}
	got, err := p.Lookup(t.Context(), refs("twice"), time.Now().Add(-time.Minute))
	if err != nil {
		t.Fatalf("Lookup: %v", err)
	}
	if got["twice"].ID != second.ID || emu.AcceptedByReference()["twice"] != 2 {
		t.Errorf("Lookup = %+v, want the newer message %s", got, second.ID)
	}
}
