package gateemu_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"minuit/scheduler/providertest"
	"minuit/scheduler/smsgate/gateemu"
)

func start(t *testing.T, opts ...gateemu.Option) (*gateemu.Server, *providertest.Clock) {
	t.Helper()
	clk := providertest.NewClock(providertest.Start)
	emu := gateemu.New(append([]gateemu.Option{gateemu.WithClock(clk.Now)}, opts...)...)
	t.Cleanup(emu.Close)
	return emu, clk
}

// call sends one request with the default credentials (auth false: none) and
// returns the status, the headers and the body.
func call(t *testing.T, emu *gateemu.Server, method, path, body string, auth bool) (int, http.Header, string) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, emu.URL()+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if auth {
		req.SetBasicAuth(gateemu.DefaultUser, gateemu.DefaultPassword)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(b)
}

const post = `{"id":"m1","textMessage":{"text":"Bonjour"},"phoneNumbers":["+33612345678"],"withDeliveryReport":true}`

func TestThePostAnswerIsTheAppsMessageJSON(t *testing.T) {
	emu, _ := start(t)
	status, h, body := call(t, emu, "POST", "/message", post, true)
	want := `{"id":"m1","deviceId":"` + gateemu.DeviceID + `","state":"Pending","isHashed":false,"isEncrypted":false,` +
		`"textMessage":{"text":"Bonjour"},"recipients":[{"phoneNumber":"+33612345678","state":"Pending"}],` +
		`"states":{"Pending":"2026-12-07T11:00:00.000+01:00"}}`
	if status != http.StatusAccepted || strings.TrimSpace(body) != want {
		t.Errorf("POST = %d %s\nwant 202 %s", status, body, want)
	}
	if d := h.Get("Date"); d != "Mon, 07 Dec 2026 10:00:00 GMT" {
		t.Errorf("Date %q does not follow the emulator's clock", d)
	}
	if emu.Created("+33612345678", "Bonjour") != 1 {
		t.Error("Created does not count the message")
	}
}

func TestADuplicateIDIsRefusedWith409AndTheMessageIsNotReturned(t *testing.T) {
	for _, opt := range []gateemu.Option{gateemu.WithZone(time.UTC), gateemu.WithCloud()} {
		emu, _ := start(t, opt)
		call(t, emu, "POST", "/messages", post, true)
		status, _, body := call(t, emu, "POST", "/messages", post, true)
		if status != http.StatusConflict || !strings.Contains(strings.ToLower(body), `"message":"message with the same id already exists"`) {
			t.Errorf("duplicate = %d %s", status, body)
		}
		if emu.Len() != 1 {
			t.Errorf("%d messages held, want 1", emu.Len())
		}
	}
}

func TestTheAppsRefusalsCarryItsMessages(t *testing.T) {
	emu, _ := start(t)
	for body, want := range map[string]string{
		`{"phoneNumbers":["+33612345678"]}`:                                                              "Must specify exactly one of: textMessage, dataMessage, or message",
		`{"textMessage":{"text":""},"phoneNumbers":["+33612345678"]}`:                                    "Text message is empty",
		`{"textMessage":{"text":"x"},"phoneNumbers":[]}`:                                                 "Empty phone numbers list",
		`{"textMessage":{"text":"x"},"phoneNumbers":["1"],"simNumber":0}`:                                "SIM number cannot be less than 1",
		`{"textMessage":{"text":"x"},"phoneNumbers":["1"],"scheduleAt":"2026-12-07T09:59:00Z"}`:          "scheduleAt must be in the future",
		`{"textMessage":{"text":"x"},"phoneNumbers":["1"],"ttl":60,"validUntil":"2027-01-01T00:00:00Z"}`: "fields conflict: ttl and validUntil",
		`{"textMessage":{"text":"x"},"phoneNumbers":["1"],"validUntil":"2026-12-07T09:00:00Z"}`:          "message already expired",
	} {
		status, _, got := call(t, emu, "POST", "/messages", body, true)
		if status != http.StatusBadRequest || !strings.Contains(got, `"message":"`+want+`"`) {
			t.Errorf("%s → %d %s, want 400 %q", body, status, got, want)
		}
	}
	if emu.Len() != 0 {
		t.Errorf("refused requests created %d messages", emu.Len())
	}
}

