package twilioemu_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"minuit/scheduler/providertest"
	"minuit/scheduler/twilio/twilioemu"
)

type harness struct {
	t     *testing.T
	emu   *twilioemu.Server
	clock *providertest.Clock
	user  string
	pass  string
}

func newHarness(t *testing.T, opts ...twilioemu.Option) *harness {
	c := providertest.NewClock(providertest.Start)
	emu := twilioemu.New(append([]twilioemu.Option{twilioemu.WithClock(c.Now)}, opts...)...)
	t.Cleanup(emu.Close)
	return &harness{t: t, emu: emu, clock: c, user: twilioemu.DefaultAccountSID, pass: twilioemu.DefaultAuthToken}
}

const account = "/2010-04-01/Accounts/" + twilioemu.DefaultAccountSID

// do makes a request and decodes its JSON answer.
func (h *harness) do(method, path string, form url.Values) (int, http.Header, map[string]any) {
	h.t.Helper()
	var body *strings.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	} else {
		body = strings.NewReader("")
	}
	req, err := http.NewRequestWithContext(h.t.Context(), method, h.emu.URL()+path, body)
	if err != nil {
		h.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if h.user != "" {
		req.SetBasicAuth(h.user, h.pass)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		h.t.Fatalf("%s %s: answer is not JSON: %v", method, path, err)
	}
	return resp.StatusCode, resp.Header, out
}

func (h *harness) send(to, body string, extra ...string) (int, map[string]any) {
	h.t.Helper()
	form := url.Values{"To": {to}, "Body": {body}, "From": {twilioemu.DefaultNumber}}
	for i := 0; i+1 < len(extra); i += 2 {
		if extra[i+1] == "" {
			form.Del(extra[i])
		} else {
			form.Set(extra[i], extra[i+1])
		}
	}
	status, _, out := h.do("POST", account+"/Messages.json", form)
	return status, out
}

