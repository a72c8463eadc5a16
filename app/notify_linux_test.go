//go:build linux

package app

import (
	"testing"

	"github.com/godbus/dbus/v5"
)

func TestClickingOneOfMinuitsNotificationsOpensHistoryAndNoOtherAppsDoes(t *testing.T) {
	opened := 0
	n := &notifier{onOpen: func() { opened++ }, mine: map[uint32]bool{7: true}}
	click := func(id uint32, key string) {
		n.handle(&dbus.Signal{Name: "org.freedesktop.Notifications.ActionInvoked", Body: []any{id, key}})
	}
	click(8, "default") // another program's notification
	click(7, "default")
	if opened != 1 {
		t.Fatalf("History opened %d times, want once for Minuit's notification", opened)
	}
	n.handle(&dbus.Signal{Name: "org.freedesktop.Notifications.NotificationClosed", Body: []any{uint32(7), uint32(2)}})
	click(7, "default")
	if opened != 1 {
		t.Fatal("a closed notification still opens History")
	}
}
