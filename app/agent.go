package app

import (
	"context"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"
	"time"

	"minuit/scheduler"
	"minuit/ui/alerts"
)

func init() {
	commands["agent"] = command{noFlags, func(ctx context.Context, e *env, _ any, _ []string, _, stderr io.Writer) error {
		return runAgent(ctx, e, stderr)
	}}
	commands["window"] = command{noFlags, func(ctx context.Context, e *env, _ any, _ []string, _, stderr io.Writer) error {
		return window(ctx, e, stderr)
	}}
}

// runAgent is Minuit's light background process: the sender, the tray (when a
// tray host can be reached) and notifications, without Fyne's driver, so that it
// costs next to nothing while the window is closed. The window is its own process,
// which "Show Minuit" (tray) or "show" (control port) opens.
func runAgent(ctx context.Context, e *env, stderr io.Writer) error {
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	log := slog.New(slog.NewTextHandler(stderr, nil))
	n := newNotifier(func() { openWindowOn(e.dir, "history", log) })
	defer n.Close()
	agg := alerts.New(alerts.DefaultWindow, nil, func(title, body string) {
		if err := n.Notify(title, body); err != nil {
			log.Warn("notification not shown", "err", err)
		}
	})
	// The tray is set on this goroutine once the sender runs, and read by the
	// engine's event callback: an atomic pointer, never a plain variable.
	var tp atomic.Pointer[tray]
	// A few window refreshes a second at most, however many events come.
	refresh := newCoalescer(ctx, 300*time.Millisecond, time.After, func() { ask(e.dir, windowPortFile, "refresh") })
	s, err := startSenderWith(ctx, e, senderHooks{
		onEvent: func(ev scheduler.Event) {
			logEvent(log, ev)
			agg.Add(ev)
			if ev.Kind == scheduler.EventNextDue {
				if t := tp.Load(); t != nil {
					t.setNext(ev.Next)
				}
				return
			}
			refresh.Poke()
		},
		onShow: func() { go openWindow(e.dir, log) },
		onQuit: cancel,
	})
	if err != nil {
		return err
	}
	log.Info("sending", "data", e.dir, "provider", providerLabel(ctx, e))
	if n.bus && n.trayHost() && os.Getenv("MINUIT_NO_TRAY") == "" {
		s.mu.Lock()
		s.tray = true
		s.mu.Unlock()
		t := newTray(e.dir, s, cancel, log)
		tp.Store(t)
		t.run(ctx) // returns when ctx ends or Quit is chosen
	}
	err = <-s.done
	agg.Flush()
	log.Info("stopped")
	return err
}

// openWindow raises the open window, or starts one.
func openWindow(dir string, log *slog.Logger) { openWindowOn(dir, "", log) }

// ensureAgent starts the background sender when none answers, and waits until its
// control port does (at most a few seconds). It returns a plain error when the
// agent could not start, e.g. because the provider is misconfigured.
func ensureAgent(dir string) error {
	if poke(dir, "status") {
		return nil
	}
	exited, err := spawnAgent(dir)
	if err != nil {
		return err
	}
	tick := time.NewTicker(25 * time.Millisecond)
	defer tick.Stop()
	deadline := time.After(5 * time.Second)
	for {
		select {
		case err := <-exited:
			return agentFailure(dir, err)
		case <-deadline:
			return agentFailure(dir, nil)
		case <-tick.C:
			if poke(dir, "status") {
				return nil
			}
		}
	}
}
