package scheduler

import (
	"context"
	"errors"
	"time"
)

// rescue reconciles deliveries left `sending` (claimed before `before`, with no
// request in flight) with the provider: found there → sent; not found →
// unconfirmed. When the provider cannot be asked, they stay `sending` and the next
// pass asks again: never resent blindly, never dropped silently.
func (e *Engine) rescue(ctx context.Context, before time.Time) error {
	st := e.cfg.Store
	jobs, oldest, err := st.orphans(ctx, before, func(ref string) bool {
		_, ok := e.inflight.Load(ref)
		return ok
	})
	if err != nil || len(jobs) == 0 {
		return err
	}
	var refs []Batch
	var errs []error
	for _, j := range jobs {
		if j.requested {
			refs = append(refs, j.Batch)
		} else {
			errs = append(errs, st.Release(ctx, j)) // never reached the provider
		}
	}
	if len(refs) == 0 {
		return errors.Join(errs...)
	}
	found, err := e.cfg.Provider.Lookup(ctx, refs, oldest.Add(-10*time.Minute))
	if err != nil {
		return errors.Join(errors.New("scheduler: could not reconcile interrupted sends with the provider"), err)
	}
	now := e.cfg.Clock.Now()
	for _, j := range jobs {
		if !j.requested {
			continue
		}
		var evs []Event
		if acc, ok := found[j.Reference]; ok {
			evs, err = st.RecordSent(ctx, j, acc, now)
		} else {
			evs, err = st.markUnconfirmed(ctx, j, now)
		}
		e.emit(evs)
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// poll asks the provider for the delivery reports that are due.
func (e *Engine) poll(ctx context.Context) error {
	st := e.cfg.Store
	due, err := st.dueChecks(ctx, e.cfg.Clock.Now(), 200)
	if err != nil {
		return err
	}
	var errs []error
	for pid, cs := range due {
		if ctx.Err() != nil {
			break
		}
		// On an error the reports are simply asked again later, backing off.
		statuses, _ := e.cfg.Provider.Status(ctx, pid)
		now := e.cfg.Clock.Now()
		evs, rerr := st.recordStatus(ctx, cs, statuses, now)
		e.emit(evs)
		errs = append(errs, rerr)
		var optedOut []string
		for _, s := range statuses {
			if s.OptedOut {
				optedOut = append(optedOut, e164(s.Recipient))
			}
		}
		if len(optedOut) > 0 && rerr == nil {
			evs, err := e.providerOptOut(ctx, optedOut, "the provider says the recipient replied STOP", now)
			e.emit(evs)
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
