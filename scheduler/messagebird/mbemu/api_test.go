package mbemu_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"minuit/scheduler/messagebird/mbemu"
)

func start(t *testing.T, opts ...mbemu.Option) *mbemu.Server {
	t.Helper()
	s := mbemu.New(opts...)
	t.Cleanup(s.Close)
	return s
}

// do sends a request with the default access key and decodes a JSON answer.
func do(t *testing.T, s *mbemu.Server, method, path, body string) (int, map[string]any) {
	t.Helper()
	return doKey(t, s, mbemu.DefaultAccessKey, method, path, body)
}

func doKey(t *testing.T, s *mbemu.Server, key, method, path, body string) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, s.URL()+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "AccessKey "+key)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]any
	if len(raw) > 0 {
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		if err := dec.Decode(&out); err != nil {
			t.Fatalf("%s %s: HTTP %d body %q is not a JSON object: %v", method, path, resp.StatusCode, raw, err)
		}
	}
	return resp.StatusCode, out
}

// firstError returns errors[0] of an API error body.
func firstError(t *testing.T, body map[string]any) map[string]any {
	t.Helper()
	errs, ok := body["errors"].([]any)
	if !ok || len(errs) == 0 {
		t.Fatalf("body %v has no errors array", body)
	}
	return errs[0].(map[string]any)
}

const createBody = `{"originator":"Bakery","body":"Hello","recipients":["31612345678"],"groupIds":null,"reference":"r1","validity":60,"mclass":1,"shortenUrls":false}`

func TestCreateAnswersWithTheAPIsMessageObject(t *testing.T) {
	clock := time.Date(2025, 3, 1, 9, 30, 15, 0, time.UTC)
	s := start(t, mbemu.WithClock(func() time.Time { return clock }))
	status, m := do(t, s, "POST", "/messages", createBody)
	if status != http.StatusCreated {
		t.Fatalf("status %d, body %v", status, m)
	}
	id, _ := m["id"].(string)
	if len(id) != 32 || m["href"] != s.URL()+"/messages/"+id {
		t.Errorf("id %q href %v", id, m["href"])
	}
	for key, want := range map[string]any{
		"direction": "mt", "type": "sms", "originator": "Bakery", "body": "Hello", "reference": "r1",
		"validity": json.Number("60"), "datacoding": "plain", "mclass": json.Number("1"),
		"scheduledDatetime": nil, "createdDatetime": "2025-03-01T09:30:15+00:00",
	} {
		if m[key] != want {
			t.Errorf("%s = %#v, want %#v", key, m[key], want)
		}
	}
	recips := m["recipients"].(map[string]any)
	if recips["totalCount"] != json.Number("1") || recips["totalSentCount"] != json.Number("1") {
		t.Errorf("recipients counts = %v", recips)
	}
	item := recips["items"].([]any)[0].(map[string]any)
	if item["recipient"] != json.Number("31612345678") || item["status"] != "sent" || item["statusDatetime"] != "2025-03-01T09:30:15+00:00" {
		t.Errorf("recipient item = %v, want the number as a JSON integer, status sent", item)
	}
}

func TestCreateWithoutReferenceOrValidityAnswersNulls(t *testing.T) {
	s := start(t)
	_, m := do(t, s, "POST", "/messages", `{"originator":"3197010203040","body":"x","recipients":[31612345678]}`)
	if v, ok := m["reference"]; !ok || v != nil {
		t.Errorf("reference = %#v, want null", v)
	}
	if v, ok := m["validity"]; !ok || v != nil {
		t.Errorf("validity = %#v, want null", v)
	}
}

func TestCreateRefusesInvalidFieldsWithCode9OnTheParameter(t *testing.T) {
	cases := map[string]struct{ body, param string }{
		"long sender":      {`{"originator":"The Corner Bakery","body":"x","recipients":["31612345678"]}`, "originator"},
		"symbol in sender": {`{"originator":"Bakery!","body":"x","recipients":["31612345678"]}`, "originator"},
		"long number":      {`{"originator":"3161234567890123","body":"x","recipients":["31612345678"]}`, "originator"},
		"no body":          {`{"originator":"Bakery","body":"","recipients":["31612345678"]}`, "body"},
		"no recipients":    {`{"originator":"Bakery","body":"x","recipients":[]}`, "recipients"},
		"letters":          {`{"originator":"Bakery","body":"x","recipients":["+31 6 CALL ME"]}`, "recipients"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			s := start(t)
			status, body := do(t, s, "POST", "/messages", c.body)
			e := firstError(t, body)
			if status != http.StatusUnprocessableEntity || e["code"] != json.Number("9") || e["parameter"] != c.param || e["description"] == "" {
				t.Errorf("HTTP %d error %v, want 422 code 9 on %q", status, e, c.param)
			}
			if len(s.Messages()) != 0 {
				t.Error("an invalid message was created")
			}
		})
	}
}

