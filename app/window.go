package app

import (
	"context"
	"errors"
	"fmt"
	"io"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"minuit/assets"
	"minuit/scheduler"
	"minuit/ui"
)

// AppID is Minuit's application id (also in FyneApp.toml).
const AppID = "app.minuit.desktop"

// window opens the main window with the sender running beside it. When another
// Minuit already sends from this data folder, its window is brought to the front.
func window(ctx context.Context, e *env, stderr io.Writer) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	a := fyneapp.NewWithID(AppID)
	a.SetIcon(assets.Icon)
	var main *ui.Main
	s, err := startSender(ctx, e, func(ev scheduler.Event) {
		if ev.Kind != scheduler.EventNextDue && main != nil {
			main.Refresh()
		}
	}, func() {
		fyne.Do(func() { main.Window.Show(); main.Window.RequestFocus() })
	})
	if errors.Is(err, ErrAlreadyRunning) {
		if poke(e.dir, "show") {
			fmt.Fprintln(stderr, "Minuit is already running: its window was brought to the front.")
			return nil
		}
		return err
	}
	if err != nil {
		return err
	}
	main = ui.NewMain(a, e.store, providerLabel(ctx, e))
	main.Refresh()
	main.Window.ShowAndRun()
	cancel()
	<-s.done
	return nil
}
