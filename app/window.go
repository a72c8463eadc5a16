package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/dialog"

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
		switch cmd {
		case "show":
			fyne.Do(func() { main.Window.Show(); main.Window.RequestFocus() })
		case "refresh":
			main.Refresh()
			showPause(main, e.dir)
		case "close":
			fyne.Do(func() { main.App.Quit() })
		default:
			return ""
		}
		return "ok"
	})
	if errors.Is(err, errWindowOpen) {
		if reply, ok := ask(e.dir, windowPortFile, "show"); ok && strings.HasPrefix(reply, "ok") {
			fmt.Fprintln(stderr, "Minuit is already open: its window was brought to the front.")
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
		main.SetNotice(strings.TrimSuffix(plain(agentErr), ".") + ". Check Settings, then reopen Minuit.")
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

// showPause shows, under the toolbar, why the background sender paused itself (the
// provider refused the account), and hides that once it sends again.
func showPause(m *ui.Main, dir string) {
	st, ok := askStatus(dir)
	if !ok {
		return
	}
	notice := ""
	if st.Paused && st.Reason != "" {
		notice = "Sending is paused: " + st.Reason + ". Your planned messages wait; fix the provider in Settings."
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
					m.App.SendNotification(fyne.NewNotification("Minuit keeps sending",
						"Your planned messages still go out: Minuit is in the tray. Quit it from there."))
				}
				m.App.Quit()
			default:
				askKeepSending(m, e)
			}
		})
	}()
}

func askKeepSending(m *ui.Main, e *env) {
	d := dialog.NewConfirm("Keep sending?",
		"Minuit can keep sending your planned messages in the background after this window closes.\n"+
			"Stop sending instead?", func(stopSending bool) {
			if stopSending {
				go func() {
					_, _ = ask(e.dir, senderPortFile, "quit")
					fyne.Do(m.App.Quit)
				}()
				return
			}
			m.App.Quit()
		}, m.Window)
	d.SetConfirmText("Stop sending and quit")
	d.SetDismissText("Keep sending")
	d.Show()
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
		for i, t := range m.Tabs.Items {
			if strings.EqualFold(t.Text, what) {
				m.Tabs.SelectIndex(i)
			}
		}
	}
}
