package app

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"minuit/internal/db"
	"minuit/internal/minuit"
	"minuit/scheduler"
	"minuit/scheduler/providers"
	"minuit/scheduler/sandbox"
)

// sender is a running engine with its lock. "reload" (after Settings changed the
// provider) builds a new provider and engine and swaps them in without giving up
// the lock; a pause the old provider caused ends with it.
type sender struct {
	lock *senderLock
	done chan error
	env  *env
	cfg  scheduler.Config // the engine's configuration but the provider

	mu       sync.Mutex
	engine   *scheduler.Engine
	provider string             // the provider's name
	stop     context.CancelFunc // ends the current engine's Run
	next     time.Time          // when the engine next has work (zero: nothing planned)
	tray     bool               // whether a tray shows this sender
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
// A damaged database (checkDatabase), or one deleted or replaced while sending,
// stops the sender: its error comes on done, and onQuit is called.
func startSenderWith(ctx context.Context, e *env, h senderHooks) (*sender, error) {
	// ctx ends too when the engine stops by itself (its database gone or damaged).
	ctx, stopSending := context.WithCancel(ctx)
	started := false
	defer func() {
		if !started {
			stopSending()
		}
	}()
	originator, err := e.setting(ctx, minuit.KeyOriginator, EnvOriginator, "Minuit")
	if err != nil {
		return nil, err
	}
	s := &sender{done: make(chan error, 1), env: e}
	s.cfg = scheduler.Config{
		Store:      e.store,
		Files:      []*db.DB{e.cdb},
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
			// The engine hands each distinct error once in a while, not at every pass.
			var pe *scheduler.PassError
			if !errors.As(err, &pe) {
				slog.Error("the database could not be checked", "err", err)
				return
			}
			slog.Error("sending held up by an error", "err", pe.Err, "retry_in", pe.RetryIn.Round(time.Second),
				"failing_since", pe.Since.Format(time.DateTime))
		},
	}
	eng, name, err := s.build(ctx)
	if err != nil {
		return nil, err
	}
	ready := make(chan struct{})
	s.lock, err = acquireLock(e.dir, senderLockFile, senderPortFile, ErrAlreadyRunning, func(cmd string) string {
		<-ready
		return s.command(ctx, cmd, h)
	})
	if err != nil {
		return nil, err
	}
	s.swap(ctx, eng, name)
	close(ready)
	backups := startBackups(ctx, e) // the daily backup, stopped with ctx
	// The weekly test text's verdicts and the live calendar file, stopped with ctx.
	reportJobs := startReportJobs(ctx, e, scheduler.RealClock{}, s.cfg.OnEvent)
	go func() {
		err := s.checkDatabase(ctx)
		shop := &shopOwner{done: make(chan struct{})}
		if err == nil { // the store's automations, once the database is known sound; stopped with ctx
			shop = startShopify(ctx, e, func() { s.current().Wake() }, slog.Default())
		} else {
			close(shop.done)
		}
		for err == nil && ctx.Err() == nil {
			s.mu.Lock()
			eng, runCtx := s.engine, s.runCtx(ctx)
			s.mu.Unlock()
			err = eng.Run(runCtx) // an error: the database was deleted, replaced or found damaged
		}
		stopSending()
		backups.Wait()
		reportJobs.Wait()
		shop.Wait()
		s.lock.Release() // before done, so whoever waits can start a new sender at once
		if err != nil && h.onQuit != nil {
			h.onQuit() // the process around the sender (the agent's tray) ends too
		}
		s.done <- err
	}()
	started = true
	return s, nil
}

