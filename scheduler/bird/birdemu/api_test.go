package birdemu_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"minuit/scheduler/bird/birdemu"
)

func TestASendAnswers202WithTheSDKsMessageShape(t *testing.T) {
	c := newClock()
	s := start(t, birdemu.WithClock(c.Now))
	a := send(t, s, "+33612345678", "Bonjour", "")
	if a.status != 202 || a.header.Get("X-Request-Id") == "" || a.header.Get("Content-Type") != "application/json" {
		t.Fatalf("HTTP %d %v %s", a.status, a.header, a.raw)
	}
	var keys []string
	for k := range a.json {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	want := []string{"category", "cost", "created_at", "delivered_at", "direction", "from", "id", "last_error",
		"metadata", "segments", "sent_at", "status", "tags", "text", "to"}
	if !slices.Equal(keys, want) {
		t.Errorf("keys %v\nwant %v", keys, want)
	}
	m := a.json
	if m["status"] != "accepted" || m["direction"] != "outbound" || m["category"] != "transactional" ||
		m["created_at"] != "2026-12-07T10:00:00Z" || m["sent_at"] != nil || !strings.HasPrefix(m["id"].(string), "sms_") {
		t.Errorf("message %s", a.raw)
	}
	if seg := m["segments"].(map[string]any); seg["count"] != 1.0 || seg["encoding"] != "GSM_7BIT" || seg["characters"] != 7.0 {
		t.Errorf("segments %v", seg)
	}
	if n := s.Created("+33612345678", "Bonjour"); n != 1 {
		t.Errorf("Created = %d", n)
	}
}

func TestAMessageIsSentAfterASecondAndDeliveredAfterAMinute(t *testing.T) {
	c := newClock()
	s := start(t, birdemu.WithClock(c.Now))
	id := send(t, s, "+33612345678", "hi", "").json["id"].(string)
	get := func() map[string]any { return do(t, s, call{method: "GET", path: "/v1/sms/messages/" + id}).json }
	c.Advance(time.Second)
	if m := get(); m["status"] != "sent" || m["sent_at"] != "2026-12-07T10:00:01Z" || m["delivered_at"] != nil {
		t.Errorf("after 1 s: %v", m)
	}
	c.Advance(time.Minute)
	if m := get(); m["status"] != "delivered" || m["delivered_at"] != "2026-12-07T10:01:00Z" {
		t.Errorf("after a minute: %v", m)
	}
	wantError(t, do(t, s, call{method: "GET", path: "/v1/sms/messages/sms_nope"}), 404, "not_found_error", "", "")
}

func TestTestNumbersEndFailedExpiredUndeliveredOrOptedOut(t *testing.T) {
	c := newClock()
	s := start(t, birdemu.WithClock(c.Now))
	for _, n := range []string{"+33612349991", "+33612349992", "+33612349993", "+33612349994"} {
		send(t, s, n, "x", "")
	}
	c.Advance(time.Minute)
	got := map[string]string{}
	for _, m := range s.Messages() {
		got[m.To] = m.Status + "/" + m.LastError
	}
	want := map[string]string{"+33612349991": "failed/invalid_destination", "+33612349992": "expired/",
		"+33612349993": "undelivered/unreachable", "+33612349994": "failed/recipient_opted_out"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("outcomes %v\nwant %v", got, want)
	}
}

func TestCredentialsAndUserAgentAreChecked(t *testing.T) {
	s := start(t)
	for _, h := range []map[string]string{{"Authorization": ""}, {"Authorization": "Bearer bk_eu1_wrong"},
		{"Authorization": "AccessKey " + birdemu.DefaultKey}} {
		wantError(t, do(t, s, call{method: "GET", path: "/v1/sms/messages", header: h}), 401, "auth_error", "", "")
	}
	a := do(t, s, call{method: "GET", path: "/v1/sms/messages", header: map[string]string{"User-Agent": ""}})
	wantError(t, a, 403, "permission_error", "", "")
	wantError(t, do(t, s, call{method: "GET", path: "/v1/email/messages"}), 404, "not_found_error", "", "")
	wantError(t, do(t, s, call{method: "DELETE", path: "/v1/sms/messages/x"}), 405, "bad_request_error", "", "")
}

func TestASendIsValidatedAsTheAPIDoes(t *testing.T) {
	s := start(t)
	long := strings.Repeat("a", 153*12+1)
	for _, c := range []struct {
		body, typ, code, name, param string
	}{
		{`{"to":"+33612349990","from":"Shop","text":"x","category":"marketing"}`, "validation_error", "E12001", "invalid_recipient", "to"},
		{`{"to":"0612345678","from":"Shop","text":"x","category":"marketing"}`, "validation_error", "E12001", "invalid_recipient", "to"},
		{`{"to":"+33612345678","from":"Shop","category":"marketing"}`, "validation_error", "E01001", "ValidationError", "text"},
		{`{"to":"+33612345678","from":"Shop","text":"` + long + `","category":"marketing"}`, "validation_error", "E01001", "ValidationError", "text"},
		{`{"to":"+33612345678","from":"Shop","text":"x"}`, "validation_error", "E01001", "ValidationError", "category"},
		{`{"to":"+33612345678","from":"Shop","text":"x","category":"promo"}`, "validation_error", "E01001", "ValidationError", "category"},
		{`{"to":"+33612345678","text":"x","category":"marketing"}`, "validation_error", "E01001", "SMSNoEligibleSender", "from"},
		{`{"to":"+33612345678","from":"A very long sender","text":"x","category":"marketing"}`, "validation_error", "E01001", "SMSSenderNotAllowed", "from"},
		{`{"to":"+33612345678","from":"Shop","text":"x","category":"marketing","scheduled_at":"2027-01-01T00:00:00Z"}`, "validation_error", "E01001", "SMSUnsupportedFeature", "scheduled_at"},
		{`{"to":"+33612345678","from":"Shop","text":"x","category":"marketing","validity_period":600}`, "validation_error", "E01001", "SMSUnsupportedFeature", "validity_period"},
		{`{"to":"+33612345678","from":"Shop","text":"x","category":"marketing","track_clicks":true}`, "validation_error", "E01001", "SMSUnsupportedFeature", "track_clicks"},
		{`{"to":"+33612345678","from":"Shop","text":"x","category":"marketing","tags":[{"name":"a b","value":"c"}]}`, "validation_error", "E01001", "ValidationError", "tags"},
		{`{"to":"+33612345678","from":"Shop","text":"x","category":"marketing","metadata":{"k":"` + strings.Repeat("m", 2048) + `"}}`, "validation_error", "E01001", "ValidationError", "metadata"},
		{`{"to":"+33612345678","from":"Shop","text":"x","category":"marketing","reference":"r"}`, "bad_request_error", "E01002", "InvalidRequest", ""},
		{`{"to":`, "bad_request_error", "E01002", "InvalidRequest", ""},
	} {
		a := do(t, s, call{method: "POST", path: "/v1/sms/messages", body: c.body})
		status := 422
		if c.typ == "bad_request_error" {
			status = 400
		}
		wantError(t, a, status, c.typ, c.code, c.param)
		if e := errorOf(t, a); e["name"] != c.name {
			t.Errorf("%s: name %v, want %s", c.body[:min(len(c.body), 60)], e["name"], c.name)
		}
	}
	ok := `{"to":"+33612345678","from":"Shop","text":"x","category":"marketing","track_clicks":false,"scheduled_at":null}`
	if a := do(t, s, call{method: "POST", path: "/v1/sms/messages", body: ok}); a.status != 202 {
		t.Errorf("track_clicks false and a null scheduled_at: HTTP %d %s", a.status, a.raw)
	}
	if len(s.Messages()) != 1 {
		t.Errorf("%d messages, want only the valid one", len(s.Messages()))
	}
}

func TestSegmentsFollowGSM7AndUCS2(t *testing.T) {
	s := start(t)
	for _, c := range []struct {
		text     string
		chars    float64
		count    float64
		encoding string
	}{
		{strings.Repeat("a", 160), 160, 1, "GSM_7BIT"},
		{strings.Repeat("a", 161), 161, 2, "GSM_7BIT"},
		{"[€]", 6, 1, "GSM_7BIT"},
		{"Noël", 4, 1, "UCS2"},
		{strings.Repeat("ë", 71), 71, 2, "UCS2"},
		{"🙂", 2, 1, "UCS2"},
	} {
		seg := send(t, s, "+33612345678", c.text, "").json["segments"].(map[string]any)
		if seg["characters"] != c.chars || seg["count"] != c.count || seg["encoding"] != c.encoding {
			t.Errorf("%.10q: %v, want %v %v %v", c.text, seg, c.chars, c.count, c.encoding)
		}
	}
}

func TestConcurrentSendsAreAllCounted(t *testing.T) {
	s := start(t)
	var wg sync.WaitGroup
	for i := range 40 {
		wg.Go(func() {
			body, _ := json.Marshal(map[string]string{"to": "+33612345678", "from": "Shop", "text": "same", "category": "marketing"})
			do(t, s, call{method: "POST", path: "/v1/sms/messages", body: string(body),
				header: map[string]string{"Idempotency-Key": fmt.Sprint("k", i%20)}})
		})
	}
	wg.Wait()
	if n := s.Created("+33612345678", "same"); n != 20 {
		t.Errorf("Created = %d, want 20 (one per key)", n)
	}
}
