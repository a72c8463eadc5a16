package mbemu_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"minuit/scheduler/messagebird/mbemu"
)

// testClock is a settable clock for the emulator.
type testClock struct{ t atomic.Pointer[time.Time] }

func newTestClock(t time.Time) *testClock { c := &testClock{}; c.set(t); return c }
func (c *testClock) now() time.Time       { return *c.t.Load() }
func (c *testClock) set(t time.Time)      { c.t.Store(&t) }

var t0 = time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)

// recipients returns "status@statusDatetime" for each recipient of message id.
func recipients(t *testing.T, s *mbemu.Server, id string) string {
	t.Helper()
	_, m := do(t, s, "GET", "/messages/"+id, "")
	var out []string
	for _, it := range m["recipients"].(map[string]any)["items"].([]any) {
		r := it.(map[string]any)
		out = append(out, fmt.Sprint(r["status"], "@", r["statusDatetime"]))
	}
	return fmt.Sprint(out)
}

func TestWithDeliverAfterDeliversOnTheClockNotOnReads(t *testing.T) {
	clock := newTestClock(t0)
	s := start(t, mbemu.WithClock(clock.now), mbemu.WithDeliverAfter(time.Minute), mbemu.WithFailing("+31600000002"))
	_, m := do(t, s, "POST", "/messages", `{"originator":"Bakery","body":"x","recipients":["31600000001","31600000002"]}`)
	id := m["id"].(string)
	for range 3 {
		if got := recipients(t, s, id); got != "[sent@2026-12-07T10:00:00+00:00 sent@2026-12-07T10:00:00+00:00]" {
			t.Fatalf("before a minute: %s", got)
		}
	}
	clock.set(t0.Add(5 * time.Minute))
	if got := recipients(t, s, id); got != "[delivered@2026-12-07T10:01:00+00:00 delivery_failed@2026-12-07T10:01:00+00:00]" {
		t.Errorf("five minutes later: %s, want final statuses dated a minute after sending", got)
	}
}

func TestAScheduledMessageLeavesAtItsTimeThenIsDeliveredAMinuteLater(t *testing.T) {
	clock := newTestClock(t0)
	s := start(t, mbemu.WithClock(clock.now), mbemu.WithDeliverAfter(time.Minute))
	_, m := do(t, s, "POST", "/messages", `{"originator":"Bakery","body":"x","recipients":["31600000001"],"scheduledDatetime":"2026-12-07T12:00:00+01:00"}`)
	id := m["id"].(string)
	if m["scheduledDatetime"] != "2026-12-07T11:00:00+00:00" {
		t.Errorf("scheduledDatetime = %v, want it in UTC", m["scheduledDatetime"])
	}
	steps := []struct {
		at   time.Duration
		want string
	}{
		{59 * time.Minute, "[scheduled@2026-12-07T10:00:00+00:00]"},
		{60*time.Minute + 30*time.Second, "[sent@2026-12-07T11:00:00+00:00]"},
		{62 * time.Minute, "[delivered@2026-12-07T11:01:00+00:00]"},
	}
	for _, step := range steps {
		clock.set(t0.Add(step.at))
		if got := recipients(t, s, id); got != step.want {
			t.Errorf("at +%v: %s, want %s", step.at, got, step.want)
		}
	}
}

func TestAListShowsAScheduledMessageSentOnceItsTimeHasCome(t *testing.T) {
	clock := newTestClock(t0)
	s := start(t, mbemu.WithClock(clock.now))
	do(t, s, "POST", "/messages", `{"originator":"Bakery","body":"x","recipients":["31600000001"],"scheduledDatetime":"2026-12-07T11:00:00Z"}`)
	if _, l := do(t, s, "GET", "/messages?status=scheduled", ""); l["totalCount"] != json.Number("1") {
		t.Errorf("before its time, status=scheduled lists %v", l["totalCount"])
	}
	clock.set(t0.Add(2 * time.Hour))
	if _, l := do(t, s, "GET", "/messages?status=sent", ""); l["totalCount"] != json.Number("1") {
		t.Errorf("after its time, status=sent lists %v", l["totalCount"])
	}
}

func TestCreatedCountsMessagesPerNumberAndBodyDeletedOnesIncluded(t *testing.T) {
	s := start(t)
	for range 2 {
		do(t, s, "POST", "/messages", `{"originator":"Bakery","body":"Hello","recipients":["31600000001","+31600000002"]}`)
	}
	_, m := do(t, s, "POST", "/messages", `{"originator":"Bakery","body":"Other","recipients":["31600000001"]}`)
	do(t, s, "DELETE", "/messages/"+m["id"].(string), "")
	for _, c := range []struct {
		number, body string
		want         int
	}{
		{"+31600000001", "Hello", 2}, {"31600000002", "Hello", 2}, {"+31600000001", "Other", 1},
		{"+31600000003", "Hello", 0}, {"not a number", "Hello", 0},
	} {
		if got := s.Created(c.number, c.body); got != c.want {
			t.Errorf("Created(%q, %q) = %d, want %d", c.number, c.body, got, c.want)
		}
	}
}

func TestWithInvalidDropsTheNumberAndRefusesAMessageLeftWithoutRecipients(t *testing.T) {
	s := start(t, mbemu.WithInvalid("+31600009990"))
	_, m := do(t, s, "POST", "/messages", `{"originator":"Bakery","body":"x","recipients":["31600009990","31600000001"]}`)
	if items := m["recipients"].(map[string]any)["items"].([]any); len(items) != 1 {
		t.Errorf("recipients %v, want the valid one only", items)
	}
	status, body := do(t, s, "POST", "/messages", `{"originator":"Bakery","body":"y","recipients":["+31600009990"]}`)
	if e := firstError(t, body); status != http.StatusUnprocessableEntity || e["code"] != json.Number("9") || e["parameter"] != "recipients" {
		t.Errorf("HTTP %d %v, want 422 code 9 on recipients", status, e)
	}
	if n := s.Created("+31600009990", "y"); n != 0 {
		t.Errorf("Created = %d for a refused number", n)
	}
}

func TestThrottleNextAnswers429WithRetryAfterInWholeSeconds(t *testing.T) {
	s := start(t)
	s.ThrottleNext(1, 1500*time.Millisecond)
	resp, raw, err := post(t.Context(), s, http.DefaultClient, "t")
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 429 || resp.Header.Get("Retry-After") != "2" || len(raw) == 0 {
		t.Errorf("HTTP %d Retry-After %q body %s, want 429, 2 and an API error", resp.StatusCode, resp.Header.Get("Retry-After"), raw)
	}
	s.FailNext(1, 429)
	if resp, _, _ := post(t.Context(), s, http.DefaultClient, "t"); resp.Header.Get("Retry-After") != "" {
		t.Errorf("FailNext(429) sent Retry-After %q", resp.Header.Get("Retry-After"))
	}
	if n := s.AcceptedByReference()["t"]; n != 0 {
		t.Errorf("%d messages created", n)
	}
}

func TestTheDateHeaderFollowsTheEmulatorsClock(t *testing.T) {
	s := start(t, mbemu.WithClock(func() time.Time { return t0 }))
	resp, _, err := post(t.Context(), s, http.DefaultClient, "d")
	if err != nil {
		t.Fatal(err)
	}
	if got := resp.Header.Get("Date"); got != "Mon, 07 Dec 2026 10:00:00 GMT" {
		t.Errorf("Date = %q, want the emulator's clock", got)
	}
}
