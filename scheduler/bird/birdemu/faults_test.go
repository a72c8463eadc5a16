package birdemu_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"minuit/scheduler/bird/birdemu"
	"minuit/scheduler/providertest"
)

func TestInjectedFaultsAnswerBeforeProcessingAndCreateNothing(t *testing.T) {
	s := start(t)
	for _, c := range []struct {
		f      providertest.Fault
		status int
		typ    string
	}{
		{providertest.FaultThrottle, 429, "rate_limit_error"},
		{providertest.FaultServer, 500, "internal_error"},
		{providertest.FaultAuth, 401, "auth_error"},
	} {
		s.Inject(c.f)
		a := send(t, s, "+33612345678", "hi", "k-"+c.f.String())
		wantError(t, a, c.status, c.typ, "", "")
		if c.f == providertest.FaultThrottle {
			if n, err := strconv.Atoi(a.header.Get("Retry-After")); err != nil || n < 1 {
				t.Errorf("Retry-After %q, want at least 1 s", a.header.Get("Retry-After"))
			}
		}
	}
	if n := s.Created("+33612345678", "hi"); n != 0 || s.PendingFaults() != 0 {
		t.Errorf("Created %d, pending faults %d", n, s.PendingFaults())
	}
	if a := send(t, s, "+33612345678", "hi", ""); a.status != 202 {
		t.Errorf("after the faults: HTTP %d", a.status)
	}
}

func TestADropAfterProcessingCreatesTheMessageAndClosesTheConnection(t *testing.T) {
	s := start(t)
	s.Inject(providertest.FaultDropAfter)
	req, _ := http.NewRequestWithContext(t.Context(), "POST", s.URL()+"/v1/sms/messages",
		strings.NewReader(`{"to":"+33612345678","from":"Shop","text":"hi","category":"marketing"}`))
	req.Header.Set("Authorization", "Bearer "+birdemu.DefaultKey)
	req.Header.Set("User-Agent", "t")
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
		t.Fatalf("the dropped request got HTTP %d", resp.StatusCode)
	}
	if n := s.Created("+33612345678", "hi"); n != 1 {
		t.Errorf("Created = %d, want 1", n)
	}
	if r := s.Requests()[0]; r.Fault != "drop" || r.Send == nil || r.Send.To != "+33612345678" {
		t.Errorf("recorded %+v", r)
	}
}

func TestFailNextSendsTheGivenErrorOrARawBody(t *testing.T) {
	s := start(t)
	s.FailNext(402, birdemu.APIError{Type: "billing_error", Code: "E03001", Name: "InsufficientBalance",
		Message: "No balance.", Details: []birdemu.Detail{{Param: "wallet", Message: "empty"}}}, "")
	a := send(t, s, "+33612345678", "hi", "")
	wantError(t, a, 402, "billing_error", "E03001", "")
	if d := errorOf(t, a)["details"].([]any); len(d) != 1 {
		t.Errorf("details %v", d)
	}
	s.FailNextRaw(502, "Bad gateway")
	req, _ := http.NewRequestWithContext(t.Context(), "GET", s.URL()+"/v1/sms/messages", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 502 || resp.Header.Get("Content-Type") != "text/plain; charset=utf-8" {
		t.Errorf("raw fault: HTTP %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
}

func TestThePathPrefixIsServedAndNothingOutsideIt(t *testing.T) {
	s := start(t, birdemu.WithPathPrefix("/bird/"))
	if !strings.HasSuffix(s.URL(), "/bird") {
		t.Fatalf("URL %s", s.URL())
	}
	if a := do(t, s, call{method: "GET", path: "/v1/sms/messages"}); a.status != 200 {
		t.Errorf("under the prefix: HTTP %d", a.status)
	}
	req, _ := http.NewRequestWithContext(t.Context(), "GET", strings.TrimSuffix(s.URL(), "/bird")+"/v1/sms/messages", nil)
	req.Header.Set("Authorization", "Bearer "+birdemu.DefaultKey)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 404 {
		t.Errorf("outside the prefix: HTTP %d", resp.StatusCode)
	}
}
