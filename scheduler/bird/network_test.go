package bird_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"minuit/scheduler"
	"minuit/scheduler/bird"
	"minuit/scheduler/providertest"
)

// hangingServer accepts requests and never answers until the client leaves;
// arrived receives each request's method once its body is read (the server
// only notices a client leaving once the body is consumed).
func hangingServer(t *testing.T) (*httptest.Server, chan string) {
	arrived := make(chan string, 4)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		select {
		case arrived <- r.Method:
		default:
		}
		<-r.Context().Done()
	}))
	t.Cleanup(srv.Close)
	return srv, arrived
}

func TestAPostWithoutAnswerInTimeIsAmbiguousAndAGetIsTransient(t *testing.T) {
	srv, _ := hangingServer(t)
	p := newProviderWith(t, bird.Config{Key: "bk_eu1_k", BaseURL: srv.URL, Timeout: 50 * time.Millisecond})
	_, err := p.Send(t.Context(), batch("mn-slow", delivered))
	wantError(t, err, scheduler.Ambiguous, "Bird did not answer in time; the message may have been sent")
	_, err = p.Status(t.Context(), "sms_1")
	wantError(t, err, scheduler.Transient, "Bird did not answer in time")
}

func TestACancelledSendAfterTheRequestLeftIsAmbiguous(t *testing.T) {
	srv, arrived := hangingServer(t)
	p := newProviderWith(t, bird.Config{Key: "bk_eu1_k", BaseURL: srv.URL})
	ctx, cancel := context.WithCancel(t.Context())
	go func() { <-arrived; cancel() }()
	_, err := p.Send(ctx, batch("mn-cancel", delivered))
	wantError(t, err, scheduler.Ambiguous, "the request was cancelled before Bird answered; the message may have been sent")
}

func TestACallCancelledBeforehandSendsNothing(t *testing.T) {
	emu := newEmu(t)
	p := newProvider(t, emu)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := p.Send(ctx, batch("mn-early", delivered))
	wantError(t, err, scheduler.Transient, "the request was cancelled before it was sent")
	if n := len(emu.Requests()); n != 0 {
		t.Errorf("%d requests sent", n)
	}
}

func TestAnUnreachableServerIsTransient(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close()
	p := newProviderWith(t, bird.Config{Key: "bk_eu1_k", BaseURL: url})
	_, err := p.Send(t.Context(), batch("mn-down", delivered))
	wantError(t, err, scheduler.Transient, "Bird could not be reached")
}

func TestARedirectIsNotFollowedWithTheKey(t *testing.T) {
	followed := make(chan string, 1)
	other := httptest.NewServer(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		followed <- r.Header.Get("Authorization")
	}))
	t.Cleanup(other.Close)
	srv := httptest.NewServer(http.RedirectHandler(other.URL+"/steal", http.StatusTemporaryRedirect))
	t.Cleanup(srv.Close)
	p := newProviderWith(t, bird.Config{Key: "bk_eu1_k", BaseURL: srv.URL})
	_, err := p.Balance(t.Context())
	wantError(t, err, scheduler.Permanent, "Bird refused the request (HTTP 307)")
	select {
	case auth := <-followed:
		t.Errorf("the redirect was followed with %q", auth)
	default:
	}
}

func TestConnectionsAreReusedAcrossSends(t *testing.T) {
	emu := newEmu(t)
	p := newProvider(t, emu)
	for i := range 20 {
		if _, err := p.Send(t.Context(), batch("mn-reuse"+string(rune('a'+i)), delivered)); err != nil {
			t.Fatal(err)
		}
	}
	seen := map[string]bool{}
	for _, r := range emu.Requests() {
		seen[r.RemoteAddr] = true
	}
	if len(seen) != 1 {
		t.Errorf("20 sequential sends used %d connections, want 1", len(seen))
	}
}

// On a reused keep-alive connection Go's transport resends a POST that carries
// an Idempotency-Key once by itself when the connection breaks before the
// answer; Bird answers the resend from its record, so the send succeeds with
// the original message and nothing is created twice.
func TestADropOnAReusedConnectionIsResentByGoAndReplayedByBird(t *testing.T) {
	emu := newEmu(t)
	p := newProvider(t, emu)
	if _, err := p.Send(t.Context(), batch("mn-warm", delivered)); err != nil {
		t.Fatal(err)
	}
	emu.Inject(providertest.FaultDropAfter)
	b := batch("mn-reused-conn", delivered)
	b.Body = "another text"
	acc, err := p.Send(t.Context(), b)
	if err != nil {
		t.Fatalf("Send: %v", err)
	}
	reqs := emu.Requests()
	if len(reqs) != 3 || reqs[1].Fault != "drop" || !reqs[2].Replay || acc.ID != emu.Messages()[1].ID {
		t.Errorf("Send = %+v after requests %+v", acc, reqs)
	}
	if n := emu.Created(delivered, b.Body); n != 1 {
		t.Errorf("created %d messages, want 1", n)
	}
}
