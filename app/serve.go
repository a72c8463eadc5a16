package app

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	"minuit/scheduler"
)

// sender is a running engine with its lock.
type sender struct {
	engine *scheduler.Engine
	lock   *senderLock
	done   chan error

	mu   sync.Mutex
	next time.Time // when the engine next has work (zero: nothing planned)
	tray bool      // whether a tray shows this sender
}

// senderHooks are what the process around a sender wants to hear.
type senderHooks struct {
	onEvent func(scheduler.Event) // from the engine's goroutines; must not block
	onShow  func()                // "show": bring up the window
	onQuit  func()                // "quit": the window asked to stop sending
}

// startSender takes the lock, builds the engine and runs it until ctx ends.
func startSender(ctx context.Context, e *env, onEvent func(scheduler.Event), onShow func()) (*sender, error) {
	return startSenderWith(ctx, e, senderHooks{onEvent: onEvent, onShow: onShow})
}

// startSenderWith is startSender with the full control protocol: wake, show, pause,
// resume, status ("ok paused=false tray=true next=2026-11-25T09:00:00Z") and quit.
func startSenderWith(ctx context.Context, e *env, h senderHooks) (*sender, error) {
	prov, err := e.provider(ctx)
	if err != nil {
		return nil, err
	}
	originator, err := e.setting(ctx, SetOriginator, EnvOriginator, "Minuit")
	if err != nil {
		return nil, err
	}
	s := &sender{done: make(chan error, 1)}
	ready := make(chan struct{})
	s.lock, err = acquireLock(e.dir, senderLockFile, senderPortFile, ErrAlreadyRunning, func(cmd string) string {
		<-ready
		return s.command(cmd, h)
	})
	if err != nil {
		return nil, err
	}
	s.engine = scheduler.New(scheduler.Config{
		Store:      e.store,
		Provider:   prov,
		Directory:  e.directory(),
		Originator: originator,
		OnOptOut:   e.optOutHook(),
		OnOptIn:    e.optInHook(),
		OnEvent: func(ev scheduler.Event) {
			if ev.Kind == scheduler.EventNextDue {
				s.mu.Lock()
				s.next = ev.Next
				s.mu.Unlock()
			}
			if h.onEvent != nil {
				h.onEvent(ev)
			}
		},
		OnError: func(err error) {
			slog.Error("sending paused by an error; retrying in 30 s", "err", err)
		},
	})
	close(ready)
	go func() {
		err := s.engine.Run(ctx)
		s.lock.Release() // before done, so whoever waits can start a new sender at once
		s.done <- err
	}()
	return s, nil
}

func (s *sender) command(cmd string, h senderHooks) string {
	switch cmd {
	case "wake":
		s.engine.Wake()
	case "show":
		if h.onShow == nil {
			return "no window"
		}
		h.onShow()
	case "pause":
		s.engine.SetPaused(true)
	case "resume":
		s.engine.SetPaused(false)
		s.engine.Wake()
	case "status":
		return s.status()
	case "quit":
		if h.onQuit == nil {
			return "no"
		}
		h.onQuit()
	default:
		return ""
	}
	return "ok"
}

func (s *sender) status() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	next := "none"
	if !s.next.IsZero() {
		next = s.next.UTC().Format(time.RFC3339)
	}
	return fmt.Sprintf("ok paused=%t tray=%t next=%s", s.engine.Paused(), s.tray, next)
}

// serve runs the sender without a window until SIGINT or SIGTERM.
func serve(ctx context.Context, e *env, stderr io.Writer) error {
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	log := slog.New(slog.NewTextHandler(stderr, nil))
	s, err := startSender(ctx, e, func(ev scheduler.Event) { logEvent(log, ev) }, nil)
	if err != nil {
		return err
	}
	log.Info("sending", "data", e.dir, "provider", providerLabel(ctx, e))
	err = <-s.done
	log.Info("stopped")
	return err
}

func logEvent(log *slog.Logger, ev scheduler.Event) {
	switch {
	case ev.Kind == scheduler.EventNextDue:
		return
	case ev.Problem():
		log.Warn(string(ev.Kind), "delivery", ev.DeliveryID, "to", ev.To, "reason", ev.Reason)
	default:
		log.Info(string(ev.Kind), "delivery", ev.DeliveryID, "to", ev.To)
	}
}

func providerLabel(ctx context.Context, e *env) string {
	name, _ := e.setting(ctx, SetProvider, EnvProvider, "sandbox")
	if name == "" || name == "sandbox" {
		return "Sandbox: nothing is really sent"
	}
	return "MessageBird"
}
