package app

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"sync"
	"testing"
	"time"

	"minuit/scheduler"
)

// stepClock is a settable clock whose timers are handed to the test, which fires
// them: receiving the next timer tells the test the owner finished its step.
type stepClock struct {
	mu     sync.Mutex
	now    time.Time
	timers chan stepTimer
}

type stepTimer struct {
	d time.Duration
	c chan time.Time
}

func (t stepTimer) C() <-chan time.Time { return t.c }
func (t stepTimer) Stop() bool          { return true }

func newStepClock(now time.Time) *stepClock {
	return &stepClock{now: now, timers: make(chan stepTimer, 1)}
}

func (c *stepClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *stepClock) NewTimer(d time.Duration) scheduler.Timer {
	t := stepTimer{d: d, c: make(chan time.Time, 1)}
	c.timers <- t
	return t
}

// fire sets the time to now, fires the pending timer and waits for the next one.
func (c *stepClock) fire(t *testing.T, now time.Time) stepTimer {
	t.Helper()
	c.mu.Lock()
	c.now = now
	c.mu.Unlock()
	select {
	case tm := <-c.timers:
		tm.c <- now
	case <-t.Context().Done():
		t.Fatal("no timer to fire")
	}
	select {
	case tm := <-c.timers:
		c.timers <- tm // still pending, for the next fire
		return tm
	case <-t.Context().Done():
		t.Fatal("the owner did not wait again")
	}
	return stepTimer{}
}

// backupFiles lists the names in dir's backups folder.
func backupFiles(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(filepath.Join(dir, backupsDir))
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return names
}

func TestTheRuleKeepsSevenDailyBackupsAndTheNewestOfFourWeeksBefore(t *testing.T) {
	var bs []datedBackup
	for d := time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC); d.Month() > 9; d = d.AddDate(0, 0, -1) {
		if d.Month() == 11 && d.Day() >= 20 && d.Day() <= 22 {
			continue // the computer was off
		}
		bs = append(bs, datedBackup{name: backupName(d), day: d})
	}
	dropped := map[string]bool{}
	for _, b := range backupsToDrop(bs) {
		dropped[b.name] = true
	}
	var kept []string
	for _, b := range bs {
		if !dropped[b.name] {
			kept = append(kept, b.name[len("minuit-"):len(b.name)-len(".db")])
		}
	}
	want := []string{"2026-12-02", "2026-12-01", "2026-11-30", "2026-11-29", "2026-11-28", "2026-11-27", "2026-11-26",
		"2026-11-25", "2026-11-19", "2026-11-15", "2026-11-08"}
	if !reflect.DeepEqual(kept, want) {
		t.Fatalf("kept %v, want %v", kept, want)
	}
}

func TestTheDailyBackupRunsOnceADayAndAgainWhenTheComputerWakesPastMidnight(t *testing.T) {
	dir := t.TempDir()
	e, err := openEnv(t.Context(), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	// A backups folder left with loose modes is tightened.
	if err := os.Mkdir(filepath.Join(dir, backupsDir), 0o755); err != nil {
		t.Fatal(err)
	}
	day1 := time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC)
	clk := newStepClock(day1)
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan struct{})
	go func() {
		defer close(done)
		dailyBackups(ctx, e, clk, discardLog())
	}()
	first := <-clk.timers
	clk.timers <- first
	if first.d != backupFirstWait {
		t.Fatalf("first wait %v, want %v", first.d, backupFirstWait)
	}
	next := clk.fire(t, day1.Add(2*time.Minute))
	if got := backupFiles(t, dir); !reflect.DeepEqual(got, []string{"minuit-2026-11-28.db"}) {
		t.Fatalf("after the first check: %v", got)
	}
	if next.d != backupCheckEvery {
		t.Fatalf("then waits %v, want %v", next.d, backupCheckEvery)
	}
	path := filepath.Join(dir, backupsDir, "minuit-2026-11-28.db")
	before, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	clk.fire(t, day1.Add(32*time.Minute))
	if after, err := os.Stat(path); err != nil || !os.SameFile(before, after) {
		t.Fatalf("the day's backup was written again on the same day (%v)", err)
	}
	clk.fire(t, day1.Add(23*time.Hour)) // the timer slept through a suspend past midnight
	if got := backupFiles(t, dir); !reflect.DeepEqual(got, []string{"minuit-2026-11-28.db", "minuit-2026-11-29.db"}) {
		t.Fatalf("after waking on the next day: %v", got)
	}
	if runtime.GOOS != "windows" {
		fi, _ := os.Stat(filepath.Join(dir, backupsDir))
		bi, _ := os.Stat(path)
		if fi.Mode().Perm() != 0o700 || bi.Mode().Perm() != 0o600 {
			t.Fatalf("folder %v, file %v; want 0700 and 0600", fi.Mode().Perm(), bi.Mode().Perm())
		}
	}
	if last, err := lastBackup(dir); err != nil || last.IsZero() {
		t.Fatalf("last backup = %v (%v)", last, err)
	}
	cancel()
	<-done
}

func TestTheSenderMakesTheDailyBackupAndStopsItsOwnerWhenItStops(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("HOME", dir)
	t.Setenv("XDG_CONFIG_HOME", dir)
	clk := newStepClock(time.Date(2026, 11, 29, 8, 0, 0, 0, time.UTC))
	backupClock = clk
	t.Cleanup(func() { backupClock = scheduler.RealClock{} })
	ctx, cancel := context.WithCancel(t.Context())
	e, err := openEnv(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	s, err := startSenderWith(ctx, e, senderHooks{})
	if err != nil {
		t.Fatal(err)
	}
	clk.fire(t, time.Date(2026, 11, 29, 8, 2, 0, 0, time.UTC))
	if got := backupFiles(t, dir); !reflect.DeepEqual(got, []string{"minuit-2026-11-29.db"}) {
		t.Fatalf("backups while the sender runs: %v", got)
	}
	cancel()
	<-s.done // sent only once the owner has stopped
}

func discardLog() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }
