package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/lang"

	"minuit/assets"
	"minuit/ui"
)

// AppID is Minuit's application id (also in FyneApp.toml).
const AppID = "app.minuit.desktop"

// window opens the main window as its own process. Sending happens in the
// background agent (started here when none runs), so that closing the window frees
// Fyne's cost and a crash of the window never stops sending. When a window of this
// data folder is already open, it is brought to the front instead.
func window(ctx context.Context, e *env, stderr io.Writer) error {
	var main *ui.Main
	ready := make(chan struct{})
	wl, err := acquireLock(e.dir, windowLockFile, windowPortFile, errWindowOpen, func(cmd string) string {
		<-ready
		return windowCommand(main, e.dir, cmd)
	})
	if errors.Is(err, errWindowOpen) {
		if reply, ok := ask(e.dir, windowPortFile, "show"); ok && strings.HasPrefix(reply, "ok") {
			fmt.Fprintln(stderr, lang.L("Minuit is already open: its window was brought to the front."))
			return nil
		}
		return err
	}
	if err != nil {
		return err
	}
	defer wl.Release()

	agentErr := error(nil)
	if os.Getenv("MINUIT_NO_AGENT") == "" {
		agentErr = ensureAgent(e.dir)
	}
	a := fyneapp.NewWithID(AppID)
	a.SetIcon(assets.Icon)
	main = ui.NewMain(a, uiDeps(ctx, e))
	close(ready)
	if agentErr != nil {
		main.SetNotice(lang.L("{{.Problem}}. Check Settings, then reopen Minuit.",
			map[string]any{"Problem": strings.TrimSuffix(plain(agentErr), ".")}))
	}
	main.Window.SetCloseIntercept(func() { onCloseWindow(main, e) })
	main.Start()
	if agentErr == nil {
		go showPause(main, e.dir)
	}
	showOnStart(ctx, main, e, os.Getenv("MINUIT_SHOW"))
	main.Window.ShowAndRun()
	return nil
}

// windowCommand runs a command of the window's control port: "show" (or "show
// history": on that tab, as a click on a failure notification asks), "refresh",
// "close". It answers "ok", or "" for an unknown command.
func windowCommand(main *ui.Main, dir, cmd string) string {
	switch cmd {
	case "show":
		fyne.Do(func() { main.Window.Show(); main.Window.RequestFocus() })
	case "show history":
		fyne.Do(main.ShowHistory)
	case "refresh":
		main.Refresh()
		showPause(main, dir)
	case "close":
		fyne.Do(func() { main.App.Quit() })
	default:
		return ""
	}
	return "ok"
}

// openWindowOn raises the open window (on a tab: "history"; "" as it is), or
// starts one there.
func openWindowOn(dir, tab string, log *slog.Logger) {
	cmd := strings.TrimSpace("show " + tab)
	if reply, ok := ask(dir, windowPortFile, cmd); ok && strings.HasPrefix(reply, "ok") {
		return
	}
	if tab == "" {
		if err := spawnSelf(dir, "window"); err != nil {
			log.Error("could not open the window", "err", err)
		}
		return
	}
	c, err := selfCommand(dir, "window")
	if err == nil {
		c.Env = append(os.Environ(), "MINUIT_SHOW="+tab)
		err = c.Start()
	}
	if err != nil {
		log.Error("could not open the window", "err", err)
		return
	}
	go func() { _ = c.Wait() }()
}

// showPause shows, under the toolbar, why the background sender paused itself (the
// provider refused the account), and hides that once it sends again.
func showPause(m *ui.Main, dir string) {
	st, ok := askStatus(dir)
	if !ok {
		return
	}
	notice := ""
	if st.Paused && st.Reason != "" {
		notice = lang.L("Sending is paused: {{.Reason}}. Your planned messages wait; fix the provider in Settings.",
			map[string]any{"Reason": st.Reason})
	}
	fyne.Do(func() { m.SetNotice(notice) })
}

// onCloseWindow: with a tray, sending goes on there (said once); without one, ask
// whether to keep sending in the background or stop. The control port and the
// database are read off the UI goroutine.
func onCloseWindow(m *ui.Main, e *env) {
	go func() {
		st, ok := askStatus(e.dir)
		tray := ok && st.Tray
		tell := false
		if tray {
			told, _ := e.store.Setting(context.Background(), "told_tray", "")
			if tell = told == ""; tell {
				_ = e.store.SetSetting(context.Background(), "told_tray", "yes")
			}
		}
		fyne.Do(func() {
			switch {
			case !ok:
				m.App.Quit()
			case tray:
				if tell {
					m.App.SendNotification(fyne.NewNotification(lang.L("Minuit keeps sending"),
						lang.L("Your planned messages still go out: Minuit is in the tray. Quit it from there.")))
				}
				m.App.Quit()
			default:
				askKeepSending(m, e)
			}
		})
	}()
}

func askKeepSending(m *ui.Main, e *env) {
	ui.AskKeepSending(m.Window, m.App.Quit, func() {
		go func() {
			_, _ = ask(e.dir, senderPortFile, "quit")
			fyne.Do(m.App.Quit)
		}()
	})
}

// showOnStart opens a tab ("history", "contacts", "settings") or a message in
// compose ("edit:ID") at start: MINUIT_SHOW, for screenshots and smoke runs.
func showOnStart(ctx context.Context, m *ui.Main, e *env, what string) {
	switch {
	case what == "":
	case strings.HasPrefix(what, "edit:"):
		id, err := strconv.ParseInt(strings.TrimPrefix(what, "edit:"), 10, 64)
		if err != nil {
			return
		}
		if msg, err := e.store.Message(ctx, id); err == nil {
			m.App.Lifecycle().SetOnStarted(func() { m.OpenCompose(&msg, time.Time{}) })
		}
	default:
		// MINUIT_SHOW names a tab in English ("history"); the tabs are labelled in
		// the person's language.
		names := map[string]string{"calendar": lang.L("Calendar"), "contacts": lang.L("Contacts"),
			"history": lang.L("History"), "settings": lang.L("Settings")}
		for i, t := range m.Tabs.Items {
			if strings.EqualFold(t.Text, what) || strings.EqualFold(t.Text, names[strings.ToLower(what)]) {
				m.Tabs.SelectIndex(i)
			}
		}

	}
}
