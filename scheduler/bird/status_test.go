package bird_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"minuit/scheduler"
	"minuit/scheduler/bird"
	"minuit/scheduler/bird/birdemu"
	"minuit/scheduler/providertest"
)

func TestStatusFollowsTheEmulatorsTimelineForEachTestNumber(t *testing.T) {
	c := newClock()
	emu := newEmu(t, birdemu.WithClock(c.Now))
	p := newProvider(t, emu)
	ids := map[string]string{}
	for i, n := range []string{delivered, failing, expiring, unreached, optedOut} {
		acc, err := p.Send(t.Context(), batch(fmt.Sprintf("mn-status%d", i), n))
		if err != nil {
			t.Fatalf("Send(%s): %v", n, err)
		}
		ids[n] = acc.ID
	}
	status := func(n string) scheduler.RecipientStatus {
		t.Helper()
		sts, err := p.Status(t.Context(), ids[n])
		if err != nil || len(sts) != 1 || sts[0].Recipient != n {
			t.Fatalf("Status(%s) = %+v, %v", n, sts, err)
		}
		return sts[0]
	}
	if s := status(delivered); s.Status != scheduler.DLRPending || !s.At.Equal(providertest.Start) {
		t.Errorf("at once: %+v, want pending at the creation time", s)
	}
	c.Advance(2 * time.Second)
	if s := status(delivered); s.Status != scheduler.DLRPending || !s.At.Equal(providertest.Start.Add(time.Second)) {
		t.Errorf("after 2 s: %+v, want pending (sent) at its sent_at", s)
	}
	if s := status(optedOut); s.Status != scheduler.DLRFailed || !s.OptedOut {
		t.Errorf("the opted-out number after 2 s: %+v, want failed and opted out", s)
	}
	c.Advance(time.Minute)
	final := providertest.Start.Add(time.Minute)
	for n, want := range map[string]scheduler.RecipientStatus{
		delivered: {Status: scheduler.DLRDelivered, At: final},
		failing:   {Status: scheduler.DLRFailed, At: final, Reason: "the number is not in use or not valid"},
		expiring:  {Status: scheduler.DLRExpired, At: providertest.Start.Add(time.Second), Reason: "the phone could not be reached before the message expired"},
		unreached: {Status: scheduler.DLRFailed, At: final, Reason: "the phone was off or out of coverage"},
		optedOut: {Status: scheduler.DLRFailed, At: providertest.Start.Add(time.Second), OptedOut: true,
			Reason: "the recipient asked Bird to stop sending them messages (STOP)"},
	} {
		want.Recipient = n
		if s := status(n); s != want {
			t.Errorf("%s: %+v\nwant %+v", n, s, want)
		}
	}
}

func TestStatusRefusesAnIDThatCouldChangeTheURLWithoutARequest(t *testing.T) {
	emu := newEmu(t)
	p := newProvider(t, emu)
	for _, id := range []string{"", "../balance", "sms_1?limit=5", "sms 1", "sms%2F1", strings.Repeat("a", 129)} {
		_, err := p.Status(t.Context(), id)
		wantError(t, err, scheduler.Permanent, "this is not a Bird message id")
	}
	if n := len(emu.Requests()); n != 0 {
		t.Errorf("%d requests were sent", n)
	}
	_, err := p.Status(t.Context(), "sms_unknown")
	wantError(t, err, scheduler.Permanent, "Bird does not know this message")
}

// fakeMessage serves one SMSMessage with the given status and last_error code.
func fakeMessage(t *testing.T, status, code string) *bird.Provider {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		lastError := "null"
		if code != "" {
			lastError = fmt.Sprintf(`{"code":%q,"description":"x","occurred_at":"2026-12-07T10:05:00Z"}`, code)
		}
		fmt.Fprintf(w, `{"id":"sms_x","to":"33612345678","from":"Shop","text":"hi","status":%q,
			"created_at":"2026-12-07T10:00:00Z","last_error":%s,"segments":{"count":1}}`, status, lastError)
	}))
	t.Cleanup(srv.Close)
	return newProviderWith(t, bird.Config{Key: "bk_us1_k", BaseURL: srv.URL})
}

func TestEveryBirdStatusAndFailureCodeIsNormalised(t *testing.T) {
	cases := []struct {
		status, code string
		want         scheduler.DLR
		reason       string
		optedOut     bool
	}{
		{"accepted", "", scheduler.DLRPending, "", false},
		{"sent", "", scheduler.DLRPending, "", false},
		{"something_new", "", scheduler.DLRPending, "", false},
		{"delivered", "", scheduler.DLRDelivered, "", false},
		{"received", "", scheduler.DLRDelivered, "", false},
		{"scheduled", "", scheduler.DLRScheduled, "", false},
		{"canceled", "", scheduler.DLRCancelled, "", false},
		{"expired", "", scheduler.DLRExpired, "the phone could not be reached before the message expired", false},
		{"rejected", "", scheduler.DLRFailed, "Bird refused to send it", false},
		{"failed", "", scheduler.DLRFailed, "Bird could not deliver it", false},
		{"failed", "a_new_code", scheduler.DLRFailed, "Bird could not deliver it", false},
		{"failed", "invalid_destination", scheduler.DLRFailed, "the number is not in use or not valid", false},
		{"undelivered", "unreachable", scheduler.DLRFailed, "the phone was off or out of coverage", false},
		{"failed", "blocked_by_carrier", scheduler.DLRFailed, "the mobile operator blocked the message", false},
		{"failed", "blocked_by_recipient", scheduler.DLRFailed, "the recipient's phone blocks this sender", false},
		{"failed", "landline_unreachable", scheduler.DLRFailed, "the number is a landline that cannot receive SMS", false},
		{"failed", "content_rejected", scheduler.DLRFailed, "the mobile operator refused the text of the message", false},
		{"rejected", "sender_unregistered", scheduler.DLRFailed, "the sender ID is not registered for this country", false},
		{"failed", "recipient_opted_out", scheduler.DLRFailed, "the recipient asked Bird to stop sending them messages (STOP)", true},
		{"failed", "provider_unavailable", scheduler.DLRFailed, "Bird's operator network failed, even after retrying", false},
		{"rejected", "insufficient_balance", scheduler.DLRFailed, "the Bird account had no balance left", false},
		{"failed", "unknown", scheduler.DLRFailed, "Bird could not deliver it, for an unknown reason", false},
	}
	for _, c := range cases {
		sts, err := fakeMessage(t, c.status, c.code).Status(t.Context(), "sms_x")
		if err != nil || len(sts) != 1 {
			t.Fatalf("%s/%s: %+v, %v", c.status, c.code, sts, err)
		}
		s := sts[0]
		if s.Recipient != "+33612345678" || s.Status != c.want || s.Reason != c.reason || s.OptedOut != c.optedOut {
			t.Errorf("%s/%s: %+v, want %s %q opted-out %v", c.status, c.code, s, c.want, c.reason, c.optedOut)
		}
	}
}

func TestBalanceChecksTheKeyWithTheCheapestReadAndHasNoAmount(t *testing.T) {
	emu := newEmu(t)
	p := newProvider(t, emu)
	b, err := p.Balance(t.Context())
	if err != nil || b != (scheduler.Balance{}) {
		t.Fatalf("Balance = %+v, %v; want an empty balance", b, err)
	}
	r := emu.Requests()[0]
	if r.Method != "GET" || r.Path != "/v1/sms/messages" || r.Query.Encode() != "limit=1" {
		t.Errorf("Balance sent %s %s?%s", r.Method, r.Path, r.Query.Encode())
	}
}
