package gateemu_test

import (
	"errors"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"minuit/scheduler/providertest"
)

func TestInjectedFaultsAreSpentInOrderOnTheNextRequests(t *testing.T) {
	emu, _ := start(t)
	emu.Inject(providertest.FaultThrottle)
	emu.Inject(providertest.FaultServer)
	emu.Inject(providertest.FaultAuth)
	emu.QueueLimitNext(30 * time.Second)
	var got []string
	for range 5 {
		status, h, body := call(t, emu, "POST", "/messages", post, true)
		got = append(got, strings.TrimSpace(strings.Join([]string{http.StatusText(status), h.Get("Retry-After"), body}, " ")))
	}
	want := []string{
		"Too Many Requests 2 Too Many Requests",
		`Internal Server Error  {"message":"failed to handle request"}`,
		"Unauthorized",
		`Service Unavailable 30 {"error":"QueueLimitExceeded","message":"queue limits exceeded: too old pending message: 2026-12-06T08:00:00Z"}`,
		"Accepted",
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("request %d: %q, want %q", i, got[i], want[i])
		}
	}
	if emu.Len() != 1 || emu.PendingFaults() != 0 {
		t.Errorf("%d messages, %d faults left; want 1, 0", emu.Len(), emu.PendingFaults())
	}
	var faults []string
	for _, r := range emu.Requests() {
		faults = append(faults, r.Fault)
	}
	if !slices.Equal(faults, []string{"fail", "fail", "fail", "fail", ""}) {
		t.Errorf("recorded faults %q", faults)
	}
}

func TestADroppedRequestIsProcessedButNeverAnswered(t *testing.T) {
	emu, _ := start(t)
	emu.Inject(providertest.FaultDropAfter)
	req, _ := http.NewRequestWithContext(t.Context(), "POST", emu.URL()+"/messages", strings.NewReader(post))
	req.SetBasicAuth("sms", "Xc8pQ2rT")
	resp, err := http.DefaultClient.Do(req)
	if err == nil {
		resp.Body.Close()
		t.Fatalf("got an answer %d", resp.StatusCode)
	}
	if !errors.Is(err, io.EOF) && !strings.Contains(err.Error(), "EOF") {
		t.Errorf("error %v, want EOF", err)
	}
	if emu.Created("+33612345678", "Bonjour") != 1 {
		t.Error("the dropped POST did not create its message")
	}
}