func TestAWrongAccessKeyIsRefusedWithCode2(t *testing.T) {
	s := start(t, mbemu.WithAccessKey("live_abc"))
	for _, path := range []string{"/messages", "/balance"} {
		status, body := doKey(t, s, mbemu.DefaultAccessKey, "GET", path, "")
		if e := firstError(t, body); status != http.StatusUnauthorized || e["code"] != json.Number("2") {
			t.Errorf("GET %s: HTTP %d %v, want 401 code 2", path, status, e)
		}
	}
	if status, _ := doKey(t, s, "live_abc", "GET", "/balance", ""); status != http.StatusOK {
		t.Errorf("the configured key got HTTP %d", status)
	}
}

func TestReadAndDeleteAMessage(t *testing.T) {
	s := start(t)
	_, m := do(t, s, "POST", "/messages", createBody)
	id := m["id"].(string)
	if status, got := do(t, s, "GET", "/messages/"+id, ""); status != http.StatusOK || got["id"] != id {
		t.Fatalf("GET: HTTP %d %v", status, got)
	}
	if status, _ := do(t, s, "DELETE", "/messages/"+id, ""); status != http.StatusNoContent {
		t.Errorf("DELETE: HTTP %d, want 204", status)
	}
	status, body := do(t, s, "GET", "/messages/"+id, "")
	if e := firstError(t, body); status != http.StatusNotFound || e["code"] != json.Number("20") {
		t.Errorf("GET after DELETE: HTTP %d %v, want 404 code 20", status, e)
	}
	if n := s.AcceptedByReference()["r1"]; n != 1 {
		t.Errorf("AcceptedByReference = %d after delete, want 1 (creations count)", n)
	}
}

func TestBalanceIsChargedOneCreditPerRecipientAndRefusesWithCode25(t *testing.T) {
	s := start(t, mbemu.WithBalance(2))
	do(t, s, "POST", "/messages", createBody)
	if _, b := do(t, s, "GET", "/balance", ""); b["amount"] != json.Number("1") || b["type"] != "credits" || b["payment"] != "prepaid" {
		t.Errorf("balance = %v, want 1 prepaid credit", b)
	}
	status, body := do(t, s, "POST", "/messages", `{"originator":"Bakery","body":"x","recipients":["31600000001","31600000002"]}`)
	if e := firstError(t, body); status != http.StatusPaymentRequired || e["code"] != json.Number("25") {
		t.Errorf("HTTP %d %v, want 402 code 25", status, e)
	}
}

func TestScheduledMessageStaysScheduledUntilItsTime(t *testing.T) {
	now := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	var clock atomic.Pointer[time.Time]
	clock.Store(&now)
	s := start(t, mbemu.WithClock(func() time.Time { return *clock.Load() }))
	_, m := do(t, s, "POST", "/messages", `{"originator":"Bakery","body":"x","recipients":["31612345678"],"scheduledDatetime":"2025-03-01T10:00:00Z"}`)
	id := m["id"].(string)
	status := func() any {
		_, got := do(t, s, "GET", "/messages/"+id, "")
		return got["recipients"].(map[string]any)["items"].([]any)[0].(map[string]any)["status"]
	}
	if got := status(); got != "scheduled" || m["scheduledDatetime"] != "2025-03-01T10:00:00+00:00" {
		t.Errorf("before its time: status %v scheduledDatetime %v", got, m["scheduledDatetime"])
	}
	later := now.Add(2 * time.Hour)
	clock.Store(&later)
	if got := status(); got != "delivered" {
		t.Errorf("after its time: status %v, want delivered", got)
	}
}
