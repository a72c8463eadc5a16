package twilioemu_test

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"minuit/scheduler/providertest"
	"minuit/scheduler/twilio/twilioemu"
)

func TestTheListPagesNewestFirstWithTwilioPagingFields(t *testing.T) {
	h := newHarness(t)
	start := h.clock.Now()
	for i := range 120 {
		h.emu.AddInbound("+33611223344", "reply", start.Add(time.Duration(i)*time.Second))
	}
	seen := map[string]bool{}
	var last time.Time
	path := account + "/Messages.json?PageSize=50&To=" + url.QueryEscape(twilioemu.DefaultNumber)
	for page := 0; ; page++ {
		status, _, body := h.do("GET", path, nil)
		if status != 200 || body["page"] != float64(page) || body["page_size"] != float64(50) ||
			!strings.HasPrefix(body["first_page_uri"].(string), account+"/Messages.json?") {
			t.Fatalf("page %d: %d %v", page, status, body)
		}
		msgs := body["messages"].([]any)
		for _, raw := range msgs {
			m := raw.(map[string]any)
			at, _ := time.Parse(twilioemu.RFC2822, m["date_sent"].(string))
			if seen[m["sid"].(string)] || (!last.IsZero() && at.After(last)) || m["direction"] != "inbound" || m["status"] != "received" {
				t.Fatalf("page %d: %v out of order or repeated", page, m)
			}
			seen[m["sid"].(string)], last = true, at
		}
		if (page > 0) != (body["previous_page_uri"] != nil) {
			t.Errorf("page %d: previous_page_uri %v", page, body["previous_page_uri"])
		}
		next, _ := body["next_page_uri"].(string)
		if next == "" {
			if page != 2 || len(msgs) != 20 {
				t.Errorf("last page %d with %d messages, want page 2 with 20", page, len(msgs))
			}
			break
		}
		if !strings.Contains(next, "PageToken=PASM") || !strings.Contains(next, "To=") {
			t.Errorf("next_page_uri %q", next)
		}
		path = next
	}
	if len(seen) != 120 {
		t.Errorf("saw %d messages, want 120", len(seen))
	}
	status, _, body := h.do("GET", account+"/Messages.json?PageSize=1001", nil)
	wantError(t, status, body, 400, 20001)
}

func TestDateSentFiltersByDayAndLeavesOutMessagesNotSent(t *testing.T) {
	h := newHarness(t)
	h.emu.AddInbound("+33611223344", "yesterday", providertest.Start.Add(-24*time.Hour))
	h.emu.AddInbound("+33611223344", "today", providertest.Start.Add(-time.Hour))
	h.send("+33612345678", "sent")
	h.send("+33612345678", "scheduled", "From", "", "MessagingServiceSid", twilioemu.DefaultServiceSID,
		"ScheduleType", "fixed", "SendAt", providertest.Start.Add(time.Hour).Format(time.RFC3339))
	count := func(query string) []string {
		_, _, body := h.do("GET", account+"/Messages.json?"+query, nil)
		var out []string
		for _, m := range body["messages"].([]any) {
			out = append(out, m.(map[string]any)["body"].(string))
		}
		return out
	}
	if got := count("DateSent%3E=2026-12-07T09:30:00Z"); strings.Join(got, ",") != "sent,today" {
		t.Errorf("DateSent> the same day: %v, want the sent message and today's reply", got)
	}
	if got := count("DateSent%3C=2026-12-06"); strings.Join(got, ",") != "yesterday" {
		t.Errorf("DateSent< the day before: %v", got)
	}
	if got := count("DateSent=2026-12-07"); len(got) != 2 {
		t.Errorf("DateSent the day: %v", got)
	}
	if got := count("To=%2B33612345678"); strings.Join(got, ",") != "scheduled,sent" {
		t.Errorf("To only: %v, want the unsent one first", got)
	}
	if got := count("From=%2B33611223344"); len(got) != 2 {
		t.Errorf("From: %v", got)
	}
}

func TestInjectedFaultsAnswerLikeTwilioAndCreateNothingButADrop(t *testing.T) {
	h := newHarness(t)
	h.emu.Inject(providertest.FaultThrottle)
	form := url.Values{"To": {"+33612345678"}, "Body": {"x"}, "From": {twilioemu.DefaultNumber}}
	status, header, body := h.do("POST", account+"/Messages.json", form)
	wantError(t, status, body, 429, 20429)
	if header.Get("Retry-After") != "1" {
		t.Errorf("Retry-After %q", header.Get("Retry-After"))
	}
	h.emu.Inject(providertest.FaultServer)
	status, _, body = h.do("POST", account+"/Messages.json", form)
	wantError(t, status, body, 500, 20500)
	h.emu.Inject(providertest.FaultAuth)
	status, _, body = h.do("GET", account+"/Balance.json", nil)
	wantError(t, status, body, 401, 20003)
	if n := h.emu.Created("+33612345678", "x"); n != 0 {
		t.Errorf("faults created %d messages", n)
	}

	h.emu.Inject(providertest.FaultDropAfter)
	req, _ := http.NewRequest("POST", h.emu.URL()+account+"/Messages.json", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(h.user, h.pass)
	if resp, err := http.DefaultClient.Do(req); err == nil {
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		t.Errorf("a dropped request was answered %d", resp.StatusCode)
	}
	if n := h.emu.Created("+33612345678", "x"); n != 1 {
		t.Errorf("the dropped request created %d messages, want 1", n)
	}
	faults := ""
	for _, r := range h.emu.Requests() {
		faults += r.Fault + ","
	}
	if faults != "error,error,error,drop," || h.emu.PendingFaults() != 0 {
		t.Errorf("recorded faults %q", faults)
	}
	if r := h.emu.Requests()[0]; r.Form.Get("To") != "+33612345678" || r.User != twilioemu.DefaultAccountSID || !r.Authorized {
		t.Errorf("recorded request %+v", r)
	}
}
