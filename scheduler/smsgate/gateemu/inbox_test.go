package gateemu_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"minuit/scheduler/smsgate/gateemu"
)

func TestTheInboxListsSMSNewestFirstWithinFromAndTo(t *testing.T) {
	emu, clk := start(t, gateemu.WithZone(time.UTC))
	now := clk.Now()
	emu.AddInbound("+33611111111", "old", now.Add(-2*time.Hour))
	emu.AddInbound("+33622222222", "STOP", now.Add(-30*time.Minute))
	emu.AddInbound("+33633333333", "START", now.Add(-10*time.Minute))
	emu.AddInbound("+33644444444", "future", now.Add(time.Hour))
	status, h, body := call(t, emu, "GET", "/inbox?from=2026-12-07T09:00:00.000Z&limit=1&offset=1", "", true)
	var got []gateemu.InboxMessage
	if status != 200 || json.Unmarshal([]byte(body), &got) != nil {
		t.Fatalf("inbox = %d %s", status, body)
	}
	if h.Get("X-Total-Count") != "2" || len(got) != 1 || got[0].Sender != "+33622222222" ||
		got[0].ContentPreview != "STOP" || got[0].Type != "SMS" || got[0].CreatedAt != "2026-12-07T09:30:00.000Z" {
		t.Errorf("inbox page = %s (total %s)", body, h.Get("X-Total-Count"))
	}
}

func TestTheInboxRefusesWhatTheAppRefuses(t *testing.T) {
	emu, _ := start(t)
	for query, want := range map[string]string{
		"limit=0":                     "limit must be between 1 and 500",
		"limit=501":                   "limit must be between 1 and 500",
		"offset=-1":                   "offset must be >= 0",
		"type=FAX":                    "Invalid type",
		"from=2026-12-07T09:00:00.5Z": "Invalid from datetime",
		"from=2026-12-07T09:00:00":    "Invalid from datetime",
		"to=2026-12-07":               "Invalid to datetime",
		"from=2026-12-07T12:00:00Z":   "Start date cannot be after end date",
		"from=2026-12-07T10:00:00Z&to=2026-12-07T09:00:00.000+01:00": "Start date cannot be after end date",
	} {
		status, _, body := call(t, emu, "GET", "/inbox?"+strings.ReplaceAll(query, "+", "%2B"), "", true)
		var e struct{ Message string }
		if status != http.StatusBadRequest || json.Unmarshal([]byte(body), &e) != nil || e.Message != want {
			t.Errorf("%s → %d %s, want 400 %q", query, status, body, want)
		}
	}
}

func TestTheMessageListCountsAndPages(t *testing.T) {
	emu, _ := start(t)
	for _, id := range []string{"a", "b", "c"} {
		call(t, emu, "POST", "/messages", strings.Replace(post, `"m1"`, `"`+id+`"`, 1), true)
	}
	status, h, body := call(t, emu, "GET", "/messages?limit=1", "", true)
	if status != 200 || h.Get("X-Total-Count") != "3" || !strings.HasPrefix(body, `[{"id":"c"`) ||
		strings.Contains(body, "textMessage") {
		t.Errorf("list = %d %s (total %s)", status, body, h.Get("X-Total-Count"))
	}
}

func TestASleepingPhoneHoldsMessagesUntilItWakes(t *testing.T) {
	emu, clk := start(t)
	emu.SetAsleep(true)
	call(t, emu, "POST", "/messages", post, true)
	clk.Advance(time.Hour)
	if v, _ := emu.Message("m1"); v.State != "Pending" {
		t.Errorf("asleep an hour: %s, want Pending", v.State)
	}
	emu.SetAsleep(false)
	clk.Advance(time.Minute)
	if v, _ := emu.Message("m1"); v.State != "Delivered" {
		t.Errorf("a minute after waking: %s, want Delivered", v.State)
	}
}
