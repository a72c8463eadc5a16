package scheduler

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"minuit/internal/db"
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

// orphans returns the deliveries left `sending` that were claimed before `before`,
// grouped by request reference, skipping references still in flight.
func (s *Store) orphans(ctx context.Context, before time.Time, inFlight func(string) bool) ([]job, time.Time, error) {
	rows, err := s.db.R.QueryContext(ctx, `SELECT id, message_id, recipient, originator, body, kind, occurrence, deadline,
		attempts, reference, claimed_at, requested_at, due FROM deliveries WHERE state = 'sending' AND claimed_at < ? ORDER BY reference, id`,
		db.FormatTime(before))
	if err != nil {
		return nil, time.Time{}, fmt.Errorf("scheduler: find orphans: %w", err)
	}
	defer rows.Close()
	var jobs []job
	var oldest time.Time
	for rows.Next() {
		var c claimed
		var occ, deadline, ref, claimedAt, requestedAt, due string
		if err := rows.Scan(&c.ID, &c.MessageID, &c.Recipient, &c.Originator, &c.Body, &c.Kind, &occ, &deadline,
			&c.Attempts, &ref, &claimedAt, &requestedAt, &due); err != nil {
			return nil, time.Time{}, fmt.Errorf("scheduler: find orphans: %w", err)
		}
		if inFlight(ref) {
			continue
		}
		t, err := db.ParseTime(claimedAt)
		if err != nil {
			return nil, time.Time{}, fmt.Errorf("scheduler: find orphans: delivery %d: %w", c.ID, err)
		}
		if err := c.parseTimes(occ, deadline, due, t); err != nil {
			return nil, time.Time{}, err
		}
		if oldest.IsZero() || t.Before(oldest) {
			oldest = t
		}
		if n := len(jobs); n == 0 || jobs[n-1].Reference != ref {
			jobs = append(jobs, job{Batch: Batch{Reference: ref, Originator: c.Originator, Body: c.Body, Kind: c.Kind,
				SendAt: c.SendAt},
				requested: requestedAt != ""})
		}
		j := &jobs[len(jobs)-1]
		j.rows = append(j.rows, c)
		j.Recipients = append(j.Recipients, c.Recipient)
	}
	return jobs, oldest, rows.Err()
}

// markUnconfirmed records that the provider has no trace of a request that a crash
// interrupted: the user decides whether to send again.
func (s *Store) markUnconfirmed(ctx context.Context, j job, now time.Time) ([]Event, error) {
	why := "Minuit stopped while sending and the provider has no trace of this message: send it again or drop it"
	var evs []Event
	err := db.InTx(ctx, s.db.W, func(tx *sql.Tx) error {
		for _, c := range j.rows {
			if err := s.finishTx(ctx, tx, c, Unconfirmed, why, now); err != nil {
				return err
			}
			evs = append(evs, eventFor(EventUnconfirmed, c, why, now))
		}
		return nil
	})
	if err != nil {
		return nil, err // nothing was recorded: the next pass reports it
	}
	return evs, nil
}
