package scheduler

import (
	"context"
	"time"
)

// What slows or stops sending: the user's pause, the provider's refusal of the
// account, the wait a throttling provider asks for, and a phone's hourly pace.

// SetPaused stops or resumes sending. While paused nothing is claimed; deliveries
// whose deadline passes meanwhile are marked missed. Resuming clears the reason of
// a pause the provider caused (PauseReason).
func (e *Engine) SetPaused(p bool) {
	e.mu.Lock()
	if !p {
		e.pauseReason = ""
	}
	e.mu.Unlock()
	e.paused.Store(p)
	e.Wake()
}

// PauseReason says why the engine paused itself (the provider refused the
// account: wrong credentials, no balance, suspended); "" when it did not.
func (e *Engine) PauseReason() string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.pauseReason
}

// pauseForAccount pauses all sending because the provider refused the account. It
// reports the pause once, however many requests in flight get the same answer.
func (e *Engine) pauseForAccount(reason string, now time.Time) {
	e.mu.Lock()
	first := e.pauseReason == ""
	if first {
		e.pauseReason = reason
	}
	e.mu.Unlock()
	e.paused.Store(true)
	if first {
		e.cfg.OnEvent(Event{Kind: EventAccount, Reason: reason, At: now})
	}
}

// throttle holds every request until t: the provider asked us to wait.
func (e *Engine) throttle(t time.Time) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if t.After(e.notBefore) {
		e.notBefore = t
	}
}

// throttledUntil is when requests may go again; zero or past when they may now.
func (e *Engine) throttledUntil() time.Time {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.notBefore
}

// claimLimit is how many deliveries one claim may take. A provider paced slower
// than a request a second (a phone) gets only what its rate allows now; when that
// is nothing, the engine waits for the next allowed request (ok false).
func (e *Engine) claimLimit(now time.Time) (int, bool) {
	if e.cfg.Rate >= 1 {
		return e.cfg.ClaimLimit, true
	}
	tokens := e.limiter.TokensAt(now)
	if tokens < 1 {
		e.throttle(now.Add(time.Duration((1 - tokens) / e.cfg.Rate * float64(time.Second))))
		return 0, false
	}
	return min(e.cfg.ClaimLimit, int(tokens)*max(e.caps.MaxBatch, 1)), true
}

// pace waits for the rate limiter before a request; false when the request must not
// go now (shutting down, or a slow provider with no request left to spend).
func (e *Engine) pace(ctx context.Context) bool {
	if e.cfg.Rate < 1 {
		return e.limiter.AllowN(e.cfg.Clock.Now(), 1)
	}
	return e.limiter.Wait(ctx) == nil
}
