package app

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"io"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// attack is a client that does not know the secret, or misuses it; it writes its
// lines for cmd on c, whose greeting challenge was sn (read already).
type attack struct {
	name  string
	lines func(secret []byte, sn, cmd string) string
	flood byte // if not 0, then this byte without end: the server must hang up
}

// attacks are what a local user can send to a control port after reading the
// greeting: each must be dropped with no answer and no effect.
var attacks = []attack{
	{name: "the old protocol, no secret", lines: func(_ []byte, _, cmd string) string { return cmd + "\n" }},
	{name: "a made-up MAC", lines: func(_ []byte, _, cmd string) string {
		return newNonce() + " " + strings.Repeat("0", 64) + " " + cmd + "\n"
	}},
	{name: "a wrong secret", lines: func(_ []byte, sn, cmd string) string {
		wrong := make([]byte, secretLen)
		_, _ = rand.Read(wrong)
		cn := newNonce()
		return cn + " " + sign(wrong, "request", sn, cn, cmd) + " " + cmd + "\n"
	}},
	{name: "a request signed for another connection (a replay)", lines: func(secret []byte, _, cmd string) string {
		cn := newNonce()
		return cn + " " + sign(secret, "request", newNonce(), cn, cmd) + " " + cmd + "\n"
	}},
	{name: "a reply's MAC reflected as a request", lines: func(secret []byte, sn, cmd string) string {
		cn := newNonce()
		return cn + " " + sign(secret, "reply", sn, cn, cmd) + " " + cmd + "\n"
	}},
	{name: "garbage bytes", lines: func(_ []byte, _, _ string) string { return "\x00\xff\xfe \x1b[2J junk\n" }},
	{name: "a command then bytes without a newline", lines: func(_ []byte, _, cmd string) string { return cmd }, flood: 'x'},
	{name: "a signed command then spaces without end", lines: func(secret []byte, sn, cmd string) string {
		cn := newNonce()
		return cn + " " + sign(secret, "request", sn, cn, cmd) + " " + cmd
	}, flood: ' '},
}

// floodLimit is how much a flood writes before it counts the server as reading
// without limit; it is more than loopback's socket buffers hold.
const floodLimit = 64 << 20

// runAttacks makes each attack against addr with cmd and checks the server
// answers nothing and hangs up.
func runAttacks(t *testing.T, addr string, secret []byte, cmd string) {
	t.Helper()
	for _, a := range attacks {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		_ = c.SetDeadline(time.Now().Add(10 * time.Second))
		r := bufio.NewReader(c)
		greeting, err := readLine(r, maxGreeting)
		sn, ok := strings.CutPrefix(greeting, protocol+" ")
		if err != nil || !ok || !isNonce(sn) {
			t.Fatalf("%s: greeting %q, %v", a.name, greeting, err)
		}
		_, _ = io.WriteString(c, a.lines(secret, sn, cmd)) // the server may hang up midway
		if a.flood != 0 {
			chunk := bytes.Repeat([]byte{a.flood}, 64<<10)
			n := 0
			for ; n < floodLimit; n += len(chunk) {
				if _, err := c.Write(chunk); err != nil {
					break
				}
			}
			if n >= floodLimit {
				t.Errorf("%s: the server read %d MB without hanging up", a.name, n>>20)
			}
		}
		rest, err := io.ReadAll(r)
		if len(rest) > 0 {
			t.Errorf("%s: the server answered %q", a.name, rest)
		}
		if err != nil && !isReset(err) {
			t.Errorf("%s: the server did not hang up: %v", a.name, err)
		}
		_ = c.Close()
	}
}

// isReset: the server closed with unread bytes, so the kernel reset the connection.
func isReset(err error) bool { return strings.Contains(err.Error(), "connection reset") }

