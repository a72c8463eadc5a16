package app

import (
	"bytes"
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"minuit/internal/minuit"
	"minuit/scheduler"
)

// syncBuffer is a log sink the agent writes from several goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestTheBackgroundSenderSendsRefreshesTheWindowAndQuitsWhenAsked runs runAgent as
// `minuit agent` does (without a tray host), under -race in scripts/test.sh: a due
// message leaves once, the open window is told to refresh through its port, status
// answers, and "quit" on the control port ends the agent cleanly.
func TestTheBackgroundSenderSendsRefreshesTheWindowAndQuitsWhenAsked(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("HOME", dir)
	t.Setenv("XDG_CONFIG_HOME", dir)
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path="+dir+"/no-bus")
	t.Setenv("MINUIT_NO_TRAY", "1")
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	e, err := openEnv(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	// A window stand-in on the window's port: it records what the agent asks.
	seen := make(chan string, 100)
	wl, err := acquireLock(dir, windowLockFile, windowPortFile, errWindowOpen, func(cmd string) string {
		seen <- cmd
		return "ok"
	})
	if err != nil {
		t.Fatal(err)
	}
	defer wl.Release()
	_, err = e.store.CreateMessage(ctx, scheduler.Message{Body: "Votre commande est prête", Kind: minuit.Transactional,
		TZ: "UTC", At: time.Now().UTC().Format("2006-01-02 15:04:05"),
		Recipients: []scheduler.RecipientRef{{Kind: scheduler.ToNumber, Value: "+33612345678"}}})
	if err != nil {
		t.Fatal(err)
	}
	var log syncBuffer
	done := make(chan error, 1)
	go func() { done <- runAgent(ctx, e, &log) }()

	select {
	case cmd := <-seen:
		if cmd != "refresh" {
			t.Fatalf("the agent asked the window %q, want refresh", cmd)
		}
	case err := <-done:
		t.Fatalf("the agent stopped before sending: %v\n%s", err, log.String())
	case <-time.After(30 * time.Second): // a guard against a hang, not a wait
		t.Fatalf("the window was never asked to refresh\n%s", log.String())
	}
	st, ok := askStatus(dir)
	if !ok || st.Paused || st.Tray {
		t.Fatalf("status %+v (%v), want a running sender without a tray", st, ok)
	}
	if reply, ok := ask(dir, senderPortFile, "quit"); !ok || reply != "ok" {
		t.Fatalf("quit: %q %v", reply, ok)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("the agent ended with %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the agent did not stop after quit")
	}
	ds, _, err := e.store.History(ctx, scheduler.HistoryQuery{})
	if err != nil || len(ds) != 1 || ds[0].State == scheduler.Scheduled || ds[0].Attempts != 1 {
		t.Fatalf("history %+v (%v), want the one delivery sent once", ds, err)
	}
	if !strings.Contains(log.String(), "msg=sending") || !strings.Contains(log.String(), "msg=stopped") {
		t.Errorf("the log does not say it started and stopped:\n%s", log.String())
	}
}
