package scheduler

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/time/rate"

	"minuit/internal/db"
	"minuit/scheduler/compliance"
)

// Config wires an Engine. Store and Provider are required.
type Config struct {
	Store     *Store
	Provider  Provider
	Directory Directory // resolves contact and group recipients; may be nil
	// Files are the other database files sending depends on (the contacts'): each
	// is checked before each pass like the store's, and one deleted or replaced
	// stops sending (see fatal).
	Files []*db.DB
	// Originator is the sender ID for messages that name none; default "Minuit".
	Originator string
	Clock      Clock // default RealClock
	// OnEvent receives what happens, from the engine's goroutines. It must not block.
	OnEvent func(Event)
	// OnError receives failures of the engine itself (a full disk, a broken database)
	// as a *PassError: each distinct error once, then again every FaultReportEvery
	// while it lasts. The engine keeps running and tries again after a back-off.
	OnError func(error)

	Concurrency int           // provider requests in flight at once; default 8
	Rate        float64       // provider requests per second; default 100
	Lead        time.Duration // occurrences are materialised this long before; default 1 min
	MaxWait     time.Duration // the longest sleep before the wall clock is read again; default 30 s
	ClaimLimit  int           // deliveries claimed per statement; default 500
	// RescueAfter: a delivery `sending` for longer than this, with no request in flight,
	// is reconciled with the provider. Default 2 min (beyond any HTTP timeout).
	RescueAfter time.Duration

	// Policy overrides the compliance settings (LoadRules); nil: the settings, which
	// default to DefaultRules (France).
	Policy *compliance.Policy
	// OnOptOut and OnOptIn record a STOP or START reply from number in the contacts
	// (proof: the reply and when it came). An error leaves the reply to the next poll.
	OnOptOut, OnOptIn func(ctx context.Context, number, proof string, at time.Time) error
	// InboundEvery is how often replies are read from a provider that can
	// (InboundProvider); default 3 min.
	InboundEvery time.Duration
	// HandOff gives deliveries to the provider's own scheduler as soon as their due
	// time enters its window (Capabilities), so that they leave even when this
	// computer is off. Ignored for providers that cannot schedule.
	HandOff bool
}

// Engine is the background sender: one goroutine that sleeps until the next due
// delivery, wakes on store changes, and sends each due delivery exactly once.
type Engine struct {
	cfg      Config
	wake     chan struct{}
	paused   atomic.Bool
	limiter  *rate.Limiter
	inflight sync.Map // reference → struct{}
	caps     Capabilities
	started  bool
	// mu guards what the sending goroutines share: the pause's reason, the wait a
	// throttling provider asked for, and the hand-off backoff.
	mu           sync.Mutex
	pauseReason  string
	notBefore    time.Time
	handOffFails int
	handOffAfter time.Time
	// passRules caches the compliance rules for one pass; nextInbound is when
	// replies are next read. Both belong to the goroutine that calls Pass.
	passRules   *Rules
	nextInbound time.Time
	// inbound and reports follow reads of replies and of delivery reports that
	// keep failing (InboundProblem, ReportProblem).
	inbound, reports *readWatch
}

// New returns an engine; call Run to start it.
func New(cfg Config) *Engine {
	if cfg.Clock == nil {
		cfg.Clock = RealClock{}
	}
	if cfg.OnEvent == nil {
		cfg.OnEvent = func(Event) {}
	}
	if cfg.OnError == nil {
		cfg.OnError = func(error) {}
	}
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&cfg.Concurrency, 8)
	def(&cfg.ClaimLimit, 500)
	if cfg.Provider == nil {
		panic("scheduler: New without a Provider")
	}
	if cfg.Originator == "" {
		cfg.Originator = "Minuit"
	}
	caps := cfg.Provider.Capabilities()
	if cfg.Rate <= 0 {
		cfg.Rate = caps.Rate
	}
	if cfg.Rate <= 0 {
		cfg.Rate = 100
	}
	for _, p := range []struct {
		v *time.Duration
		d time.Duration
	}{{&cfg.Lead, time.Minute}, {&cfg.MaxWait, 30 * time.Second}, {&cfg.RescueAfter, 2 * time.Minute}, {&cfg.InboundEvery, DefaultInboundEvery}} {
		if *p.v <= 0 {
			*p.v = p.d
		}
	}
	if cfg.HandOff && caps.ScheduleMax > 0 && cfg.Lead < caps.ScheduleMax {
		cfg.Lead = caps.ScheduleMax // occurrences exist once they can be handed off
	}
	burst := cfg.Concurrency
	if cfg.Rate < 1 {
		burst = 1 // a phone paced per hour: no burst
	}
	inbound, reports := newReadWatches()
	return &Engine{
		cfg:     cfg,
		caps:    caps,
		wake:    make(chan struct{}, 1),
		limiter: rate.NewLimiter(rate.Limit(cfg.Rate), burst),
		inbound: inbound,
		reports: reports,
	}
}

