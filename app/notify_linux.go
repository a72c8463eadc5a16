//go:build linux

package app

import (
	"fmt"

	"github.com/godbus/dbus/v5"
)

// notifier raises desktop notifications through org.freedesktop.Notifications on
// the session bus. bus reports whether a session bus answered, which is also the
// condition for showing a tray (Fyne issue 6403).
type notifier struct {
	conn *dbus.Conn
	bus  bool
}

func newNotifier() *notifier {
	conn, err := dbus.ConnectSessionBus()
	if err != nil {
		return &notifier{}
	}
	return &notifier{conn: conn, bus: true}
}

// Notify shows one notification.
func (n *notifier) Notify(title, body string) error {
	if n.conn == nil {
		return fmt.Errorf("app: no session bus for notifications")
	}
	obj := n.conn.Object("org.freedesktop.Notifications", "/org/freedesktop/Notifications")
	call := obj.Call("org.freedesktop.Notifications.Notify", 0, "Minuit", uint32(0), "mail-message-new",
		title, body, []string{}, map[string]dbus.Variant{}, int32(-1))
	if call.Err != nil {
		return fmt.Errorf("app: notify: %w", call.Err)
	}
	return nil
}

// trayHost reports whether a tray host (a StatusNotifierWatcher) is on the bus;
// without one, an icon would be registered nowhere and the user could not reach it.
func (n *notifier) trayHost() bool {
	if n.conn == nil {
		return false
	}
	var has bool
	err := n.conn.BusObject().Call("org.freedesktop.DBus.NameHasOwner", 0, "org.kde.StatusNotifierWatcher").Store(&has)
	return err == nil && has
}

func (n *notifier) Close() {
	if n.conn != nil {
		_ = n.conn.Close()
	}
}
