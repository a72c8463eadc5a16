//go:build linux

package app

import (
	"fmt"
	"sync"

	"fyne.io/fyne/v2/lang"
	"github.com/godbus/dbus/v5"
)

// notifier raises desktop notifications through org.freedesktop.Notifications on
// the session bus. bus reports whether a session bus answered, which is also the
// condition for showing a tray (Fyne issue 6403). Clicking one of its
// notifications (the "default" action) calls onOpen: the agent opens the window
// on History.
type notifier struct {
	conn   *dbus.Conn
	bus    bool
	onOpen func()

	mu   sync.Mutex
	mine map[uint32]bool // the notifications this notifier raised and still shown
}

// maxKept bounds the notifications remembered for their click.
const maxKept = 64

func newNotifier(onOpen func()) *notifier {
	n := &notifier{onOpen: onOpen, mine: map[uint32]bool{}}
	conn, err := dbus.ConnectSessionBus()
	if err != nil {
		return n
	}
	n.conn, n.bus = conn, true
	err = conn.AddMatchSignal(dbus.WithMatchInterface("org.freedesktop.Notifications"),
		dbus.WithMatchObjectPath("/org/freedesktop/Notifications"))
	if err == nil {
		ch := make(chan *dbus.Signal, 8)
		conn.Signal(ch)
		// Ends when Close closes the connection, which closes ch.
		go func() {
			for sig := range ch {
				n.handle(sig)
			}
		}()
	}
	return n
}

// Notify shows one notification; clicking it opens History where the desktop
// offers actions.
func (n *notifier) Notify(title, body string) error {
	if n.conn == nil {
		return fmt.Errorf("app: no session bus for notifications")
	}
	obj := n.conn.Object("org.freedesktop.Notifications", "/org/freedesktop/Notifications")
	var id uint32
	err := obj.Call("org.freedesktop.Notifications.Notify", 0, "Minuit", uint32(0), "mail-message-new",
		title, body, []string{"default", lang.L("Open History")}, map[string]dbus.Variant{}, int32(-1)).Store(&id)
	if err != nil {
		return fmt.Errorf("app: notify: %w", err)
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	if len(n.mine) >= maxKept {
		clear(n.mine)
	}
	n.mine[id] = true
	return nil
}

// handle reads a signal of the notification server: a click on one of ours
// opens History; a closed one is forgotten.
func (n *notifier) handle(sig *dbus.Signal) {
	if len(sig.Body) < 2 {
		return
	}
	id, ok := sig.Body[0].(uint32)
	if !ok {
		return
	}
	n.mu.Lock()
	ours := n.mine[id]
	n.mu.Unlock()
	if !ours {
		return
	}
	switch sig.Name {
	case "org.freedesktop.Notifications.ActionInvoked":
		if key, _ := sig.Body[1].(string); key == "default" && n.onOpen != nil {
			n.onOpen()
		}
	case "org.freedesktop.Notifications.NotificationClosed":
		n.mu.Lock()
		delete(n.mine, id)
		n.mu.Unlock()
	}
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
