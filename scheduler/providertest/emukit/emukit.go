// Package emukit holds what the vendor emulators (mbemu, twilioemu, birdemu,
// brevoemu, gateemu) share: serving on a loopback port under a path prefix,
// holding a request until its client leaves or the server closes, the queue of
// injected faults, and ending a connection without an answer. What a vendor
// answers, and what its faults are called, stays in its emulator.
package emukit

import (
	"context"
	"maps"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"
)

// Host is an httptest.Server on a loopback port whose Close also releases the
// requests it holds. Its methods are safe for concurrent use.
type Host struct {
	ts   *httptest.Server
	url  string
	done chan struct{}
	once sync.Once
}

// Start serves h on a loopback port. URL is the server's address followed by
// prefix (see Prefix). configure, when not nil, adjusts the http.Server before
// it starts.
func Start(h http.Handler, prefix string, configure func(*http.Server)) *Host {
	ts := httptest.NewUnstartedServer(h)
	if configure != nil {
		configure(ts.Config)
	}
	ts.Start()
	return &Host{ts: ts, url: ts.URL + prefix, done: make(chan struct{})}
}

// Prefix is the path prefix p as the emulators keep it: "/" and the trimmed
// path, or "" for the root.
func Prefix(p string) string {
	return strings.TrimRight("/"+strings.Trim(p, "/"), "/")
}

// URL is the base URL clients use: the server's address and the prefix.
func (h *Host) URL() string { return h.url }

// Close stops the server and releases held requests. It is idempotent.
func (h *Host) Close() {
	h.once.Do(func() {
		close(h.done)
		h.ts.Close()
	})
}

// Hold waits until the client leaves (ctx, a request's context) or the server
// closes.
func (h *Host) Hold(ctx context.Context) { h.Pause(ctx, -1) }

// Pause waits for d (forever when d < 0) unless the client leaves or the server
// closes first; it reports whether the full delay elapsed.
func (h *Host) Pause(ctx context.Context, d time.Duration) bool {
	if d == 0 {
		return true
	}
	var expired <-chan time.Time
	if d > 0 {
		t := time.NewTimer(d)
		defer t.Stop()
		expired = t.C
	}
	select {
	case <-expired:
		return true
	case <-ctx.Done():
		return false
	case <-h.done:
		return false
	}
}

// Faults is a queue of injected faults: each is spent on the next request,
// whatever its endpoint, in the order they were pushed. It is safe for
// concurrent use; the zero value is an empty queue.
type Faults[F any] struct {
	mu sync.Mutex
	q  []F
}

// Push adds fs at the end of the queue.
func (q *Faults[F]) Push(fs ...F) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.q = append(q.q, fs...)
}

// Next takes the first fault off the queue; the zero F when it is empty.
func (q *Faults[F]) Next() F {
	q.mu.Lock()
	defer q.mu.Unlock()
	var f F
	if len(q.q) > 0 {
		f, q.q = q.q[0], q.q[1:]
	}
	return f
}

// Len is the number of faults not yet spent.
func (q *Faults[F]) Len() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.q)
}

// Drop takes the connection over and closes it without an answer: the client
// sees EOF.
func Drop(w http.ResponseWriter) { closeConn(w, false) }

// Reset is Drop with a TCP reset: the client sees "connection reset by peer".
func Reset(w http.ResponseWriter) { closeConn(w, true) }

func closeConn(w http.ResponseWriter, reset bool) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		return
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		return
	}
	if tc, ok := conn.(*net.TCPConn); ok && reset {
		_ = tc.SetLinger(0)
	}
	_ = conn.Close()
}

// Reply writes the answer recorded in rec to w.
func Reply(w http.ResponseWriter, rec *httptest.ResponseRecorder) {
	maps.Copy(w.Header(), rec.Header())
	w.WriteHeader(rec.Code)
	_, _ = w.Write(rec.Body.Bytes())
}
