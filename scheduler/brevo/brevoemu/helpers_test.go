package brevoemu_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"testing"
	"time"

	"minuit/scheduler/brevo/brevoemu"
	"minuit/scheduler/providertest"
)

var start = time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)

// newEmu starts an emulator on a clock at start.
func newEmu(t *testing.T, opts ...brevoemu.Option) (*brevoemu.Server, *providertest.Clock) {
	t.Helper()
	c := providertest.NewClock(start)
	emu := brevoemu.New(append([]brevoemu.Option{brevoemu.WithClock(c.Now)}, opts...)...)
	t.Cleanup(emu.Close)
	return emu, c
}

// answer is a decoded HTTP answer.
type answer struct {
	status int
	header http.Header
	body   []byte
}

func (a answer) json(t *testing.T) map[string]any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal(a.body, &v); err != nil {
		t.Fatalf("answer %d %q is not a JSON object: %v", a.status, a.body, err)
	}
	return v
}

// do sends a request with the default key (key "" sends none).
func do(t *testing.T, method, url, key string, body any) answer {
	t.Helper()
	var r io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		r = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(t.Context(), method, url, r)
	if err != nil {
		t.Fatal(err)
	}
	if key != "" {
		req.Header.Set("api-key", key)
	}
	req.Header.Set("accept", "application/json")
	if body != nil {
		req.Header.Set("content-type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return answer{status: resp.StatusCode, header: resp.Header, body: data}
}

func send(t *testing.T, emu *brevoemu.Server, body map[string]any) answer {
	t.Helper()
	return do(t, "POST", emu.URL()+"/transactionalSMS/send", brevoemu.DefaultAPIKey, body)
}

func sms(to, tag string) map[string]any {
	return map[string]any{"sender": "Boutique", "recipient": to, "content": "Bonjour", "type": "transactional", "tag": tag}
}

// wantError checks an error answer's status and Brevo body.
func wantError(t *testing.T, a answer, status int, code, message string) {
	t.Helper()
	if a.status != status {
		t.Errorf("status = %d, want %d (%s)", a.status, status, a.body)
		return
	}
	v := a.json(t)
	if v["code"] != code || (message != "" && v["message"] != message) {
		t.Errorf("error body = %s, want code %q message %q", a.body, code, message)
	}
}