// Wake makes the engine look at the store now (after a message was planned, edited
// or cancelled). It never blocks.
func (e *Engine) Wake() {
	select {
	case e.wake <- struct{}{}:
	default:
	}
}

// Paused reports whether sending is paused.
func (e *Engine) Paused() bool { return e.paused.Load() }

// Run sends until ctx is cancelled, then waits for requests in flight and returns
// nil. It sleeps on a timer until the next due time, at most MaxWait, so that a
// machine that slept or a clock that jumped is noticed within MaxWait. After a
// failing pass it backs off (faults.go); before each pass it checks that the
// database file is still the one it opened. It returns an error, after an
// EventStoreProblem, when the file was deleted, replaced or found damaged: it
// never writes to it again.
func (e *Engine) Run(ctx context.Context) error {
	var f faults
	for {
		if err := e.fatal(nil); err != nil {
			return e.stop(err)
		}
		next, err := e.Pass(ctx)
		if err != nil && ctx.Err() != nil {
			return nil
		}
		if err := e.fatal(err); err != nil {
			return e.stop(err)
		}
		t := e.cfg.Clock.NewTimer(f.after(e, err, e.sleepFor(next)))
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case <-t.C():
		case <-e.wake:
			t.Stop()
		}
	}
}

// Pass does everything due now: reconcile orphans, materialise occurrences, mark
// missed deliveries, send what is due and the compliance rules allow, poll delivery
// reports, read STOP/START replies (every InboundEvery). It returns when the
// engine next has work (zero: nothing planned).
func (e *Engine) Pass(ctx context.Context) (time.Time, error) {
	st := e.cfg.Store
	now := e.cfg.Clock.Now()
	var errs []error
	e.passRules = nil
	// At the first pass every `sending` row is an orphan of an earlier process.
	before := now.Add(-e.cfg.RescueAfter)
	if !e.started {
		before = now.Add(time.Second)
	}
	if err := e.rescue(ctx, before); err != nil {
		errs = append(errs, err)
	} else {
		e.started = true
	}
	// Withdrawals first: a cancel reaches the provider before anything new leaves,
	// an edited message is replanned once its old hand-offs are withdrawn, and the
	// companions of a withdrawn batch are handed off again in this pass.
	if err := e.withdraw(ctx); err != nil {
		errs = append(errs, err)
	}
	if _, err := st.materialize(ctx, now.Add(e.cfg.Lead), e.cfg.Directory, func() (Rules, error) { return e.rules(ctx) }); err != nil {
		errs = append(errs, err)
	}
	evs, err := st.MarkMissed(ctx, now)
	e.emit(evs)
	if err != nil {
		errs = append(errs, err)
	}
	if !e.Paused() {
		if err := e.dispatch(ctx); err != nil {
			errs = append(errs, err)
		}
	}
	if err := e.poll(ctx); err != nil {
		errs = append(errs, err)
	}
	// Replies last, so that they never delay a send; a STOP skips the number's
	// pending marketing at once, and the gate reads consent again before each send.
	if err := e.pollInbound(ctx); err != nil {
		errs = append(errs, err)
	}
	next, err := st.NextDue(ctx, e.cfg.Lead)
	if err != nil {
		errs = append(errs, err)
	}
	if e.Paused() && !next.IsZero() && !next.After(e.cfg.Clock.Now()) {
		next = time.Time{} // nothing can be sent: sleep until resumed or MaxWait
	}
	e.cfg.OnEvent(Event{Kind: EventNextDue, Next: next, At: now})
	return next, errors.Join(errs...)
}

func (e *Engine) emit(evs []Event) {
	for _, ev := range evs {
		e.cfg.OnEvent(ev)
	}
}

// dispatch sends what is due now, then hands to the provider's scheduler what
// enters its window (HandOff).
func (e *Engine) dispatch(ctx context.Context) error {
	now := e.cfg.Clock.Now()
	err := e.dispatchRange(ctx, func(now time.Time) (time.Time, time.Time) { return time.Time{}, now })
	if e.HandsOff() && e.handOffAllowed(now) {
		err = errors.Join(err, e.dispatchRange(ctx, func(now time.Time) (time.Time, time.Time) {
			from, to, _ := e.handOffWindow(now)
			return from, to
		}))
	}
	return err
}

