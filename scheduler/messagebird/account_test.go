package messagebird_test

import (
	"testing"
	"time"

	"minuit/scheduler"
	"minuit/scheduler/messagebird"
	"minuit/scheduler/messagebird/mbemu"
)

func TestAWrongAccessKeyPausesTheAccountOnEveryCall(t *testing.T) {
	emu := newEmu(t, mbemu.WithAccessKey("live_right"))
	p := newProviderWith(t, messagebird.Config{AccessKey: "live_wrong", BaseURL: emu.URL()})
	_, sendErr := p.Send(t.Context(), batch("r", "+33612345678"))
	_, statusErr := p.Status(t.Context(), "0123456789abcdef0123456789abcdef")
	_, balanceErr := p.Balance(t.Context())
	for name, err := range map[string]error{"send": sendErr, "status": statusErr, "balance": balanceErr} {
		if pe := wantProviderError(t, err, scheduler.Permanent, "MessageBird refused the access key"); !pe.Account {
			t.Errorf("%s with a wrong key: Account = false", name)
		}
	}
}

func TestAnEmptyBalancePausesTheAccount(t *testing.T) {
	emu := newEmu(t, mbemu.WithBalance(1))
	p := newProvider(t, emu, 0)
	_, err := p.Send(t.Context(), batch("r", "+33600000001", "+33600000002"))
	if pe := wantProviderError(t, err, scheduler.Permanent, "the MessageBird account has no balance left"); !pe.Account {
		t.Error("code 25: Account = false")
	}
	emu.FailNext(1, 402)
	if _, err := p.Balance(t.Context()); !scheduler.AccountProblem(err) {
		t.Errorf("HTTP 402: %v, want an account problem", err)
	}
}

func TestRefusalsOfOneMessageDoNotPauseTheAccount(t *testing.T) {
	emu := newEmu(t, mbemu.WithInvalid("+33600009990"))
	p := newProvider(t, emu, 0)
	for _, status := range []int{404, 422, 429, 500, 503} {
		emu.FailNext(1, status)
		if _, err := p.Send(t.Context(), batch("r", "+33612345678")); scheduler.AccountProblem(err) {
			t.Errorf("HTTP %d: %v is an account problem", status, err)
		}
	}
	_, err := p.Send(t.Context(), batch("r", "+33600009990"))
	if pe := wantProviderError(t, err, scheduler.Permanent, "the number is not valid"); pe.Account || pe.OptedOut {
		t.Errorf("an invalid number: %+v, want neither account nor opt-out", pe)
	}
}

func TestAThrottleWithRetryAfterSaysHowLongToWait(t *testing.T) {
	emu := newEmu(t)
	p := newProvider(t, emu, 0)
	emu.ThrottleNext(1, 2500*time.Millisecond)
	_, err := p.Send(t.Context(), batch("r", "+33612345678"))
	wantProviderError(t, err, scheduler.Transient, "MessageBird asked us to slow down")
	if got := scheduler.RetryAfter(err); got != 3*time.Second {
		t.Errorf("RetryAfter = %v, want the header's 3s", got)
	}
	if n := emu.Created("+33612345678", batch("r").Body); n != 0 {
		t.Errorf("a throttled request created %d messages", n)
	}
}

func TestAThrottleWithoutRetryAfterLeavesTheWaitToTheScheduler(t *testing.T) {
	emu := newEmu(t)
	p := newProvider(t, emu, 0)
	emu.FailNext(1, 429)
	_, err := p.Send(t.Context(), batch("r", "+33612345678"))
	wantProviderError(t, err, scheduler.Transient, "MessageBird asked us to slow down")
	if got := scheduler.RetryAfter(err); got != 0 {
		t.Errorf("RetryAfter = %v, want 0: MessageBird said nothing", got)
	}
}

func TestClassicKeysAreValidUntilTheEndOf2026(t *testing.T) {
	want := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	if got := messagebird.ClassicKeysUntil; !got.Before(want) || got.Before(want.Add(-time.Second)) {
		t.Errorf("ClassicKeysUntil = %v, want the last second of 2026 (UTC)", got)
	}
}
