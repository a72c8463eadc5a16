package brevo_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"minuit/scheduler"
	"minuit/scheduler/brevo"
	"minuit/scheduler/brevo/brevoemu"
	"minuit/scheduler/providertest"
)

func statusOf(t *testing.T, p *brevo.Provider, id string) scheduler.RecipientStatus {
	t.Helper()
	sts, err := p.Status(t.Context(), id)
	if err != nil {
		t.Fatalf("Status(%s): %v", id, err)
	}
	if len(sts) != 1 {
		t.Fatalf("Status(%s) = %+v, want one recipient", id, sts)
	}
	return sts[0]
}

func TestStatusIsPendingThenDeliveredOneMinuteLater(t *testing.T) {
	clock := newFakeClock()
	emu := newEmu(t, brevoemu.WithClock(clock.Now))
	p := newProvider(t, emu, 0)
	acc, err := p.Send(t.Context(), batch("mn-s1", delivered))
	if err != nil {
		t.Fatalf("Send: %v", err)
	}
	if s := statusOf(t, p, acc.ID); s.Status != scheduler.DLRPending || !s.At.Equal(providertest.Start) || s.Recipient != delivered {
		t.Errorf("right after sending: %+v, want pending at %v for %s", s, providertest.Start, delivered)
	}
	clock.Advance(59 * time.Second)
	if s := statusOf(t, p, acc.ID); s.Status != scheduler.DLRPending {
		t.Errorf("59 s later: %+v, want pending", s)
	}
	clock.Advance(time.Second)
	if s := statusOf(t, p, acc.ID); s.Status != scheduler.DLRDelivered || !s.At.Equal(providertest.Start.Add(time.Minute)) || s.Reason != "" {
		t.Errorf("a minute later: %+v, want delivered at %v", s, providertest.Start.Add(time.Minute))
	}
	q := emu.Requests()[1].Query
	for key, want := range map[string]string{"phoneNumber": "33612349900", "limit": "100", "offset": "0", "sort": "desc"} {
		if got := q.Get(key); got != want {
			t.Errorf("query %s = %q, want %q", key, got, want)
		}
	}
	if q.Has("startDate") || q.Has("days") || q.Has("tags") || q.Has("event") {
		t.Errorf("query %v has filters Status does not need", q)
	}
}

func TestStatusOfABouncedNumberGivesBrevosReasonAndOfAnUnsubscribedOneAnOptOut(t *testing.T) {
	clock := newFakeClock()
	emu := newEmu(t, brevoemu.WithClock(clock.Now))
	p := newProvider(t, emu, 0)
	bad, _ := p.Send(t.Context(), batch("mn-s2", bounced))
	out, _ := p.Send(t.Context(), batch("mn-s3", optedOut))
	if s := statusOf(t, p, out.ID); s.Status != scheduler.DLRFailed || !s.OptedOut || s.Reason != "the contact unsubscribed from SMS at Brevo" {
		t.Errorf("the unsubscribed number: %+v, want failed and opted out at once", s)
	}
	clock.Advance(time.Minute)
	s := statusOf(t, p, bad.ID)
	if s.Status != scheduler.DLRFailed || s.OptedOut || s.Reason != "the operator could not deliver it ("+brevoemu.BounceReason+")" {
		t.Errorf("the bouncing number: %+v, want failed with Brevo's reason", s)
	}
}

func TestStatusPagesThroughTheNumbersEventsToFindTheMessage(t *testing.T) {
	clock := newFakeClock()
	emu := newEmu(t, brevoemu.WithClock(clock.Now))
	p := newProvider(t, emu, 0)
	first, err := p.Send(t.Context(), batch("mn-first", delivered))
	if err != nil {
		t.Fatalf("Send: %v", err)
	}
	clock.Advance(2 * time.Minute)
	for i := range 120 {
		clock.Advance(time.Second)
		if _, err := p.Send(t.Context(), batch(fmt.Sprint("mn-", i), delivered)); err != nil {
			t.Fatalf("Send: %v", err)
		}
	}
	if s := statusOf(t, p, first.ID); s.Status != scheduler.DLRDelivered {
		t.Errorf("the first message: %+v, want delivered", s)
	}
	var offsets []string
	for _, r := range emu.Requests() {
		if r.Method == http.MethodGet {
			offsets = append(offsets, r.Query.Get("offset"))
		}
	}
	n := len(emu.Events())
	var want []string
	for off := 0; off <= n; off += 100 {
		want = append(want, fmt.Sprint(off))
	}
	if n < 300 || strings.Join(offsets, ",") != strings.Join(want, ",") {
		t.Errorf("offsets read = %v, want %v for %d events", offsets, want, n)
	}
}

func TestStatusRefusesAnIdItDidNotMakeWithoutARequest(t *testing.T) {
	emu := newEmu(t)
	p := newProvider(t, emu, 0)
	for _, id := range []string{"", "1511882900176220", "abc:33612345678", "1:2:3", "1/../account:336", "1:+33612345678", "0:336", "99999999999999999999:336"} {
		_, err := p.Status(t.Context(), id)
		wantProviderError(t, err, scheduler.Permanent, "this is not a Brevo message id")
	}
	if n := len(emu.Requests()); n != 0 {
		t.Errorf("%d requests sent for malformed ids", n)
	}
}

// cannedEvents serves body for every request, as a server whose answers differ
// from the emulator's in the ways Brevo's documents leave open.
func cannedEvents(t *testing.T, body string) *brevo.Provider {
	t.Helper()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(body))
	}))
	t.Cleanup(ts.Close)
	return newProviderWith(t, brevo.Config{Key: "k", BaseURL: ts.URL})
}

func TestStatusReadsTheOtherSpellingsOfEventsNumbersAndIds(t *testing.T) {
	p := cannedEvents(t, `{"events":[
		{"phoneNumber":"+33612345678","date":"2026-12-07T11:01:00.000+01:00","messageId":42,"event":"hardBounce","reason":"Absent subscriber"},
		{"phoneNumber":"33612345678","date":"2026-12-07T10:00:00Z","messageId":"42","event":"sent"},
		{"phoneNumber":"33612345678","date":"2026-12-07T10:02:00Z","messageId":"43","event":"delivered"}]}`)
	s := statusOf(t, p, "42:33612345678")
	if s.Status != scheduler.DLRFailed || s.Reason != "the operator could not deliver it (Absent subscriber)" ||
		!s.At.Equal(time.Date(2026, 12, 7, 10, 1, 0, 0, time.UTC)) {
		t.Errorf("status = %+v, want failed at 10:01 UTC with the reason", s)
	}
	p = cannedEvents(t, `{"events":[
		{"phoneNumber":"0033612345678","date":"2026-12-07T10:05:00Z","messageId":"42","event":"unsubscribe"},
		{"phoneNumber":"0033612345678","date":"2026-12-07T10:01:00Z","messageId":"42","event":"delivered"},
		{"phoneNumber":"0033612345678","date":"2026-12-07T10:00:30Z","messageId":"42","event":"softBounces"}]}`)
	if s := statusOf(t, p, "42:33612345678"); s.Status != scheduler.DLRDelivered || s.OptedOut {
		t.Errorf("status = %+v, want delivered: a later STOP does not undo a delivery", s)
	}
	p = cannedEvents(t, `{}`)
	if s := statusOf(t, p, "42:33612345678"); s.Status != scheduler.DLRPending || s.Recipient != "+33612345678" {
		t.Errorf("status with no event = %+v, want pending", s)
	}
}