// fakePort listens on loopback and serves each connection with serve, until the
// test ends.
func fakePort(t *testing.T, serve func(c net.Conn)) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	t.Cleanup(func() { _ = ln.Close(); <-done })
	go func() {
		defer close(done)
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			_ = c.SetDeadline(time.Now().Add(5 * time.Second))
			serve(c)
			_ = c.Close()
		}
	}()
	return ln.Addr().(*net.TCPAddr).Port
}

func TestTheWindowPortRunsOnlyCommandsThatCarryTheSecret(t *testing.T) {
	dir := t.TempDir()
	seen := make(chan string, 100)
	l, err := acquireLock(dir, windowLockFile, windowPortFile, errWindowOpen, func(cmd string) string {
		seen <- cmd
		return "ok"
	})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Release()
	addr, secret, err := readPortFile(filepath.Join(dir, windowPortFile))
	if err != nil {
		t.Fatal(err)
	}
	runAttacks(t, addr, secret, "close")
	if reply, ok := ask(dir, windowPortFile, "refresh"); !ok || reply != "ok" {
		t.Fatalf("an authenticated refresh = %q %v", reply, ok)
	}
	if cmd := <-seen; cmd != "refresh" || len(seen) != 0 {
		t.Fatalf("the window ran %q (and %d more) besides the authenticated refresh", cmd, len(seen))
	}
}

func TestAStalePortFileWhoseProgramDoesNotKnowTheSecretMeansNotRunning(t *testing.T) {
	dir := t.TempDir()
	e, err := openEnv(t.Context(), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	// A genuine reply recorded from an earlier exchange, to be played back.
	secret := make([]byte, secretLen)
	_, _ = rand.Read(secret)
	oldSN, oldCN := newNonce(), newNonce()
	recorded := sign(secret, "reply", oldSN, oldCN, "ok") + " ok\n"
	fakes := map[string]func(c net.Conn){
		"answers ok to anything": func(c net.Conn) { _, _ = io.WriteString(c, "ok\n") },
		"speaks the protocol without the secret": func(c net.Conn) {
			_, _ = io.WriteString(c, protocol+" "+newNonce()+"\n")
			_, _ = readLine(bufio.NewReader(c), maxRequest)
			_, _ = io.WriteString(c, strings.Repeat("ab", 32)+" ok {\"paused\":true}\n")
		},
		"plays back a recorded reply": func(c net.Conn) {
			_, _ = io.WriteString(c, protocol+" "+oldSN+"\n")
			_, _ = readLine(bufio.NewReader(c), maxRequest)
			_, _ = io.WriteString(c, recorded)
		},
		"sends a megabyte": func(c net.Conn) {
			_, _ = io.WriteString(c, protocol+" "+newNonce()+"\n")
			_, _ = readLine(bufio.NewReader(c), maxRequest)
			_, _ = c.Write(bytes.Repeat([]byte("x"), 1<<20))
		},
	}
	for name, serve := range fakes {
		port := fakePort(t, serve)
		if err := writePortFile(filepath.Join(dir, senderPortFile), port, secret); err != nil {
			t.Fatal(err)
		}
		if poke(dir, "wake") {
			t.Errorf("a program that %s passed for the sender", name)
		}
		if _, ok := askStatus(dir); ok {
			t.Errorf("a program that %s gave a status", name)
		}
		if out, _, _ := runMinuit(t, dir, "status"); !strings.Contains(out, "Sender: not running") {
			t.Errorf("with a program that %s, status says:\n%s", name, out)
		}
	}
}

func TestAnOldPortFileWithoutASecretMeansNotRunning(t *testing.T) {
	dir := t.TempDir()
	port := fakePort(t, func(c net.Conn) { _, _ = io.WriteString(c, "ok\n") })
	if err := os.WriteFile(filepath.Join(dir, senderPortFile), []byte(strconv.Itoa(port)), 0o600); err != nil {
		t.Fatal(err)
	}
	if poke(dir, "wake") {
		t.Fatal("a port file without a secret was trusted")
	}
}
