package brevoemu_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"testing"

	"minuit/scheduler/brevo/brevoemu"
	"minuit/scheduler/providertest"
)

func TestInjectedFaultsAnswerAsBrevoDoesAndCreateNothing(t *testing.T) {
	emu, _ := newEmu(t)
	emu.Inject(providertest.FaultThrottle)
	a := send(t, emu, sms("33612345678", "t"))
	wantError(t, a, http.StatusTooManyRequests, "too_many_requests", "")
	if a.header.Get("x-sib-ratelimit-reset") != "2" || a.header.Get("x-sib-ratelimit-remaining") != "0" || a.header.Get("Retry-After") != "" {
		t.Errorf("429 headers = %v, want reset 2, remaining 0 and no Retry-After", a.header)
	}
	emu.Inject(providertest.FaultServer)
	if a := send(t, emu, sms("33612345678", "s")); a.status != http.StatusInternalServerError {
		t.Errorf("server fault: %d", a.status)
	}
	emu.Inject(providertest.FaultAuth)
	wantError(t, send(t, emu, sms("33612345678", "a")), http.StatusUnauthorized, "unauthorized", "Key not found")
	if n := len(emu.Messages()); n != 0 || emu.PendingFaults() != 0 {
		t.Errorf("%d messages, %d faults left; want none", n, emu.PendingFaults())
	}
	recs := emu.Requests()
	if recs[0].Fault != "error" || recs[0].Send == nil || recs[0].Send.Tag[0] != "t" {
		t.Errorf("first request recorded as %+v", recs[0])
	}
}

func TestADropAfterCreatesTheMessageAndAnswersNothing(t *testing.T) {
	emu, _ := newEmu(t)
	emu.Inject(providertest.FaultDropAfter)
	resp, err := http.DefaultClient.Do(jsonRequest(t, emu.URL()+"/transactionalSMS/send", sms("33612345678", "d")))
	if err == nil {
		resp.Body.Close()
		t.Errorf("the dropped request was answered %d", resp.StatusCode)
	}
	if emu.Created("+33612345678", "Bonjour") != 1 {
		t.Error("the dropped request created nothing")
	}
}

func TestAHeldRequestIsReleasedByClose(t *testing.T) {
	arrived := make(chan struct{}, 1)
	emu := brevoemu.New(brevoemu.WithOnRequest(func(brevoemu.Request) { arrived <- struct{}{} }))
	emu.Hang()
	errc := make(chan error, 1)
	go func() {
		resp, err := http.DefaultClient.Do(jsonRequest(t, emu.URL()+"/transactionalSMS/send", sms("33612345678", "h")))
		if err == nil {
			resp.Body.Close()
		}
		errc <- err
	}()
	<-arrived
	emu.Close()
	if err := <-errc; err == nil {
		t.Error("the held request got an answer")
	}
	if len(emu.Messages()) != 1 {
		t.Error("the held request was not processed")
	}
}

func TestRateHeadersComeWithEveryAnswerAndTheLimitIsEnforcedOnRequest(t *testing.T) {
	emu, _ := newEmu(t)
	a := do(t, "GET", emu.URL()+"/account", brevoemu.DefaultAPIKey, nil)
	if a.header.Get("x-sib-ratelimit-limit") != "150" || a.header.Get("x-sib-ratelimit-remaining") == "" || a.header.Get("x-sib-ratelimit-reset") != "1" {
		t.Errorf("headers = %v", a.header)
	}
	strict, _ := newEmu(t, brevoemu.WithRateLimit(1))
	refused := 0
	for range 3 {
		if do(t, "GET", strict.URL()+"/account", brevoemu.DefaultAPIKey, nil).status == http.StatusTooManyRequests {
			refused++
		}
	}
	if refused == 0 {
		t.Error("three requests at once passed a limit of one a second")
	}
}

// jsonRequest is a POST of body with the default key.
func jsonRequest(t *testing.T, url string, body map[string]any) *http.Request {
	t.Helper()
	b, _ := json.Marshal(body)
	req, err := http.NewRequestWithContext(t.Context(), "POST", url, bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("api-key", brevoemu.DefaultAPIKey)
	req.Header.Set("content-type", "application/json")
	return req
}
