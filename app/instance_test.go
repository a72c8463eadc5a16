package app

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"
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
	ctx2, cancel2 := context.WithCancel(t.Context())
	s2, err := startSenderWith(ctx2, e, senderHooks{})
	if err != nil {
		t.Fatalf("the lock was not released after quit: %v", err)
	}
	cancel2()
	<-s2.done // before the database closes
}

// startTestSender opens dir and starts a sender on it until the test ends.
func startTestSender(t *testing.T, dir string) *sender {
	t.Helper()
	t.Setenv("HOME", dir)
	t.Setenv("XDG_CONFIG_HOME", dir)
	ctx, cancel := context.WithCancel(t.Context())
	e, err := openEnv(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	s, err := startSenderWith(ctx, e, senderHooks{onQuit: cancel})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); <-s.done; _ = e.Close() })
	return s
}

// assertStillSending checks, with an authenticated status, that the sender runs
// and is not paused.
func assertStillSending(t *testing.T, s *sender, dir string) {
	t.Helper()
	select {
	case err := <-s.done:
		t.Fatalf("the sender stopped: %v", err)
	default:
	}
	if st, ok := askStatus(dir); !ok || st.Paused {
		t.Fatalf("status = %+v %v, want running and not paused", st, ok)
	}
}

func TestClientsWithoutTheSecretCanNeitherPauseNorStopTheSender(t *testing.T) {
	dir := t.TempDir()
	s := startTestSender(t, dir)
	addr, secret, err := readPortFile(filepath.Join(dir, senderPortFile))
	if err != nil {
		t.Fatal(err)
	}
	for _, cmd := range []string{"pause", "quit", "status"} {
		runAttacks(t, addr, secret, cmd)
	}
	wrong := make([]byte, secretLen)
	if reply, ok := askAt(addr, wrong, "pause"); ok || reply != "" {
		t.Fatalf("a wrong secret got %q %v", reply, ok)
	}
	assertStillSending(t, s, dir)
}

func TestARecordedPauseReplayedLaterChangesNothing(t *testing.T) {
	dir := t.TempDir()
	s := startTestSender(t, dir)
	addr, secret, err := readPortFile(filepath.Join(dir, senderPortFile))
	if err != nil {
		t.Fatal(err)
	}
	exchange := func(request func(sn string) string) string {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		_ = c.SetDeadline(time.Now().Add(10 * time.Second))
		r := bufio.NewReader(c)
		greeting, _ := readLine(r, maxGreeting)
		_, _ = io.WriteString(c, request(strings.TrimPrefix(greeting, protocol+" ")))
		reply, _ := io.ReadAll(r)
		return string(reply)
	}
	var recorded string
	reply := exchange(func(sn string) string {
		cn := newNonce()
		recorded = cn + " " + sign(secret, "request", sn, cn, "pause") + " pause\n"
		return recorded
	})
	if !strings.HasSuffix(reply, " ok\n") {
		t.Fatalf("the genuine pause got %q", reply)
	}
	if !poke(dir, "resume") {
		t.Fatal("resume was refused")
	}
	if reply := exchange(func(string) string { return recorded }); reply != "" {
		t.Fatalf("the replayed pause got %q", reply)
	}
	assertStillSending(t, s, dir)
}

func TestIdleConnectionsCannotHoldTheControlPort(t *testing.T) {
	was := serverTimeout
	serverTimeout = 50 * time.Millisecond
	t.Cleanup(func() { serverTimeout = was })
	dir := t.TempDir()
	s := startTestSender(t, dir)
	addr, _, err := readPortFile(filepath.Join(dir, senderPortFile))
	if err != nil {
		t.Fatal(err)
	}
	var idle []net.Conn
	for range 3 * maxConns {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		idle = append(idle, c)
	}
	assertStillSending(t, s, dir)
	for i, c := range idle {
		_ = c.SetDeadline(time.Now().Add(10 * time.Second))
		if rest, err := io.ReadAll(c); err != nil || !strings.HasPrefix(string(rest), protocol+" ") {
			t.Fatalf("idle connection %d: read %q, %v; want the greeting then a hang-up", i, rest, err)
		}
	}
}