// checkDatabase runs quick_check before the first pass, so that a damaged database
// is never used for sending: it then returns the *db.DamagedError (whose sentence
// says how to restore) after an EventStoreProblem. It runs once the control port
// answers, so that a slow disk does not make the sender look dead. Other errors
// are reported and leave the engine to cope (it backs off).
func (s *sender) checkDatabase(ctx context.Context) error {
	err := s.env.db.QuickCheck(ctx)
	if err == nil {
		err = s.env.cdb.QuickCheck(ctx)
	}
	var damaged *db.DamagedError
	switch {
	case ctx.Err() != nil:
		return nil
	case errors.As(err, &damaged):
		s.cfg.OnEvent(scheduler.Event{Kind: scheduler.EventStoreProblem, Reason: err.Error(), At: time.Now()})
		return err
	case err != nil:
		s.cfg.OnError(err)
	}
	return nil
}

// build makes an engine for the configured provider and hand-off setting.
func (s *sender) build(ctx context.Context) (*scheduler.Engine, string, error) {
	prov, err := s.env.provider(ctx)
	if err != nil {
		return nil, "", err
	}
	handOff, err := s.env.handOff(ctx)
	if err != nil {
		return nil, "", err
	}
	cfg := s.cfg
	cfg.Provider, cfg.HandOff = prov, handOff
	return scheduler.New(cfg), prov.Name(), nil
}

// swap makes eng the running engine and ends the previous one's Run.
func (s *sender) swap(ctx context.Context, eng *scheduler.Engine, name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.engine, s.provider = eng, name
	if s.stop != nil {
		s.stop()
		s.stop = nil
	}
}

// runCtx returns the context the current engine runs under; s.mu is held.
func (s *sender) runCtx(parent context.Context) context.Context {
	ctx, cancel := context.WithCancel(parent)
	s.stop = cancel
	return ctx
}

func (s *sender) current() *scheduler.Engine {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.engine
}

// reload rebuilds the engine from the settings; the old one stops after its pass.
func (s *sender) reload(ctx context.Context) string {
	eng, name, err := s.build(ctx)
	if err != nil {
		return "error " + err.Error()
	}
	s.swap(ctx, eng, name)
	return "ok"
}

func (s *sender) command(ctx context.Context, cmd string, h senderHooks) string {
	switch cmd {
	case "reload":
		return s.reload(ctx)
	case "wake":
		s.current().Wake()
	case "show":
		if h.onShow == nil {
			return "no window"
		}
		h.onShow()
	case "pause":
		s.current().SetPaused(true)
	case "resume":
		s.current().SetPaused(false)
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
	st := senderStatus{Paused: s.engine.Paused(), Reason: s.engine.PauseReason(), Tray: s.tray, Next: next,
		Provider: s.provider, HandOff: s.engine.HandsOff(), Inbound: s.engine.InboundProblem(),
		Reports: s.engine.ReportProblem()}
	b, _ := json.Marshal(st)
	return "ok " + string(b)
}

// senderStatus is the running sender's answer to "status", as JSON after "ok ".
type senderStatus struct {
	Paused   bool   `json:"paused"`
	Reason   string `json:"pause_reason,omitempty"` // why the provider made it pause
	Tray     bool   `json:"tray"`
	Next     string `json:"next"` // RFC 3339, or "none"
	Provider string `json:"provider"`
	HandOff  bool   `json:"handoff"` // deliveries go to the provider's scheduler ahead of time
	// Inbound says why STOP replies are not being read ("" while they are).
	Inbound string `json:"inbound_problem,omitempty"`
	// Reports says why delivery reports are not being read ("" while they are).
	Reports string `json:"report_problem,omitempty"`
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
	name, _ := e.setting(ctx, minuit.KeyProvider, EnvProvider, providers.Sandbox)
	spec, ok := providers.Find(name)
	switch {
	case !ok:
		return name
	case spec.Name == providers.Sandbox:
		return sandbox.Label
	}
	return spec.Label
}

// askStatus asks the running sender of dir for its status; ok is false when none
// answers.
func askStatus(dir string) (senderStatus, bool) {
	reply, ok := ask(dir, senderPortFile, "status")
	var st senderStatus
	if !ok || !strings.HasPrefix(reply, "ok ") || json.Unmarshal([]byte(strings.TrimPrefix(reply, "ok ")), &st) != nil {
		return senderStatus{}, false
	}
	return st, true
}
