package app

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"minuit/scheduler"
)

// sender is a running engine with its lock.
type sender struct {
	engine *scheduler.Engine
	lock   *senderLock
	done   chan error
}

// startSender takes the lock, builds the engine and runs it until ctx ends.
func startSender(ctx context.Context, e *env, onEvent func(scheduler.Event), onShow func()) (*sender, error) {
	prov, err := e.provider(ctx)
	if err != nil {
		return nil, err
	}
	s := &sender{done: make(chan error, 1)}
	s.lock, err = acquireSender(e.dir, func(cmd string) {
		switch cmd {
		case "wake":
			s.engine.Wake()
		case "show":
			if onShow != nil {
				onShow()
			}
		}
	})
	if err != nil {
		return nil, err
	}
	s.engine = scheduler.New(scheduler.Config{
		Store:     e.store,
		Provider:  prov,
		Directory: e.directory(),
		OnEvent:   onEvent,
		OnError: func(err error) {
			slog.Error("sending paused by an error; retrying in 30 s", "err", err)
		},
	})
	go func() {
		s.done <- s.engine.Run(ctx)
		s.lock.Release()
	}()
	return s, nil
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
	return fmt.Sprintf("%s", name)
}