// wantError checks Twilio's error body.
func wantError(t *testing.T, status int, body map[string]any, wantStatus, code int) {
	t.Helper()
	if status != wantStatus || body["code"] != float64(code) || body["status"] != float64(wantStatus) ||
		body["message"] == "" || body["more_info"] != "https://www.twilio.com/docs/errors/"+itoa(code) {
		t.Errorf("answer %d %v, want %d with code %d", status, body, wantStatus, code)
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

var (
	sidRE  = regexp.MustCompile(`^SM[0-9a-f]{32}$`)
	dateRE = regexp.MustCompile(`^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d \+0000$`)
)

func TestACreatedMessageHasTwilioFieldsThenIsSentAndDelivered(t *testing.T) {
	h := newHarness(t)
	status, m := h.send("+33612345678", "Bonjour", "ValidityPeriod", "600")
	if status != http.StatusCreated {
		t.Fatalf("create answered %d %v", status, m)
	}
	sid, _ := m["sid"].(string)
	if !sidRE.MatchString(sid) || m["status"] != "queued" || m["direction"] != "outbound-api" ||
		m["date_created"] != "Mon, 07 Dec 2026 10:00:00 +0000" || m["date_sent"] != nil || m["error_code"] != nil ||
		m["error_message"] != nil || m["num_segments"] != "1" || m["price"] != nil || m["api_version"] != "2010-04-01" ||
		m["account_sid"] != twilioemu.DefaultAccountSID || m["from"] != twilioemu.DefaultNumber || m["to"] != "+33612345678" ||
		m["messaging_service_sid"] != nil || m["uri"] != account+"/Messages/"+sid+".json" {
		t.Errorf("created message %v", m)
	}
	_, _, m = h.do("GET", account+"/Messages/"+sid+".json", nil)
	if m["status"] != "sent" || m["date_sent"] != "Mon, 07 Dec 2026 10:00:00 +0000" || m["price"] == nil {
		t.Errorf("read at once: %v, want sent", m)
	}
	h.clock.Advance(time.Minute)
	_, _, m = h.do("GET", account+"/Messages/"+sid+".json", nil)
	if m["status"] != "delivered" || !dateRE.MatchString(m["date_updated"].(string)) || m["date_updated"] != "Mon, 07 Dec 2026 10:01:00 +0000" {
		t.Errorf("a minute later: %v, want delivered", m)
	}
	if got, _ := h.emu.Message(sid); got.Validity != 600 || got.Status != "delivered" {
		t.Errorf("emulator holds %+v", got)
	}
}

func TestAMessagingServiceSendIsAcceptedWithoutSenderThenGetsTheNumber(t *testing.T) {
	h := newHarness(t)
	status, m := h.send("+33612345678", "Bonjour", "From", "", "MessagingServiceSid", twilioemu.DefaultServiceSID)
	if status != http.StatusCreated || m["status"] != "accepted" || m["from"] != nil || m["num_segments"] != "0" ||
		m["messaging_service_sid"] != twilioemu.DefaultServiceSID {
		t.Errorf("created %d %v", status, m)
	}
	_, _, m = h.do("GET", account+"/Messages/"+m["sid"].(string)+".json", nil)
	if m["from"] != twilioemu.DefaultNumber || m["num_segments"] != "1" {
		t.Errorf("read: %v", m)
	}
}

func TestCredentialsAreCheckedWithBasicAuth(t *testing.T) {
	h := newHarness(t)
	for _, c := range []struct{ user, pass string }{{"", ""}, {twilioemu.DefaultAccountSID, "wrong"}, {twilioemu.DefaultAPIKeySID, twilioemu.DefaultAuthToken}} {
		h.user, h.pass = c.user, c.pass
		status, header, body := h.do("GET", account+"/Balance.json", nil)
		wantError(t, status, body, 401, 20003)
		if header.Get("WWW-Authenticate") == "" {
			t.Errorf("401 without WWW-Authenticate")
		}
	}
	h.user, h.pass = twilioemu.DefaultAPIKeySID, twilioemu.DefaultAPISecret
	status, _, body := h.do("GET", account+"/Balance.json", nil)
	if status != 200 || body["balance"] != "12.34" || body["currency"] != "USD" || body["account_sid"] != twilioemu.DefaultAccountSID {
		t.Errorf("balance with the API key: %d %v", status, body)
	}
	status, _, body = h.do("GET", "/2010-04-01/Accounts/ACother/Balance.json", nil)
	wantError(t, status, body, 404, 20404)
	status, _, body = h.do("DELETE", account+"/Messages.json", nil)
	wantError(t, status, body, 405, 20004)
	if r := h.emu.Requests()[0]; r.User != "" || r.Authorized || r.Path != account+"/Balance.json" {
		t.Errorf("first request recorded as %+v", r)
	}
}

func TestSendErrorsCarryTwilioCodes(t *testing.T) {
	h := newHarness(t)
	long := strings.Repeat("a", 1601)
	for _, c := range []struct {
		to, body string
		extra    []string
		status   int
		code     int
	}{
		{"", "x", nil, 400, 21604},
		{"+33612345678", "", nil, 400, 21602},
		{"+33612345678", "x", []string{"From", ""}, 400, 21603},
		{"+33612349990", "x", nil, 400, 21211},
		{"0612345678", "x", nil, 400, 21211},
		{"+33612349994", "x", nil, 400, 21610},
		{"+33612345678", "x", []string{"From", "+33700000000"}, 400, 21606},
		{"+33612345678", "x", []string{"From", "Ma-Boutique!"}, 400, 21212},
		{"+33612345678", long, nil, 400, 21617},
		{"+33612345678", "x", []string{"MessagingServiceSid", "MG123"}, 400, 21705},
		{"+33612345678", "x", []string{"MessagingServiceSid", "MG00000000000000000000000000000000"}, 404, 21701},
		{"+33612345678", "x", []string{"ValidityPeriod", "36001"}, 400, 20001},
	} {
		status, body := h.send(c.to, c.body, c.extra...)
		wantError(t, status, body, c.status, c.code)
	}
	if n := len(h.emu.Messages()); n != 0 {
		t.Errorf("refused sends created %d messages", n)
	}
	if status, _ := h.send("+33612345678", "x", "From", "MaBoutique"); status != 201 {
		t.Errorf("a sender name was refused: %d", status)
	}
}

func TestSchedulingNeedsAServiceAndAWindowOf15MinutesTo35Days(t *testing.T) {
	h := newHarness(t)
	at := func(d time.Duration) string { return providertest.Start.Add(d).Format(time.RFC3339) }
	svc := []string{"MessagingServiceSid", twilioemu.DefaultServiceSID, "ScheduleType", "fixed"}
	for _, c := range []struct {
		sendAt string
		code   int
	}{{at(10 * time.Minute), 35114}, {at(36 * 24 * time.Hour), 35115}, {"tomorrow", 35115}, {"", 35111}} {
		status, body := h.send("+33612345678", "x", append(svc, "SendAt", c.sendAt)...)
		wantError(t, status, body, 400, c.code)
	}
	status, m := h.send("+33612345678", "later", append(svc, "SendAt", at(15*time.Minute))...)
	if status != 201 || m["status"] != "scheduled" {
		t.Fatalf("a send 15 minutes ahead: %d %v", status, m)
	}
	sid := m["sid"].(string)
	status, m = h.send("+33612345678", "now", "ScheduleType", "fixed", "SendAt", at(time.Hour))
	if status != 201 || m["status"] != "queued" {
		t.Errorf("SendAt without a service: %d %v, want sent at once", status, m)
	}
	status, _, m = h.do("POST", account+"/Messages/"+sid+".json", url.Values{"Status": {"canceled"}, "Body": {""}})
	wantError(t, status, m, 400, 30400)
	_, _, m = h.do("POST", account+"/Messages/"+sid+".json", url.Values{"Status": {"canceled"}})
	if m["status"] != "canceled" || m["date_sent"] != nil {
		t.Errorf("cancel: %v", m)
	}
	status, _, m = h.do("POST", account+"/Messages/"+m["sid"].(string)+".json", url.Values{"Status": {"canceled"}})
	if status != 200 || m["status"] != "canceled" {
		t.Errorf("cancelling again: %d %v", status, m)
	}
	_, m = h.send("+33612345678", "later", append(svc, "SendAt", at(time.Hour))...)
	h.clock.Advance(time.Hour)
	status, _, m = h.do("POST", account+"/Messages/"+m["sid"].(string)+".json", url.Values{"Status": {"canceled"}})
	wantError(t, status, m, 400, 30409)
}

func TestAFailingNumberEndsUndeliveredWithItsCode(t *testing.T) {
	h := newHarness(t, twilioemu.WithFailure("+33600000007", 30007))
	_, a := h.send("+33612349991", "x")
	_, b := h.send("+33600000007", "x")
	h.clock.Advance(time.Minute)
	for sid, code := range map[string]float64{a["sid"].(string): 30003, b["sid"].(string): 30007} {
		_, _, m := h.do("GET", account+"/Messages/"+sid+".json", nil)
		if m["status"] != "undelivered" || m["error_code"] != code || m["error_message"] == nil {
			t.Errorf("%v, want undelivered with %v", m, code)
		}
	}
}
