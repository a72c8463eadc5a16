package app

import (
	"bufio"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/gofrs/flock"
)

// ErrAlreadyRunning: another window or `minuit serve` holds the data folder's lock.
var ErrAlreadyRunning = errors.New("app: Minuit is already sending from this data folder (another window or `minuit serve`)")

// errWindowOpen: another window of this data folder is open.
var errWindowOpen = errors.New("app: a Minuit window is already open")

// Lock and port files. The sender's (minuit.lock, minuit.port) is held by the one
// process that sends; the window's by the one open window.
const (
	senderLockFile = "minuit.lock"
	senderPortFile = "minuit.port"
	windowLockFile = "window.lock"
	windowPortFile = "window.port"
)

// instanceLock is a held lock file with its local control port. Each connection
// carries one command line; the handler's reply ("ok", "ok paused=false …", or ""
// for an unknown command) is written back as one line.
type instanceLock struct {
	fl       *flock.Flock
	ln       net.Listener
	portFile string
}

// senderLock is held by the one process that sends.
type senderLock = instanceLock

// acquireSender takes the data folder's lock and opens the local control port that
// CLI commands poke. onCmd receives each command line ("wake", "show").
func acquireSender(dir string, onCmd func(string)) (*senderLock, error) {
	return acquireLock(dir, senderLockFile, senderPortFile, ErrAlreadyRunning, func(cmd string) string {
		switch cmd {
		case "wake", "show":
			onCmd(cmd)
			return "ok"
		}
		return ""
	})
}

// acquireLock takes dir/lockName and serves commands on a port written to
// dir/portName. It returns busy when another process holds the lock.
func acquireLock(dir, lockName, portName string, busy error, handle func(cmd string) string) (*instanceLock, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("app: create data folder: %w", err)
	}
	fl := flock.New(filepath.Join(dir, lockName))
	ok, err := fl.TryLock()
	if err != nil {
		return nil, fmt.Errorf("app: lock the data folder: %w", err)
	}
	if !ok {
		return nil, busy
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		_ = fl.Unlock()
		return nil, fmt.Errorf("app: open the control port: %w", err)
	}
	l := &instanceLock{fl: fl, ln: ln, portFile: filepath.Join(dir, portName)}
	port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	if err := os.WriteFile(l.portFile, []byte(port), 0o600); err != nil {
		l.Release()
		return nil, fmt.Errorf("app: write the control port: %w", err)
	}
	go l.serve(handle)
	return l, nil
}

func (l *instanceLock) serve(handle func(string) string) {
	for {
		c, err := l.ln.Accept()
		if err != nil {
			return
		}
		go func() {
			defer c.Close()
			_ = c.SetDeadline(time.Now().Add(2 * time.Second))
			line, err := bufio.NewReader(c).ReadString('\n')
			if err != nil {
				return
			}
			if reply := handle(strings.TrimSpace(line)); reply != "" {
				_, _ = c.Write([]byte(reply + "\n"))
			}
		}()
	}
}

// Release closes the control port and frees the lock.
func (l *instanceLock) Release() {
	_ = l.ln.Close()
	_ = os.Remove(l.portFile)
	_ = l.fl.Unlock()
}

// poke sends cmd to the running sender of dir. It reports false when none runs.
func poke(dir, cmd string) bool {
	reply, ok := ask(dir, senderPortFile, cmd)
	return ok && strings.HasPrefix(reply, "ok")
}

// ask sends one command line to the process whose port is in dir/portName and
// returns its reply line; ok is false when nothing answers.
func ask(dir, portName, cmd string) (string, bool) {
	b, err := os.ReadFile(filepath.Join(dir, portName))
	if err != nil {
		return "", false
	}
	c, err := net.DialTimeout("tcp", "127.0.0.1:"+strings.TrimSpace(string(b)), time.Second)
	if err != nil {
		return "", false
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(2 * time.Second))
	if _, err := c.Write([]byte(cmd + "\n")); err != nil {
		return "", false
	}
	reply, err := bufio.NewReader(c).ReadString('\n')
	if err != nil {
		return "", false
	}
	return strings.TrimSpace(reply), true
}
