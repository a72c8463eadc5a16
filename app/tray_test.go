//go:build !darwin || cgo

package app

import (
	"testing"
	"time"
)

func TestTheTraySaysWhyTheProviderPausedSendingElseTheNextSend(t *testing.T) {
	at := time.Date(2026, 12, 24, 9, 0, 0, 0, time.Local)
	if got := trayStatus(at, "MessageBird refused the access key"); got != "Sending paused: MessageBird refused the access key" {
		t.Errorf("paused: %q", got)
	}
	if got := trayStatus(at, ""); got != "Next send: Thu 24 Dec 09:00" {
		t.Errorf("sending: %q", got)
	}
}
