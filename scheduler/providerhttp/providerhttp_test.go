package providerhttp_test

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"minuit/scheduler"
	"minuit/scheduler/providerhttp"
)

func TestParseBaseURLKeepsThePathAndRefusesTheRest(t *testing.T) {
	u, err := providerhttp.ParseBaseURL(" HTTP://example.com/api/ ", "x: the base URL")
	if err != nil || u.String() != "http://example.com/api" {
		t.Fatalf("got %v, %v; want http://example.com/api", u, err)
	}
	for _, raw := range []string{"ftp://example.com", "http:///v1", "https://u:p@example.com", "https://example.com/?x=1", "https://example.com/#x", "http://[::1"} {
		if _, err := providerhttp.ParseBaseURL(raw, "x: the base URL"); err == nil || !strings.HasPrefix(err.Error(), "x: the base URL ") {
			t.Errorf("%q: error %v, want one starting with the setting's name", raw, err)
		}
	}
}

func TestRetryAfterReadsSecondsOrADate(t *testing.T) {
	now := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	for v, want := range map[string]time.Duration{
		"": 0, "2": 2 * time.Second, " 7 ": 7 * time.Second, "-3": 0, "soon": 0,
		"Mon, 07 Dec 2026 10:00:30 GMT": 30 * time.Second, "Mon, 07 Dec 2026 09:59:00 GMT": 0,
	} {
		if got := providerhttp.RetryAfter(v, now); got != want {
			t.Errorf("RetryAfter(%q) = %v, want %v", v, got, want)
		}
	}
	if got := providerhttp.RetryAfter("99999999999999", now); got <= 0 {
		t.Errorf("a huge Retry-After overflowed to %v", got)
	}
}

func TestUnansweredNamesTheVendorAndSaysWhetherTheMessageMayExist(t *testing.T) {
	ctx := context.Background()
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	broke := errors.New("EOF")
	cases := []struct {
		ctx         context.Context
		post, wrote bool
		err         error
		class       scheduler.ErrorClass
		reason      string
	}{
		{ctx, true, false, broke, scheduler.Transient, "Acme could not be reached"},
		{ctx, true, false, &net.DNSError{}, scheduler.Transient, "Acme's server could not be found; check the internet connection"},
		{ctx, true, false, context.DeadlineExceeded, scheduler.Transient, "Acme could not be reached in time"},
		{cancelled, true, false, broke, scheduler.Transient, "the request was cancelled before it was sent"},
		{ctx, true, true, broke, scheduler.Ambiguous, "the connection to Acme broke before it answered; the message may have been sent"},
		{ctx, true, true, context.DeadlineExceeded, scheduler.Ambiguous, "Acme did not answer in time; the message may have been sent"},
		{cancelled, true, true, broke, scheduler.Ambiguous, "the request was cancelled before Acme answered; the message may have been sent"},
		{ctx, false, true, broke, scheduler.Transient, "the connection to Acme broke"},
		{cancelled, false, true, broke, scheduler.Transient, "the request was cancelled before Acme answered"},
	}
	for _, c := range cases {
		pe := providerhttp.Unanswered(c.ctx, "Acme", c.post, c.wrote, c.err)
		if pe.Class != c.class || pe.Reason != c.reason || !errors.Is(pe, c.err) {
			t.Errorf("post %v wrote %v %v: got %v %q, want %v %q", c.post, c.wrote, c.err, pe.Class, pe.Reason, c.class, c.reason)
		}
	}
}

func TestTransportRecordsTheAnswerAndFollowsTheCallsContext(t *testing.T) {
	release := make(chan struct{})
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/hang" {
			select {
			case <-r.Context().Done():
			case <-release:
			}
			return
		}
		w.Header().Set("Retry-After", "3")
		w.WriteHeader(http.StatusTooManyRequests)
	}))
	defer ts.Close()
	defer close(release)

	rec := &providerhttp.Record{}
	client := &http.Client{Transport: &providerhttp.Transport{Ctx: context.Background(), Next: http.DefaultTransport, Rec: rec}}
	resp, err := client.Get(ts.URL)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	_ = resp.Body.Close()
	if !rec.Written() || rec.Status() != http.StatusTooManyRequests || rec.Header().Get("Retry-After") != "3" {
		t.Errorf("record: written %v, status %d, header %v", rec.Written(), rec.Status(), rec.Header())
	}

	ctx, cancel := context.WithCancel(context.Background())
	client.Transport = &providerhttp.Transport{Ctx: ctx, Next: http.DefaultTransport, Rec: &providerhttp.Record{}}
	time.AfterFunc(50*time.Millisecond, cancel)
	if _, err := client.Get(ts.URL + "/hang"); !errors.Is(err, context.Canceled) {
		t.Errorf("a call whose context ends: %v, want context.Canceled", err)
	}
}
