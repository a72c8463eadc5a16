package app

import (
	"context"
	"errors"
	"testing"
)

func TestTheSenderAnswersPauseResumeAndStatusAndRefusesASecondSender(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("HOME", dir)
	t.Setenv("XDG_CONFIG_HOME", dir)
	ctx, cancel := context.WithCancel(t.Context())
	e, err := openEnv(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	s, err := startSenderWith(ctx, e, senderHooks{})
	if err != nil {
		t.Fatal(err)
	}
	if reply, ok := ask(dir, senderPortFile, "pause"); !ok || reply != "ok" {
		t.Fatalf("pause: %q %v", reply, ok)
	}
	if st, ok := askStatus(dir); !ok || !st.Paused || st.Tray || st.Provider != "sandbox" {
		t.Fatalf("status after pause = %+v %v", st, ok)
	}
	ask(dir, senderPortFile, "resume")
	if st, _ := askStatus(dir); st.Paused {
		t.Fatalf("status after resume = %+v", st)
	}
	if reply, _ := ask(dir, senderPortFile, "show"); reply != "no window" {
		t.Fatalf("show without a window = %q", reply)
	}
	if _, err := startSenderWith(ctx, e, senderHooks{}); !errors.Is(err, ErrAlreadyRunning) {
		t.Fatalf("second sender: %v, want ErrAlreadyRunning", err)
	}
	cancel()
	if err := <-s.done; err != nil && !errors.Is(err, context.Canceled) {
		t.Fatalf("engine stopped with %v", err)
	}
	if poke(dir, "wake") {
		t.Fatal("the control port still answers after the sender stopped")
	}
}

func TestQuitFromTheWindowStopsTheAgentsSender(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	e, err := openEnv(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	s, err := startSenderWith(ctx, e, senderHooks{onQuit: cancel})
	if err != nil {
		t.Fatal(err)
	}
	if reply, _ := ask(dir, senderPortFile, "quit"); reply != "ok" {
		t.Fatalf("quit = %q", reply)
	}
	<-s.done
	if _, err := startSenderWith(t.Context(), e, senderHooks{}); err != nil {
		t.Fatalf("the lock was not released after quit: %v", err)
	}
}
