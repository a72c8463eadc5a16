package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"minuit/scheduler"
)

// Daily backups. While a sender runs, the data folder's backups/ folder (mode 0700)
// receives one copy of the database a day, named by the local date
// (minuit-2026-11-29.db, mode 0600), made online (db.Backup: sending goes on).
// "Back up now" in Settings and `minuit backup` without a file write the same
// day's file again.
//
// Kept after each backup (the rule): the 7 newest daily files, and of the older
// ones the newest file of each ISO week (Monday to Sunday), for the 4 most recent
// such weeks. With one backup a day that is the last week day by day, then one copy
// per week for four weeks more: at most 11 files, about five weeks back. Only files
// named minuit-YYYY-MM-DD.db are ever removed; copies saved there under other names
// stay.
const (
	backupsDir = "backups"
	keepDaily  = 7
	keepWeekly = 4

	backupFirstWait  = 2 * time.Minute  // after the sender starts, so its first pass goes first
	backupCheckEvery = 30 * time.Minute // the longest sleep before the wall clock is read again
	backupRetryWait  = time.Hour        // after a failed backup
	staleCopyAge     = 24 * time.Hour   // a temporary copy this old was left by a crash
	backupNowLimit   = 10 * time.Minute // the longest a backup from the window may take
)

// backupClock is the daily backups' clock; tests replace it.
var backupClock scheduler.Clock = scheduler.RealClock{}

// backupName is the file name of the daily backup of day, in day's own zone.
func backupName(day time.Time) string { return "minuit-" + day.Format(time.DateOnly) + ".db" }

// datedBackup is one file of backups/ named by its date.
type datedBackup struct {
	name string
	day  time.Time // midnight UTC of the name's date
	info os.FileInfo
}

// datedBackups lists the daily backups in dir, newest date first. A missing folder
// holds none.
func datedBackups(dir string) ([]datedBackup, error) {
	ents, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("app: read the backups folder: %w", err)
	}
	var out []datedBackup
	for _, e := range ents {
		date, okPrefix := strings.CutPrefix(e.Name(), "minuit-")
		date, okSuffix := strings.CutSuffix(date, ".db")
		if !okPrefix || !okSuffix || !e.Type().IsRegular() {
			continue
		}
		day, err := time.Parse(time.DateOnly, date)
		if err != nil {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue // removed meanwhile
		}
		out = append(out, datedBackup{name: e.Name(), day: day, info: info})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].day.After(out[j].day) })
	return out, nil
}

// backupsToDrop applies the rule to bs (newest first) and returns the files it
// does not keep.
func backupsToDrop(bs []datedBackup) []datedBackup {
	var drop []datedBackup
	weeks := map[string]bool{}
	for i, b := range bs {
		if i < keepDaily {
			continue
		}
		y, w := b.day.ISOWeek()
		week := fmt.Sprintf("%d-%d", y, w)
		if !weeks[week] && len(weeks) < keepWeekly {
			weeks[week] = true // the newest of its week, being newest first
			continue
		}
		drop = append(drop, b)
	}
	return drop
}

// pruneBackups removes the daily backups the rule does not keep, and temporary
// copies a crash left behind.
func pruneBackups(dir string, now time.Time) error {
	bs, err := datedBackups(dir)
	if err != nil {
		return err
	}
	var errs []error
	for _, b := range backupsToDrop(bs) {
		if err := os.Remove(filepath.Join(dir, b.name)); err != nil && !errors.Is(err, os.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	stale, _ := filepath.Glob(filepath.Join(dir, ".minuit-copy-*.tmp"))
	for _, p := range stale {
		if fi, err := os.Stat(p); err == nil && now.Sub(fi.ModTime()) > staleCopyAge {
			_ = os.Remove(p)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("app: remove old backups: %w", err)
	}
	return nil
}

// backupToday writes the daily backup of now's date into dataDir/backups (the
// folder created or tightened to 0700), replacing that day's file, then prunes.
func backupToday(ctx context.Context, e *env, now time.Time) (string, error) {
	dir := filepath.Join(e.dir, backupsDir)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("app: create the backups folder: %w", err)
	}
	if err := os.Chmod(dir, 0o700); err != nil {
		return "", fmt.Errorf("app: make the backups folder private: %w", err)
	}
	path := filepath.Join(dir, backupName(now))
	if err := e.db.BackupAll(ctx, path, true, e.cdb); err != nil {
		return "", err
	}
	return path, pruneBackups(dir, now)
}

// backupNow is Settings' "Back up now": today's backup, with up to
// backupNowLimit to finish rather than the window's usual call timeout (a large
// database on a slow disk takes longer).
func backupNow(ctx context.Context, e *env) (string, error) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), backupNowLimit)
	defer cancel()
	return backupToday(ctx, e, time.Now())
}

// lastBackup is when the newest daily backup of dataDir was written; zero when
// there is none.
func lastBackup(dataDir string) (time.Time, error) {
	bs, err := datedBackups(filepath.Join(dataDir, backupsDir))
	var last time.Time
	for _, b := range bs {
		if t := b.info.ModTime(); b.info.Size() > 0 && t.After(last) {
			last = t
		}
	}
	return last, err
}

// backupOwner makes the daily backup while a sender runs. It stops with the
// sender's context; Wait returns once it has.
type backupOwner struct{ done chan struct{} }

// startBackups starts the daily backups of e's database on backupClock.
func startBackups(ctx context.Context, e *env) *backupOwner {
	b := &backupOwner{done: make(chan struct{})}
	clock := backupClock
	go func() {
		defer close(b.done)
		dailyBackups(ctx, e, clock, slog.Default())
	}()
	return b
}

// Wait blocks until the owner has stopped.
func (b *backupOwner) Wait() { <-b.done }

// dailyBackups checks every backupCheckEvery, reading the wall clock each time (a
// computer that slept past midnight backs up when it wakes), whether today's backup
// exists, and makes it when not.
func dailyBackups(ctx context.Context, e *env, clock scheduler.Clock, log *slog.Logger) {
	wait := backupFirstWait
	for {
		t := clock.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C():
		}
		wait = backupCheckEvery
		now := clock.Now()
		if _, err := os.Stat(filepath.Join(e.dir, backupsDir, backupName(now))); err == nil {
			continue
		}
		path, err := backupToday(ctx, e, now)
		switch {
		case ctx.Err() != nil:
			return
		case path == "":
			log.Error("the daily backup failed; trying again in an hour", "err", err)
			wait = backupRetryWait
		case err != nil:
			log.Warn("backed up, but old backups could not be removed", "file", path, "err", err)
		default:
			log.Info("backed up", "file", path)
		}
	}
}
