package brevoemu_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"testing"
	"time"

	"minuit/scheduler/brevo/brevoemu"
)

type wireEvent struct {
	PhoneNumber, Date, MessageID, Event, Reason, Reply, Tag string
}

// events lists events with query q and checks the answer's shape.
func events(t *testing.T, emu *brevoemu.Server, q url.Values) []wireEvent {
	t.Helper()
	a := do(t, "GET", emu.URL()+"/transactionalSMS/statistics/events?"+q.Encode(), brevoemu.DefaultAPIKey, nil)
	if a.status != http.StatusOK {
		t.Fatalf("events?%s: %d %s", q.Encode(), a.status, a.body)
	}
	var raw struct {
		Events []map[string]any `json:"events"`
	}
	if err := json.Unmarshal(a.body, &raw); err != nil || raw.Events == nil {
		t.Fatalf("answer %s is not {\"events\": [...]}: %v", a.body, err)
	}
	out := make([]wireEvent, len(raw.Events))
	for i, e := range raw.Events {
		s := func(k string) string {
			v, ok := e[k]
			if !ok {
				return ""
			}
			str, isString := v.(string)
			if !isString {
				t.Errorf("event field %s = %v is not a string", k, v)
			}
			return str
		}
		out[i] = wireEvent{s("phoneNumber"), s("date"), s("messageId"), s("event"), s("reason"), s("reply"), s("tag")}
	}
	return out
}

func names(evs []wireEvent) []string {
	var out []string
	for _, e := range evs {
		out = append(out, e.Event)
	}
	return out
}

func TestEventsFollowTheNumbersOutcomesOnTheEmulatorsClock(t *testing.T) {
	emu, c := newEmu(t)
	send(t, emu, sms("33612345678", "ok"))
	send(t, emu, sms("33612349991", "bounce"))
	send(t, emu, sms("33612349994", "stop"))
	asc := url.Values{"sort": {"asc"}}
	if got := names(events(t, emu, asc)); !slices.Equal(got, []string{"sent", "accepted", "sent", "accepted", "unsubscription"}) {
		t.Errorf("at once: %v", got)
	}
	c.Advance(brevoemu.DeliveryDelay)
	evs := events(t, emu, asc)
	if got := names(evs); !slices.Equal(got, []string{"sent", "accepted", "sent", "accepted", "unsubscription", "delivered", "hardBounces"}) {
		t.Fatalf("a minute later: %v", got)
	}
	d, h := evs[5], evs[6]
	if d.PhoneNumber != "0033612345678" || d.Date != "2026-12-07T10:01:00Z" || d.Tag != "ok" || d.MessageID == "" || d.Reason != "" {
		t.Errorf("delivered event = %+v", d)
	}
	if h.Reason != brevoemu.BounceReason || h.Tag != "bounce" {
		t.Errorf("hardBounces event = %+v", h)
	}
	if evs[0].MessageID != d.MessageID || evs[0].Date != "2026-12-07T10:00:00Z" {
		t.Errorf("sent %+v and delivered %+v are not of one message", evs[0], d)
	}
}

func TestEventsAreFilteredByNumberTagEventAndDates(t *testing.T) {
	emu, c := newEmu(t)
	send(t, emu, sms("33612345678", "a"))
	c.Advance(24 * time.Hour)
	send(t, emu, sms("33612349991", "b"))
	c.Advance(2 * time.Minute)
	emu.AddInbound("+33612349991", "STOP", c.Now())
	cases := map[string]struct {
		q    url.Values
		want int
	}{
		"phone digits":   {url.Values{"phoneNumber": {"33612345678"}}, 3},
		"phone plus":     {url.Values{"phoneNumber": {"+33612349991"}}, 4},
		"phone 00":       {url.Values{"phoneNumber": {"0033612349991"}}, 4},
		"tag":            {url.Values{"tags": {"b"}}, 4},
		"tag array":      {url.Values{"tags": {`["a","b"]`}}, 7},
		"tag list":       {url.Values{"tags": {"a,zzz"}}, 3},
		"delivered":      {url.Values{"event": {"delivered"}}, 1},
		"bounces":        {url.Values{"event": {"bounces"}}, 1},
		"replies":        {url.Values{"event": {"replies"}}, 1},
		"today":          {url.Values{"days": {"1"}}, 4},
		"two days":       {url.Values{"days": {"2"}}, 7},
		"first day":      {url.Values{"startDate": {"2026-12-07"}, "endDate": {"2026-12-07"}}, 3},
		"both days":      {url.Values{"startDate": {"2026-12-07"}, "endDate": {"2026-12-08"}}, 7},
		"page":           {url.Values{"limit": {"2"}, "offset": {"6"}}, 1},
		"default limit":  {url.Values{}, 7},
		"nothing of tag": {url.Values{"tags": {"zzz"}}, 0},
	}
	for name, tc := range cases {
		if got := events(t, emu, tc.q); len(got) != tc.want {
			t.Errorf("%s (%s): %d events, want %d: %v", name, tc.q.Encode(), len(got), tc.want, got)
		}
	}
	desc := events(t, emu, url.Values{})
	if desc[0].Event != "replies" || desc[0].Reply != "STOP" || desc[0].Tag != "b" || desc[len(desc)-1].Event != "sent" {
		t.Errorf("newest first: %v", desc)
	}
}

func TestEventsRefuseBadQueries(t *testing.T) {
	emu, _ := newEmu(t)
	for _, q := range []string{"limit=101", "limit=-1", "offset=x", "days=0", "days=2&startDate=2026-12-01&endDate=2026-12-02",
		"startDate=2026-12-01", "startDate=2026-12-02&endDate=2026-12-01", "startDate=01/12/2026&endDate=2026-12-02",
		"event=clicked", "sort=up"} {
		wantError(t, do(t, "GET", emu.URL()+"/transactionalSMS/statistics/events?"+q, brevoemu.DefaultAPIKey, nil),
			http.StatusBadRequest, "invalid_parameter", "")
	}
}

func TestAReplyToANumberNeverWrittenToStillHasAnId(t *testing.T) {
	emu, _ := newEmu(t)
	emu.AddInbound("+33611223344", "START", start)
	evs := events(t, emu, url.Values{"event": {"replies"}})
	if len(evs) != 1 || evs[0].MessageID == "" || evs[0].PhoneNumber != "0033611223344" || evs[0].Tag != "" {
		t.Errorf("events = %+v", evs)
	}
}
