package app

import (
	"crypto/rand"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/gofrs/flock"

	"minuit/internal/usererr"
)

// ErrAlreadyRunning: another window or `minuit serve` holds the data folder's lock.
var ErrAlreadyRunning = usererr.Sayf("Minuit is already sending from this data folder (another window or `minuit serve`)")

// errWindowOpen: another window of this data folder is open.
var errWindowOpen = errors.New("app: a Minuit window is already open")

// Lock and port files. The sender's (minuit.lock, minuit.port) is held by the one
// process that sends; the window's by the one open window. A port file holds the
// control port and the secret that authenticates its commands (control.go); it is
// 0600 inside the 0700 data folder, so only the user can read it.
const (
	senderLockFile = "minuit.lock"
	senderPortFile = "minuit.port"
	windowLockFile = "window.lock"
	windowPortFile = "window.port"
)

// maxConns bounds the connections a control port serves at once; more wait in the
// kernel's backlog, so a local program cannot make the process open descriptors
// without end (the database needs some). Such a program can still delay commands,
// by holding maxConns connections serverTimeout each: an asker then finds nothing
// running, but nothing it did not sign ever runs.
const maxConns = 16

// instanceLock is a held lock file with its local control port. Each connection
// carries one authenticated command (control.go); the handler's reply ("ok",
// "ok {…}", or "" for an unknown command, which gets no answer) is one line.
type instanceLock struct {
	fl       *flock.Flock
	ln       net.Listener
	portFile string
	secret   []byte        // fresh for each lock, written to portFile
	timeout  time.Duration // serverTimeout when the lock was taken
	stop     chan struct{} // closed by Release: the accept loop ends
	served   chan struct{} // closed when the accept loop has ended
	once     sync.Once
}

// senderLock is held by the one process that sends.
type senderLock = instanceLock

// acquireLock takes dir/lockName and serves commands on a port written, with a new
// secret, to dir/portName. It returns busy when another process holds the lock.
// handle runs only for commands that carry the secret; its reply must be one line.
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
	l := &instanceLock{fl: fl, ln: ln, portFile: filepath.Join(dir, portName),
		secret: make([]byte, secretLen), timeout: serverTimeout, stop: make(chan struct{}), served: make(chan struct{})}
	_, _ = rand.Read(l.secret) // never fails (crypto/rand)
	if err := writePortFile(l.portFile, ln.Addr().(*net.TCPAddr).Port, l.secret); err != nil {
		_ = ln.Close()
		_ = fl.Unlock()
		return nil, fmt.Errorf("app: write the control port: %w", err)
	}
	go l.serve(handle)
	return l, nil
}

// serve accepts connections until Release, at most maxConns at a time. Each
// connection's goroutine ends within l.timeout plus the handler's own time.
func (l *instanceLock) serve(handle func(string) string) {
	defer close(l.served)
	slots := make(chan struct{}, maxConns)
	for {
		select {
		case slots <- struct{}{}:
		case <-l.stop:
			return
		}
		c, err := l.ln.Accept()
		if err != nil {
			<-slots
			if errors.Is(err, net.ErrClosed) {
				return
			}
			select { // out of descriptors or the like: try again shortly
			case <-time.After(50 * time.Millisecond):
				continue
			case <-l.stop:
				return
			}
		}
		go func() {
			defer func() { _ = c.Close(); <-slots }()
			answer(c, l.secret, l.timeout, handle)
		}()
	}
}

// Release closes the control port, removes its file and frees the lock. It may be
// called more than once, from a handler too.
func (l *instanceLock) Release() {
	l.once.Do(func() {
		close(l.stop)
		_ = l.ln.Close()
		<-l.served
		_ = os.Remove(l.portFile)
		_ = l.fl.Unlock()
	})
}
