//go:build !linux

package app

import (
	"fmt"

	"github.com/gen2brain/beeep"

	"minuit/assets"
)

// notifier raises notifications on Windows (toast) and macOS (Notification Center)
// through github.com/gen2brain/beeep. These systems always have a tray (menu bar).
// beeep does not tell when a notification is clicked, so there clicking one cannot
// open History: the notification says "open History" and the tray does it.
type notifier struct{ bus bool }

func newNotifier(func()) *notifier {
	beeep.AppName = "Minuit"
	return &notifier{bus: true}
}

// Notify shows one notification.
func (n *notifier) Notify(title, body string) error {
	if err := beeep.Notify(title, body, assets.Icon.Content()); err != nil {
		return fmt.Errorf("app: notify: %w", err)
	}
	return nil
}

func (n *notifier) trayHost() bool { return true }

func (n *notifier) Close() {}
