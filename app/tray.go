//go:build !darwin || cgo

package app

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"fyne.io/fyne/v2/lang"
	"fyne.io/systray"

	"minuit/assets"
	"minuit/ui/l10n"
)

// tray is the agent's system tray icon and menu (fyne.io/systray: event driven,
// no GL loop).
type tray struct {
	dir    string
	s      *sender
	quit   func()
	log    *slog.Logger
	mu     sync.Mutex
	next   *systray.MenuItem
	nextAt time.Time
}

func newTray(dir string, s *sender, quit func(), log *slog.Logger) *tray {
	return &tray{dir: dir, s: s, quit: quit, log: log}
}

// run shows the tray until ctx ends or the user chooses Quit.
func (t *tray) run(ctx context.Context) {
	go func() {
		<-ctx.Done()
		systray.Quit()
	}()
	systray.Run(func() { t.ready(ctx) }, func() { t.quit() })
}

func (t *tray) ready(ctx context.Context) {
	systray.SetIcon(assets.Icon.Content())
	systray.SetTitle("Minuit")
	systray.SetTooltip(lang.L("Minuit: sending your planned SMS"))
	show := systray.AddMenuItem(lang.L("Show Minuit"), lang.L("Open the window"))
	t.mu.Lock()
	t.next = systray.AddMenuItem(nextLabel(t.nextAt), "")
	t.next.Disable()
	t.mu.Unlock()
	systray.AddSeparator()
	pause := systray.AddMenuItem(lang.L("Pause sending"), lang.L("Nothing is sent until you resume"))
	systray.AddSeparator()
	quit := systray.AddMenuItem(lang.L("Quit Minuit"), lang.L("Stop sending and quit"))
	systray.SetOnTapped(func() { go openWindow(t.dir, t.log) })
	armed, disarm := false, make(chan struct{}, 1)
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-show.ClickedCh:
				go openWindow(t.dir, t.log)
			case <-pause.ClickedCh:
				p := !t.s.current().Paused()
				t.s.current().SetPaused(p)
				if p {
					pause.SetTitle(lang.L("Resume sending"))
				} else {
					pause.SetTitle(lang.L("Pause sending"))
					t.s.current().Wake()
				}
			case <-quit.ClickedCh:
				if warn := t.dueSoon(); warn != "" && !armed {
					// Asking, the tray's way: the item says what will wait; a second click quits.
					armed = true
					quit.SetTitle(warn)
					time.AfterFunc(10*time.Second, func() { disarm <- struct{}{} })
					continue
				}
				_, _ = ask(t.dir, windowPortFile, "close")
				t.quit()
				return
			case <-disarm:
				armed = false
				quit.SetTitle(lang.L("Quit Minuit"))
			}
		}
	}()
}

// setNext shows when the next message leaves, or why the provider made sending
// pause (after every pass, so it follows a pause and a resume).
func (t *tray) setNext(at time.Time) {
	reason := t.s.current().PauseReason()
	t.mu.Lock()
	defer t.mu.Unlock()
	t.nextAt = at
	if t.next != nil {
		t.next.SetTitle(trayStatus(at, reason))
	}
}

// trayStatus is the tray's information line: the pause's reason, else the next send.
func trayStatus(at time.Time, pauseReason string) string {
	if pauseReason != "" {
		return lang.L("Sending paused: {{.Reason}}", map[string]any{"Reason": pauseReason})
	}
	return nextLabel(at)
}

func nextLabel(at time.Time) string {
	if at.IsZero() {
		return lang.L("Nothing planned")
	}
	at = at.Local()
	return lang.L("Next send: {{.When}}", map[string]any{"When": l10n.Short(at) + " " + l10n.Clock(at)})
}

// dueSoon returns the confirmation asked before quitting when a message is due
// within the hour, or "".
func (t *tray) dueSoon() string {
	t.mu.Lock()
	at := t.nextAt
	t.mu.Unlock()
	if at.IsZero() || time.Until(at) > time.Hour {
		return ""
	}
	return lang.L("Sending is planned at {{.Time}}: click again to quit anyway", map[string]any{"Time": l10n.Clock(at.Local())})

}
