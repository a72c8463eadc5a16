package app

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"time"

	"minuit/scheduler"
	"minuit/scheduler/icalendar"
)

// jobsEvery is how often the sender's report jobs look for work: the delivery
// check's verdicts and plan changes for the live calendar file. Each look is a
// few tiny queries; changes within one interval make one rewrite.
const jobsEvery = time.Minute

// jobsOwner is the goroutine of the report jobs; Wait returns once it stopped.
type jobsOwner struct{ done chan struct{} }

// Wait blocks until the jobs stopped (their context ended).
func (j *jobsOwner) Wait() { <-j.done }

// startReportJobs runs, until ctx ends, what the background sender does for
// reports: it judges the weekly test texts (Store.CheckDeliveries; a problem goes
// to onEvent, as the engine's, and becomes a notification), and keeps the live
// calendar file up to date.
func startReportJobs(ctx context.Context, e *env, clock scheduler.Clock, onEvent func(scheduler.Event)) *jobsOwner {
	j := &jobsOwner{done: make(chan struct{})}
	go func() {
		defer close(j.done)
		live := &liveCalendar{e: e}
		for {
			now := clock.Now()
			evs, err := e.store.CheckDeliveries(ctx, now)
			if err != nil && ctx.Err() == nil {
				slog.Warn("the delivery check could not be read", "err", err)
			}
			for _, ev := range evs {
				onEvent(ev)
			}
			if err := live.update(ctx, now); err != nil && ctx.Err() == nil {
				slog.Warn("the live calendar file could not be written", "err", err)
			}
			t := clock.NewTimer(jobsEvery)
			select {
			case <-ctx.Done():
				t.Stop()
				return
			case <-t.C():
			}
		}
	}()
	return j
}

// liveCalendar rewrites the live .ics file when what it shows may have changed:
// the plans (messages and their skipped occurrences), the folder, or the day
// (birthdays read from contacts). It belongs to the jobs' goroutine.
type liveCalendar struct {
	e    *env
	last string // the fingerprint of the file last written
}

func (l *liveCalendar) update(ctx context.Context, now time.Time) error {
	folder, err := l.e.store.Setting(ctx, icalendar.KeyLiveFolder, "")
	if err != nil || folder == "" {
		l.last = ""
		return err
	}
	var msgs, skips int
	var changed string
	err = l.e.db.R.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM messages WHERE status = 'active'),
		(SELECT coalesce(max(updated_at), '') FROM messages), (SELECT count(*) FROM message_skips)`).Scan(&msgs, &changed, &skips)
	if err != nil {
		return fmt.Errorf("app: live calendar: %w", err)
	}
	print := fmt.Sprint(folder, msgs, changed, skips, now.Format(time.DateOnly))
	if print == l.last {
		return nil
	}
	path := filepath.Join(folder, icalendar.LiveFile)
	if err := saveWhole(path, func(w io.Writer) error { return writeICS(ctx, l.e, w, now) }); err != nil {
		return err
	}
	l.last = print
	slog.Info("live calendar written", "file", path)
	return nil
}
