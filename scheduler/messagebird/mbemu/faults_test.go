package mbemu_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"minuit/scheduler/messagebird/mbemu"
)

// post sends createBody with reference ref and returns the response or error.
func post(ctx context.Context, s *mbemu.Server, client *http.Client, ref string) (*http.Response, []byte, error) {
	body := strings.Replace(createBody, `"r1"`, `"`+ref+`"`, 1)
	req, err := http.NewRequestWithContext(ctx, "POST", s.URL()+"/messages", strings.NewReader(body))
	if err != nil {
		return nil, nil, err
	}
	req.Header.Set("Authorization", "AccessKey "+mbemu.DefaultAccessKey)
	resp, err := client.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	return resp, raw, err
}

func TestFailNextAnswersLikeTheAPIAndCreatesNothing(t *testing.T) {
	cases := []struct {
		status  int
		json    bool
		content string
	}{
		{401, true, `"code":2`}, {402, true, `"code":25`}, {404, true, `"code":20`},
		{422, true, `"parameter":"recipients"`}, {429, true, `"errors"`},
		{500, true, `"code":99`}, {502, false, "Bad Gateway"}, {503, false, "Service Unavailable"},
	}
	s := start(t)
	for _, c := range cases {
		s.FailNext(1, c.status)
		resp, raw, err := post(t.Context(), s, http.DefaultClient, "f")
		if err != nil {
			t.Fatalf("HTTP %d: %v", c.status, err)
		}
		isJSON := resp.Header.Get("Content-Type") == "application/json"
		if resp.StatusCode != c.status || isJSON != c.json || !strings.Contains(string(raw), c.content) {
			t.Errorf("FailNext(%d) answered %d %q %s", c.status, resp.StatusCode, resp.Header.Get("Content-Type"), raw)
		}
	}
	if n := s.AcceptedByReference()["f"]; n != 0 || s.PendingFaults() != 0 {
		t.Errorf("%d messages created, %d faults left; want 0 and 0", n, s.PendingFaults())
	}
}

func TestFaultsAreSpentInTheOrderTheyWereInjected(t *testing.T) {
	s := start(t)
	s.FailNext(1, 503)
	s.DropNext(1)
	s.FailNext(1, 429)
	var got []string
	for i := range 4 {
		resp, _, err := post(t.Context(), s, &http.Client{}, fmt.Sprint(i))
		switch {
		case err != nil:
			got = append(got, "error")
		default:
			got = append(got, fmt.Sprint(resp.StatusCode))
		}
	}
	if strings.Join(got, " ") != "503 error 429 201" {
		t.Errorf("answers = %v, want 503 error 429 201", got)
	}
	var faults []string
	for _, r := range s.Requests() {
		faults = append(faults, r.Fault)
	}
	if fmt.Sprint(faults) != "[fail drop fail ]" {
		t.Errorf("recorded faults = %q", faults)
	}
}

func TestDropNextCreatesTheMessageButDropBeforeNextDoesNot(t *testing.T) {
	s := start(t)
	s.DropNext(1)
	if _, _, err := post(t.Context(), s, &http.Client{}, "after"); !errors.Is(err, io.EOF) {
		t.Errorf("DropNext: error %v, want EOF", err)
	}
	s.DropBeforeNext(1)
	if _, _, err := post(t.Context(), s, &http.Client{}, "before"); err == nil {
		t.Error("DropBeforeNext: the request got an answer")
	}
	got := s.AcceptedByReference()
	if got["after"] != 1 || got["before"] != 0 {
		t.Errorf("AcceptedByReference = %v, want after:1 and no before", got)
	}
}

func TestHangNextCreatesTheMessageAndHoldsUntilTheClientGivesUp(t *testing.T) {
	s := start(t)
	s.HangNext(1)
	client := &http.Client{Timeout: 100 * time.Millisecond}
	_, _, err := post(t.Context(), s, client, "hung")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error %v, want the client's timeout", err)
	}
	if n := s.AcceptedByReference()["hung"]; n != 1 {
		t.Errorf("%d messages created, want 1", n)
	}
}

func TestCloseReleasesHungAndDelayedRequests(t *testing.T) {
	arrived := make(chan struct{}, 2)
	created := make(chan struct{}, 1)
	s := mbemu.New(
		mbemu.WithOnRequest(func(mbemu.Request) { arrived <- struct{}{} }),
		mbemu.WithOnCreate(func(mbemu.Message, time.Time) { created <- struct{}{} }),
	)
	s.HangNext(1)
	errs := make(chan error, 2)
	go func() { _, _, err := post(context.Background(), s, &http.Client{}, "hung"); errs <- err }()
	<-arrived
	<-created
	s.SetLatency(time.Hour)
	go func() { _, _, err := post(context.Background(), s, &http.Client{}, "slow"); errs <- err }()
	<-arrived

	closed := make(chan struct{})
	go func() { s.Close(); close(closed) }()
	select {
	case <-closed:
	case <-time.After(10 * time.Second):
		t.Fatal("Close blocked on held requests")
	}
	for range 2 {
		if err := <-errs; err == nil {
			t.Error("a held request got an answer")
		}
	}
	if got := s.AcceptedByReference(); got["hung"] != 1 || got["slow"] != 0 {
		t.Errorf("AcceptedByReference = %v, want hung created and slow not", got)
	}
	s.Close() // idempotent
}

func TestLatencyDelaysEachAnswer(t *testing.T) {
	s := start(t)
	s.SetLatency(50 * time.Millisecond)
	begin := time.Now()
	if resp, _, err := post(t.Context(), s, http.DefaultClient, "slow"); err != nil || resp.StatusCode != 201 {
		t.Fatalf("post: %v", err)
	}
	if elapsed := time.Since(begin); elapsed < 50*time.Millisecond {
		t.Errorf("answered after %v, want at least 50ms", elapsed)
	}
}

func TestConcurrentRequestsAreAllRecordedAndCounted(t *testing.T) {
	var hookMu sync.Mutex
	hooked := map[string]time.Time{}
	s := start(t, mbemu.WithOnCreate(func(m mbemu.Message, at time.Time) {
		hookMu.Lock()
		defer hookMu.Unlock()
		hooked[m.ID] = at
	}))
	s.DropNext(3)
	var wg sync.WaitGroup
	for i := range 40 {
		wg.Go(func() { _, _, _ = post(t.Context(), s, http.DefaultClient, fmt.Sprintf("c%d", i%20)) })
	}
	wg.Wait()
	counts := s.AcceptedByReference()
	total := 0
	for _, n := range counts {
		total += n
	}
	if total != 40 || len(counts) != 20 || counts["c0"] != 2 {
		t.Errorf("AcceptedByReference = %v, want 20 references created twice each", counts)
	}
	if len(s.Requests()) != 40 || len(s.Messages()) != 40 || len(hooked) != 40 {
		t.Errorf("%d requests, %d messages, %d hook calls; want 40 each", len(s.Requests()), len(s.Messages()), len(hooked))
	}
	for _, r := range s.Requests() {
		if r.Body == nil || r.Body.Originator != "Bakery" || r.At.IsZero() || !r.Authorized {
			t.Errorf("request recorded as %+v", r)
			break
		}
	}
}
