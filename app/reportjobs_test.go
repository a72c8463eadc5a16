package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"minuit/internal/db"
	"minuit/internal/minuit"
	"minuit/scheduler"
	"minuit/scheduler/icalendar"
)

func TestTheSenderAlertsOnAFailedTestTextAndKeepsTheLiveCalendarUpToDate(t *testing.T) {
	dir, live := t.TempDir(), t.TempDir()
	e, err := openEnv(t.Context(), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	ctx := t.Context()
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	id, err := e.store.SetDeliveryCheck(ctx, "+33612345678", "Test", "Europe/Paris", now.Add(-7*24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	// This Monday's test failed at the operator.
	at := db.FormatTime(now.Add(-2 * time.Hour))
	if _, err := e.db.W.Exec(`INSERT INTO deliveries (message_id, occurrence, recipient, originator, kind, body, segments,
		state, due, sent_at, error, created_at, updated_at) VALUES (?, ?, '+33612345678', '', 'transactional', 'Test', 1,
		'failed', ?, ?, 'unknown subscriber', ?, ?)`, id, at, at, at, at, at); err != nil {
		t.Fatal(err)
	}
	if err := e.store.SetSetting(ctx, icalendar.KeyLiveFolder, live); err != nil {
		t.Fatal(err)
	}
	clk := newStepClock(now)
	events := make(chan scheduler.Event, 10)
	jctx, cancel := context.WithCancel(ctx)
	jobs := startReportJobs(jctx, e, clk, func(ev scheduler.Event) { events <- ev })
	first := <-clk.timers // the first look is done
	clk.timers <- first
	select {
	case ev := <-events:
		if ev.Kind != scheduler.EventDeliveryCheck || !strings.Contains(ev.Reason, "unknown subscriber") {
			t.Fatalf("event %+v", ev)
		}
	default:
		t.Fatal("no alert for the failed test text")
	}
	file := filepath.Join(live, icalendar.LiveFile)
	b, err := os.ReadFile(file)
	if err != nil || !strings.Contains(string(b), "UID:message-1@minuit") {
		t.Fatalf("live calendar: %v\n%s", err, b)
	}
	// A new plan is in the file after the next look; nothing is said twice.
	if _, err := e.store.CreateMessage(ctx, scheduler.Message{Body: "Soldes", Kind: minuit.Transactional,
		At: "2026-12-24 09:00", TZ: "Europe/Paris", Recipients: []scheduler.RecipientRef{{Kind: scheduler.ToNumber,
			Value: "+33612345679"}}}); err != nil {
		t.Fatal(err)
	}
	clk.fire(t, now.Add(jobsEvery))
	if b, _ = os.ReadFile(file); !strings.Contains(string(b), "UID:message-2@minuit") {
		t.Fatalf("the live calendar was not rewritten:\n%s", b)
	}
	if len(events) != 0 {
		t.Fatalf("said again: %+v", <-events)
	}
	if leftovers, _ := filepath.Glob(filepath.Join(live, ".*tmp")); len(leftovers) != 0 {
		t.Fatalf("temporary files left: %v", leftovers)
	}
	cancel()
	jobs.Wait()
}
