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

// senderLock is held by the one process that sends.
type senderLock struct {
	fl       *flock.Flock
	ln       net.Listener
	portFile string
}

// acquireSender takes the data folder's lock and opens the local control port that
// CLI commands poke. onCmd receives each command line ("wake", "show").
func acquireSender(dir string, onCmd func(string)) (*senderLock, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("app: create data folder: %w", err)
	}
	fl := flock.New(filepath.Join(dir, "minuit.lock"))
	ok, err := fl.TryLock()
	if err != nil {
		return nil, fmt.Errorf("app: lock the data folder: %w", err)
	}
	if !ok {
		return nil, ErrAlreadyRunning
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		_ = fl.Unlock()
		return nil, fmt.Errorf("app: open the control port: %w", err)
	}
	l := &senderLock{fl: fl, ln: ln, portFile: filepath.Join(dir, "minuit.port")}
	port := strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
	if err := os.WriteFile(l.portFile, []byte(port), 0o600); err != nil {
		l.Release()
		return nil, fmt.Errorf("app: write the control port: %w", err)
	}
	go l.serve(onCmd)
	return l, nil
}

func (l *senderLock) serve(onCmd func(string)) {
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
			switch cmd := strings.TrimSpace(line); cmd {
			case "wake", "show":
				onCmd(cmd)
				_, _ = c.Write([]byte("ok\n"))
			}
		}()
	}
}

// Release closes the control port and frees the lock.
func (l *senderLock) Release() {
	_ = l.ln.Close()
	_ = os.Remove(l.portFile)
	_ = l.fl.Unlock()
}

// poke sends cmd to the running sender of dir. It reports false when none runs.
func poke(dir, cmd string) bool {
	b, err := os.ReadFile(filepath.Join(dir, "minuit.port"))
	if err != nil {
		return false
	}
	c, err := net.DialTimeout("tcp", "127.0.0.1:"+strings.TrimSpace(string(b)), time.Second)
	if err != nil {
		return false
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(2 * time.Second))
	if _, err := c.Write([]byte(cmd + "\n")); err != nil {
		return false
	}
	reply, err := bufio.NewReader(c).ReadString('\n')
	return err == nil && strings.TrimSpace(reply) == "ok"
}