// dispatchRange has the compliance gate clear the deliveries due in window(now),
// then claims and sends them, until none is left, sending is paused, or the
// provider asked us to wait.
func (e *Engine) dispatchRange(ctx context.Context, window func(now time.Time) (from, to time.Time)) error {
	var gateErr error
	for ctx.Err() == nil && !e.Paused() {
		now := e.cfg.Clock.Now()
		if now.Before(e.throttledUntil()) {
			return gateErr
		}
		limit, ok := e.claimLimit(now)
		if !ok {
			return gateErr
		}
		from, to := window(now)
		gated := 0
		if gateErr == nil {
			gated, gateErr = e.gate(ctx, from, to) // on error, what was cleared still leaves
		}
		jobs, err := e.cfg.Store.claim(ctx, now, from, to, limit, e.cfg.Provider.Name(), e.caps.MaxBatch)
		if err != nil {
			return errors.Join(gateErr, err)
		}
		if len(jobs) == 0 {
			if gated > 0 {
				continue
			}
			return gateErr
		}
		sem := make(chan struct{}, e.cfg.Concurrency)
		var wg sync.WaitGroup
		var mu sync.Mutex
		var errs []error
		for _, j := range jobs {
			sem <- struct{}{}
			wg.Add(1)
			go func() {
				defer func() { <-sem; wg.Done() }()
				if err := e.send(ctx, j); err != nil {
					mu.Lock()
					errs = append(errs, err)
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		if len(errs) > 0 {
			return errors.Join(append(errs, gateErr)...)
		}
	}
	return gateErr
}

// send makes one provider request and records its outcome. The deliveries are
// already `sending` under j.Reference, so a crash at any point is reconciled.
func (e *Engine) send(ctx context.Context, j job) error {
	p, st := e.cfg.Provider, e.cfg.Store
	e.inflight.Store(j.Reference, struct{}{})
	defer e.inflight.Delete(j.Reference)
	if j.checkFirst != "" {
		prev := j.Batch
		prev.Reference = j.checkFirst
		found, err := p.Lookup(ctx, []Batch{prev}, e.cfg.Clock.Now().Add(-3*maxBackoff))
		if err != nil {
			evs, rerr := st.RecordFailure(ctx, j, &ProviderError{Class: Ambiguous, Reason: "the provider could not be asked whether an earlier attempt arrived", Err: err}, e.cfg.Clock.Now())
			e.emit(evs)
			return rerr
		}
		if acc, ok := found[j.checkFirst]; ok {
			j.Reference = j.checkFirst
			evs, err := st.RecordSent(ctx, j, acc, e.cfg.Clock.Now())
			e.emit(evs)
			return err
		}
	}
	if j.Originator == "" {
		j.Originator = e.cfg.Originator
	}
	if !e.pace(ctx) || e.Paused() || e.cfg.Clock.Now().Before(e.throttledUntil()) {
		// Shutting down, paused or throttled before the request: back in the queue.
		return st.Release(context.WithoutCancel(ctx), j)
	}
	if err := st.MarkRequested(ctx, j.Reference, e.cfg.Clock.Now()); err != nil {
		return errors.Join(err, st.Release(context.WithoutCancel(ctx), j))
	}
	acc, err := p.Send(ctx, j.Batch)
	if AccountProblem(err) {
		// The provider refused the account, not this message: nothing was created.
		// Pause everything, put the deliveries back as scheduled, then say so.
		e.paused.Store(true)
		rerr := st.requeue(context.WithoutCancel(ctx), j)
		e.pauseForAccount(Reason(err), e.cfg.Clock.Now())
		return rerr
	}
	if ra := RetryAfter(err); ra > 0 {
		e.throttle(e.cfg.Clock.Now().Add(ra))
	}
	if err != nil && Classify(err) == Ambiguous {
		// The message may have arrived: ask before anything else.
		if found, lerr := p.Lookup(context.WithoutCancel(ctx), []Batch{j.Batch}, e.cfg.Clock.Now().Add(-time.Hour)); lerr == nil {
			if a, ok := found[j.Reference]; ok {
				acc, err = a, nil
			}
		}
	}
	now := e.cfg.Clock.Now()
	ctx = context.WithoutCancel(ctx) // the outcome is recorded even during shutdown
	var evs []Event
	if !j.SendAt.IsZero() {
		if err == nil {
			e.handOffSucceeded()
		} else if Classify(err) != Permanent {
			e.handOffFailed(now)
		}
	}
	if err == nil {
		evs, err = st.RecordSent(ctx, j, acc, now)
	} else {
		sendErr := err
		evs, err = st.RecordFailure(ctx, j, sendErr, now)
		if err == nil && OptedOut(sendErr) {
			e.emit(evs)
			evs, err = e.providerOptOut(ctx, j.Recipients, Reason(sendErr), now)
		}
	}
	e.emit(evs)
	return err
}