func TestTheCloudChecksNumbersWhenItTakesAMessage(t *testing.T) {
	emu, _ := start(t, gateemu.WithCloud())
	body := strings.Replace(post, "+33612345678", "+33612349990", 1)
	if status, _, got := call(t, emu, "POST", "/messages", body, true); status != 400 || !strings.Contains(got, "invalid phone number") {
		t.Errorf("cloud, 9990: %d %s", status, got)
	}
	local, _ := start(t)
	if status, _, _ := call(t, local, "POST", "/messages", body, true); status != http.StatusAccepted {
		t.Errorf("the phone refused a number at once (%d): it checks them only when sending", status)
	}
	v, _ := local.Message("m1")
	if v.State != "Failed" || v.Recipients[0].Error != gateemu.ErrInvalidNumber {
		t.Errorf("the phone's view: %+v", v)
	}
}

func TestCredentialsAreCheckedExceptForHealth(t *testing.T) {
	emu, _ := start(t)
	status, h, body := call(t, emu, "GET", "/messages/m1", "", false)
	if status != 401 || body != "" || !strings.HasPrefix(h.Get("WWW-Authenticate"), `Basic realm="Access to SMS Gateway"`) {
		t.Errorf("no credentials: %d %q %v", status, body, h)
	}
	status, _, body = call(t, emu, "GET", "/health", "", false)
	var health struct{ Status, Version string }
	if status != 200 || json.Unmarshal([]byte(body), &health) != nil || health.Status != "pass" {
		t.Errorf("health: %d %s", status, body)
	}
	if rs := emu.Requests(); rs[0].Authorized || rs[1].Authorized {
		t.Error("requests without credentials recorded as authorized")
	}
}

func TestAMessageLeavesAtItsTimeAndIsDeliveredAMinuteLater(t *testing.T) {
	emu, clk := start(t, gateemu.WithZone(time.UTC))
	body := strings.Replace(post, `"withDeliveryReport":true`, `"scheduleAt":"2026-12-07T11:00:00Z"`, 1)
	call(t, emu, "POST", "/messages", body, true)
	states := []string{}
	for _, d := range []time.Duration{0, time.Hour, time.Minute} {
		clk.Advance(d)
		v, _ := emu.Message("m1")
		states = append(states, v.State)
		if v.ScheduleAt != "2026-12-07T11:00:00.000Z" {
			t.Errorf("scheduleAt %q", v.ScheduleAt)
		}
	}
	if got := strings.Join(states, " "); got != "Pending Sent Delivered" {
		t.Errorf("states %s, want Pending Sent Delivered", got)
	}
	v, _ := emu.Message("m1")
	if v.States["Delivered"] != "2026-12-07T11:01:00.000Z" || v.States["Sent"] != "2026-12-07T11:00:00.000Z" {
		t.Errorf("states map %v", v.States)
	}
}

func TestCancelWorksOnlyWhilePending(t *testing.T) {
	for _, cloud := range []bool{false, true} {
		opts := []gateemu.Option{}
		if cloud {
			opts = append(opts, gateemu.WithCloud())
		}
		emu, _ := start(t, opts...)
		later := strings.Replace(post, `"id":"m1"`, `"id":"m2","scheduleAt":"2026-12-08T10:00:00Z"`, 1)
		call(t, emu, "POST", "/messages", post, true)
		call(t, emu, "POST", "/messages", later, true)
		status, _, body := call(t, emu, "DELETE", "/messages/m2", "", true)
		wantState := map[bool]string{false: `"state":"Cancelled"`, true: `"state":"Cancelling"`}[cloud]
		if status != 200 || !strings.Contains(body, wantState) {
			t.Errorf("cloud %v: cancel pending = %d %s", cloud, status, body)
		}
		status, _, body = call(t, emu, "DELETE", "/messages/m1", "", true)
		wantStatus := map[bool]int{false: 400, true: 409}[cloud]
		if status != wantStatus || !strings.Contains(strings.ToLower(body), "pending") {
			t.Errorf("cloud %v: cancel sent = %d %s, want %d", cloud, status, body, wantStatus)
		}
		if status, _, _ := call(t, emu, "DELETE", "/messages/zz", "", true); status != 404 {
			t.Errorf("cloud %v: cancel unknown = %d, want 404", cloud, status)
		}
	}
}
