package birdemu_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"minuit/scheduler/bird/birdemu"
	"minuit/scheduler/providertest"
)

func start(t *testing.T, opts ...birdemu.Option) *birdemu.Server {
	t.Helper()
	s := birdemu.New(opts...)
	t.Cleanup(s.Close)
	return s
}

// call is one raw request; headers override the defaults (key, User-Agent).
type call struct {
	method, path, body string
	header             map[string]string
}

type answer struct {
	status int
	header http.Header
	raw    []byte
	json   map[string]any
}

func do(t *testing.T, s *birdemu.Server, c call) answer {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), c.method, s.URL()+c.path, strings.NewReader(c.body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+birdemu.DefaultKey)
	req.Header.Set("User-Agent", "emulator-test")
	if c.body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range c.header {
		req.Header[http.CanonicalHeaderKey(k)] = []string{v}
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", c.method, c.path, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	a := answer{status: resp.StatusCode, header: resp.Header, raw: raw}
	if len(raw) > 0 && json.Unmarshal(raw, &a.json) != nil {
		t.Fatalf("%s %s: HTTP %d body %q is not a JSON object", c.method, c.path, resp.StatusCode, raw)
	}
	return a
}

// send posts a message to `to` with the given Idempotency-Key ("" for none).
func send(t *testing.T, s *birdemu.Server, to, text, key string) answer {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"to": to, "from": "Shop", "text": text, "category": "transactional",
		"tags": []map[string]string{{"name": "minuit_ref", "value": "r1"}}, "metadata": map[string]string{"k": "v"}})
	c := call{method: "POST", path: "/v1/sms/messages", body: string(body)}
	if key != "" {
		c.header = map[string]string{"Idempotency-Key": key}
	}
	return do(t, s, c)
}

// errorOf returns the fields of an {"error":{…}} answer.
func errorOf(t *testing.T, a answer) map[string]any {
	t.Helper()
	e, ok := a.json["error"].(map[string]any)
	if !ok {
		t.Fatalf("HTTP %d %s is not an error envelope", a.status, a.raw)
	}
	for _, k := range []string{"type", "code", "name", "message", "doc_url", "request_id"} {
		if v, _ := e[k].(string); v == "" {
			t.Errorf("error envelope without %s: %s", k, a.raw)
		}
	}
	return e
}

func wantError(t *testing.T, a answer, status int, typ, code, param string) {
	t.Helper()
	if a.status != status {
		t.Fatalf("HTTP %d %s, want %d", a.status, a.raw, status)
	}
	e := errorOf(t, a)
	if e["type"] != typ || (code != "" && e["code"] != code) || (param != "" && e["param"] != param) {
		t.Errorf("error %s, want type %s code %s param %s", a.raw, typ, code, param)
	}
}

func newClock() *providertest.Clock { return providertest.NewClock(providertest.Start) }
