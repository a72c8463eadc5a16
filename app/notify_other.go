//go:build !linux

package app

import "errors"

// notifier: on Windows and macOS the agent has no notification channel yet (see
// the report: github.com/gen2brain/beeep would provide one); the tray still runs.
type notifier struct{ bus bool }

func newNotifier() *notifier { return &notifier{bus: true} }

func (n *notifier) Notify(title, body string) error {
	return errors.New("app: notifications from the background sender are not available on this system yet")
}

func (n *notifier) trayHost() bool { return true }

func (n *notifier) Close() {}
