package brevoemu

import (
	"net/http"
	"strconv"
	"time"

	"minuit/scheduler/providertest"
)

type faultKind int

const (
	faultNone faultKind = iota
	faultError
	faultDropBefore
	faultDropAfter
	faultHang
)

func (k faultKind) String() string {
	return [...]string{"", "error", "drop-before", "drop", "hang"}[k]
}

type fault struct {
	kind          faultKind
	status        int
	code, message string
	reset         int // x-sib-ratelimit-reset of a 429, seconds
}

// ThrottleReset is the x-sib-ratelimit-reset, in seconds, of an injected throttle.
const ThrottleReset = 2

var _ providertest.Emulator = (*Server)(nil)

// Inject makes the next request fail with f (providertest.Emulator):
// FaultThrottle answers 429 with x-sib-ratelimit-reset ThrottleReset;
// FaultServer answers 500 before processing; FaultAuth answers 401
// unauthorized "Key not found"; FaultDropAfter processes the request, then
// closes the connection without answering.
func (s *Server) Inject(f providertest.Fault) {
	switch f {
	case providertest.FaultThrottle:
		s.Throttle(ThrottleReset)
	case providertest.FaultServer:
		s.InjectError(http.StatusInternalServerError, "", "Internal Server Error")
	case providertest.FaultAuth:
		s.InjectError(http.StatusUnauthorized, "unauthorized", "Key not found")
	case providertest.FaultDropAfter:
		s.push(fault{kind: faultDropAfter})
	}
}

// InjectError answers the next request with status and Brevo's error body
// {"code": code, "message": message}, without processing it. An empty code
// sends {"message": message} only.
func (s *Server) InjectError(status int, code, message string) {
	s.push(fault{kind: faultError, status: status, code: code, message: message})
}

// Throttle answers the next request with 429 and x-sib-ratelimit-reset: reset.
func (s *Server) Throttle(reset int) {
	s.push(fault{kind: faultError, status: http.StatusTooManyRequests, code: "too_many_requests",
		message: "Too many requests, please retry after the rate limit resets", reset: reset})
}

// DropBefore closes the next request's connection without processing or answering it.
func (s *Server) DropBefore() { s.push(fault{kind: faultDropBefore}) }

// Hang processes the next request (a send creates its message) and never
// answers: it is held until the client gives up or Close is called.
func (s *Server) Hang() { s.push(fault{kind: faultHang}) }

// PendingFaults is the number of injected faults not yet spent.
func (s *Server) PendingFaults() int { return s.faults.Len() }

func (s *Server) push(f fault) { s.faults.Push(f) }

func writeFault(w http.ResponseWriter, f fault) {
	if f.status == http.StatusTooManyRequests {
		w.Header().Set("x-sib-ratelimit-remaining", "0")
		w.Header().Set("x-sib-ratelimit-reset", strconv.Itoa(max(f.reset, 1)))
	}
	writeError(w, f.status, f.code, f.message)
}

// rateHeaders counts the request in the current second of the real clock,
// sets Brevo's rate limit headers and reports whether WithRateLimit refuses it.
func (s *Server) rateHeaders(w http.ResponseWriter) (over bool) {
	now := time.Now()
	s.mu.Lock()
	if sec := now.Unix(); sec != s.window {
		s.window, s.count = sec, 0
	}
	s.count++
	remaining := max(s.rateLimit-s.count, 0)
	over = s.enforce && s.count > s.rateLimit
	s.mu.Unlock()
	w.Header().Set("x-sib-ratelimit-limit", strconv.Itoa(s.rateLimit))
	w.Header().Set("x-sib-ratelimit-remaining", strconv.Itoa(remaining))
	w.Header().Set("x-sib-ratelimit-reset", "1")
	return over
}
