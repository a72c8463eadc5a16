package scheduler

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"minuit/internal/db"
	"minuit/internal/usererr"
)

// How Run lives through errors that last: it never passes again at once after a
// failing pass, reports each distinct error now and then rather than at every pass,
// tells the user once when the database keeps failing, and stops for good when the
// database file was deleted, replaced or found damaged.

// Back-off after failing passes: FaultBackoffMin after the first, doubling up to
// FaultBackoffMax, each drawn at random between half and all of it so that the
// sender and the commands do not retry in step. A clean pass resets it; a Wake (a
// new plan) still starts a pass at once.
const (
	FaultBackoffMin = time.Second
	FaultBackoffMax = 2 * time.Minute
	// FaultReportEvery is how often an error that lasts is handed to OnError again.
	FaultReportEvery = 15 * time.Minute
	// faultProblemAfter is the number of database failures in a row after which the
	// user is told (EventStoreProblem), once: a lone "database is locked" is not news.
	faultProblemAfter = 3
	// stuckAfter is the number of clean passes in a row that leave work due at once
	// before Run backs off anyway: the guard against a loop nobody foresaw.
	stuckAfter = 3
	// maxReported bounds the distinct errors remembered, and reportsPerPass those
	// reported after one pass.
	maxReported    = 64
	reportsPerPass = 3
)

// PassError is what Config.OnError receives: an error of a pass, with what Run does
// about it. Each distinct error comes once, then again every FaultReportEvery while
// it lasts.
type PassError struct {
	Err     error
	Since   time.Time     // when passes began failing
	Fails   int           // passes in a row that failed
	RetryIn time.Duration // when Run tries again (sooner on a Wake)
	Store   bool          // the database itself failed (db.Fault)
}

func (e *PassError) Error() string { return e.Err.Error() }
func (e *PassError) Unwrap() error { return e.Err }

// StoreUnusableError is the reason of the EventStoreProblem sent when the database
// keeps failing: sending waits, and resumes by itself once it works again.
type StoreUnusableError struct{ Cause error }

func (e *StoreUnusableError) Error() string {
	return fmt.Sprintf("Minuit cannot use its database (%v): sending waits and resumes by itself once it can. Free some disk space, or check that the data folder can be written", e.Cause)
}

// Sentence implements usererr.Sentencer.
func (e *StoreUnusableError) Sentence() string { return e.Error() }

// Messages implements usererr.Messager.
func (e *StoreUnusableError) Messages() []usererr.Msg {
	return []usererr.Msg{usererr.Msgf("Minuit cannot use its database (%v): sending waits and resumes by itself once it can. "+
		"Free some disk space, or check that the data folder can be written", e.Cause)}
}

func (e *StoreUnusableError) Unwrap() error { return e.Cause }

// faults is what Run remembers of failing passes. It belongs to Run's goroutine.
type faults struct {
	fails    int       // passes in a row that failed
	since    time.Time // when the first of them failed
	store    int       // passes in a row that failed on the database
	told     bool      // EventStoreProblem sent for this run of failures
	stuck    int       // clean passes in a row that left work due at once
	reported map[string]time.Time
}

// passBackoff is the wait after the n-th failing pass in a row (n ≥ 1).
func passBackoff(n int) time.Duration {
	d := FaultBackoffMax
	if n <= 20 {
		d = min(FaultBackoffMin<<(n-1), FaultBackoffMax)
	}
	return d/2 + rand.N(d/2+1)
}

// fatal returns the error that must stop sending for good: a database file (the
// store's or one of Config.Files) was deleted or replaced (checked before each
// pass), or SQLite found it damaged.
func (e *Engine) fatal(passErr error) error {
	var moved *db.MovedError
	for _, d := range append([]*db.DB{e.cfg.Store.db}, e.cfg.Files...) {
		if err := d.CheckFile(); errors.As(err, &moved) {
			return moved
		}
	}
	if d := db.Damaged(passErr); d != nil {
		return &db.DamagedError{Path: e.cfg.Store.db.Path, Problems: []string{d.Error()}}
	}
	return nil
}

// stop tells the user why sending stopped for good, and returns err for Run.
func (e *Engine) stop(err error) error {
	e.cfg.OnEvent(Event{Kind: EventStoreProblem, Reason: err.Error(), At: e.cfg.Clock.Now()})
	return err
}

// after records how a pass went and returns how long Run sleeps: wait, or the
// back-off when the pass failed on the database, or when it failed or got stuck
// with work due at once (wait 0). A failure elsewhere (a provider that cannot
// withdraw a message) never delays what is due later.
func (f *faults) after(e *Engine, err error, wait time.Duration) time.Duration {
	now := e.cfg.Clock.Now()
	if err == nil {
		if f.told {
			e.cfg.OnEvent(Event{Kind: EventStoreRecovered, Reason: "the database works again; sending resumed", At: now})
		}
		f.fails, f.store, f.told = 0, 0, false
		clear(f.reported)
		if wait > 0 {
			f.stuck = 0
			return wait
		}
		if f.stuck++; f.stuck > stuckAfter {
			return passBackoff(f.stuck - stuckAfter)
		}
		return wait
	}
	if f.fails == 0 {
		f.since = now
	}
	f.fails++
	f.stuck = 0
	fault := db.Fault(err)
	if fault != nil {
		f.store++
		wait = passBackoff(f.fails) // nothing due can be done before the database works
	} else {
		f.store = 0
		if wait == 0 {
			wait = passBackoff(f.fails)
		}
	}
	f.report(e, err, now, wait, fault != nil)
	if fault != nil && f.store >= faultProblemAfter && !f.told {
		f.told = true
		e.cfg.OnEvent(Event{Kind: EventStoreProblem, Reason: (&StoreUnusableError{Cause: fault}).Error(), At: now})
	}
	return wait
}

// sleepFor is how long Run sleeps after a pass that returned next: until next or
// the next reply poll, at most MaxWait. Work due while a provider throttles us
// waits for the throttle's end; a throttle that has ended counts for nothing.
func (e *Engine) sleepFor(next time.Time) time.Duration {
	now := e.cfg.Clock.Now()
	if until := e.throttledUntil(); until.After(now) && !next.IsZero() && next.Before(until) {
		next = until
	}
	wait := e.cfg.MaxWait
	for _, at := range []time.Time{next, e.inboundDue()} {
		if !at.IsZero() {
			if d := at.Sub(now); d < wait {
				wait = max(d, 0)
			}
		}
	}
	return wait
}

// report hands OnError each part of err not reported in the last FaultReportEvery.
func (f *faults) report(e *Engine, err error, now time.Time, retryIn time.Duration, store bool) {
	if f.reported == nil {
		f.reported = map[string]time.Time{}
	}
	n := 0
	for _, part := range parts(err) {
		key := part.Error()
		if last, ok := f.reported[key]; ok && now.Sub(last) < FaultReportEvery {
			continue
		}
		if n++; n > reportsPerPass {
			return
		}
		if len(f.reported) >= maxReported {
			clear(f.reported)
		}
		f.reported[key] = now
		e.cfg.OnError(&PassError{Err: part, Since: f.since, Fails: f.fails, RetryIn: retryIn, Store: store})
	}
}

// parts flattens the errors a pass joined, each once.
func parts(err error) []error {
	var out []error
	seen := map[string]bool{}
	var walk func(error)
	walk = func(err error) {
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			for _, e := range j.Unwrap() {
				walk(e)
			}
			return
		}
		if err != nil && !seen[strings.TrimSpace(err.Error())] {
			seen[strings.TrimSpace(err.Error())] = true
			out = append(out, err)
		}
	}
	walk(err)
	return out
}
