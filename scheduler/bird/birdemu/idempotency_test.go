package birdemu_test

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"

	"minuit/scheduler/bird/birdemu"
	"minuit/scheduler/providertest"
)

func TestTheSameKeyAndBodyReplaysTheOriginalAnswerAndCreatesNothing(t *testing.T) {
	s := start(t)
	first := send(t, s, "+33612345678", "hi", "key-1")
	again := send(t, s, "+33612345678", "hi", "key-1")
	if again.status != 202 || !bytes.Equal(again.raw, first.raw) || again.header.Get("Idempotency-Replay") != "true" {
		t.Errorf("replay: HTTP %d %s (replay %q), want the original %s", again.status, again.raw,
			again.header.Get("Idempotency-Replay"), first.raw)
	}
	if first.header.Get("Idempotency-Replay") != "" {
		t.Error("the first answer is marked as a replay")
	}
	if n := s.Created("+33612345678", "hi"); n != 1 {
		t.Errorf("Created = %d, want 1", n)
	}
	if reqs := s.Requests(); reqs[0].Replay || !reqs[1].Replay {
		t.Errorf("recorded replays %v %v", reqs[0].Replay, reqs[1].Replay)
	}
	if a := send(t, s, "+33612345678", "hi", ""); a.status != 202 || s.Created("+33612345678", "hi") != 2 {
		t.Errorf("without a key the same body is a new message: HTTP %d", a.status)
	}
}

func TestTheSameKeyWithAnotherBodyIsAConflict(t *testing.T) {
	s := start(t)
	send(t, s, "+33612345678", "hi", "key-1")
	wantError(t, send(t, s, "+33612345678", "other", "key-1"), 409, "conflict_error", "E01005", "")
	if n := s.Created("+33612345678", "other"); n != 0 {
		t.Errorf("Created = %d", n)
	}
}

func TestTheSameKeyWhileTheFirstIsInFlightIsRequestInProgress(t *testing.T) {
	entered, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	s := start(t, birdemu.WithOnCreate(func(birdemu.Message) { once.Do(func() { close(entered); <-release }) }))
	done := make(chan answer, 1)
	go func() { done <- send(t, s, "+33612345678", "hi", "key-1") }()
	<-entered
	a := send(t, s, "+33612345678", "hi", "key-1")
	wantError(t, a, 409, "conflict_error", "E01004", "")
	if a.header.Get("Retry-After") == "" {
		t.Error("no Retry-After on RequestInProgress")
	}
	close(release)
	if first := <-done; first.status != 202 {
		t.Errorf("the first request: HTTP %d", first.status)
	}
	if n := s.Created("+33612345678", "hi"); n != 1 {
		t.Errorf("Created = %d, want 1", n)
	}
}

func TestAKeyIsForgottenAfterTheWindowAndA5xxIsNotKept(t *testing.T) {
	c := newClock()
	s := start(t, birdemu.WithClock(c.Now))
	send(t, s, "+33612345678", "hi", "key-1")
	c.Advance(birdemu.IdempotencyTTL - time.Second)
	if a := send(t, s, "+33612345678", "hi", "key-1"); a.header.Get("Idempotency-Replay") != "true" {
		t.Error("the key was forgotten before the window ended")
	}
	c.Advance(time.Second)
	if a := send(t, s, "+33612345678", "hi", "key-1"); a.status != 202 || a.header.Get("Idempotency-Replay") != "" {
		t.Errorf("after the window: HTTP %d replay %q, want a new message", a.status, a.header.Get("Idempotency-Replay"))
	}
	if n := s.Created("+33612345678", "hi"); n != 2 {
		t.Errorf("Created = %d, want 2", n)
	}
	// A fault answers before the idempotency layer; nothing is kept.
	s.Inject(providertest.FaultThrottle)
	wantError(t, send(t, s, "+33612345678", "ho", "key-2"), 429, "rate_limit_error", "", "")
	if a := send(t, s, "+33612345678", "ho", "key-2"); a.status != 202 || a.header.Get("Idempotency-Replay") != "" {
		t.Errorf("after a 429 the key was kept: HTTP %d", a.status)
	}
}

func TestA4xxAnswerIsKeptAndReplayed(t *testing.T) {
	s := start(t)
	wantError(t, send(t, s, "+33612349990", "hi", "key-bad"), 422, "validation_error", "E12001", "to")
	a := send(t, s, "+33612349990", "hi", "key-bad")
	wantError(t, a, 422, "validation_error", "E12001", "to")
	if a.header.Get("Idempotency-Replay") != "true" {
		t.Error("the 422 was not replayed")
	}
}

func TestAnEmptyOrTooLongKeyIsABadRequestAndGetIgnoresTheKey(t *testing.T) {
	s := start(t)
	body := `{"to":"+33612345678","from":"Shop","text":"x","category":"marketing"}`
	for _, k := range []string{"", strings.Repeat("k", birdemu.MaxIdempotencyKey+1)} {
		a := do(t, s, call{method: "POST", path: "/v1/sms/messages", body: body, header: map[string]string{"Idempotency-Key": k}})
		wantError(t, a, 400, "bad_request_error", "E01002", "Idempotency-Key")
	}
	long := strings.Repeat("k", birdemu.MaxIdempotencyKey)
	if a := do(t, s, call{method: "POST", path: "/v1/sms/messages", body: body, header: map[string]string{"Idempotency-Key": long}}); a.status != 202 {
		t.Errorf("a 255-character key: HTTP %d", a.status)
	}
	for range 2 {
		a := do(t, s, call{method: "GET", path: "/v1/sms/messages", header: map[string]string{"Idempotency-Key": "g"}})
		if a.status != 200 || a.header.Get("Idempotency-Replay") != "" {
			t.Errorf("GET with a key: HTTP %d replay %q", a.status, a.header.Get("Idempotency-Replay"))
		}
	}
}
