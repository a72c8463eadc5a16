package gateemu

import (
	"net/http"
	"strconv"
	"time"

	"minuit/scheduler/providertest"
)

type faultKind int

const (
	faultNone faultKind = iota
	faultFail
	faultDropBefore
	faultDropAfter
	faultHang
)

var faultNames = [...]string{"", "fail", "drop-before", "drop-after", "hang"}

// fault is one injected failure; a faultFail answers status with body.
type fault struct {
	kind       faultKind
	status     int
	body       any // JSON body; nil: see write
	retryAfter time.Duration
}

// Faults wait in one queue, in the order they were injected; each is spent on
// the next request, whatever its endpoint.
func (s *Server) push(f fault) { s.faults.Push(f) }

// Inject implements providertest.Emulator: FaultThrottle is a 429 with
// Retry-After: 2 (what the cloud's rate limiter, Fiber's, answers), FaultServer
// a 500 before processing, FaultAuth the answer to a wrong password,
// FaultDropAfter a request processed and then left without an answer.
func (s *Server) Inject(f providertest.Fault) {
	switch f {
	case providertest.FaultThrottle:
		s.push(fault{kind: faultFail, status: http.StatusTooManyRequests, retryAfter: 2 * time.Second})
	case providertest.FaultServer:
		s.push(fault{kind: faultFail, status: http.StatusInternalServerError,
			body: errorBody{Message: "failed to handle request"}})
	case providertest.FaultAuth:
		s.push(fault{kind: faultFail, status: http.StatusUnauthorized})
	case providertest.FaultDropAfter:
		s.push(fault{kind: faultDropAfter})
	}
}

// FailNext answers the next request with status and {"message": message}
// without processing it.
func (s *Server) FailNext(status int, message string) {
	s.push(fault{kind: faultFail, status: status, body: errorBody{Message: message}})
}

// QueueLimitNext answers the next request as the cloud does when the phone's
// queue is stuck: 503 {"error": "QueueLimitExceeded", …}, with a Retry-After
// header when retryAfter > 0 (the cloud itself sends none).
func (s *Server) QueueLimitNext(retryAfter time.Duration) {
	s.push(fault{kind: faultFail, status: http.StatusServiceUnavailable, retryAfter: retryAfter,
		body: errorBody{Error: "QueueLimitExceeded",
			Message: "queue limits exceeded: too old pending message: 2026-12-06T08:00:00Z"}})
}

// DropNext processes the next request (a POST creates its message), then closes
// the connection without answering.
func (s *Server) DropNext() { s.push(fault{kind: faultDropAfter}) }

// DropBeforeNext closes the next request's connection without processing it.
func (s *Server) DropBeforeNext() { s.push(fault{kind: faultDropBefore}) }

// HangNext processes the next request and never answers it: the connection is
// held until the client gives up or Close is called.
func (s *Server) HangNext() { s.push(fault{kind: faultHang}) }

// PendingFaults is the number of injected faults not yet spent.
func (s *Server) PendingFaults() int { return s.faults.Len() }

func (f fault) write(w http.ResponseWriter, cloud bool) {
	if f.retryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(int(f.retryAfter/time.Second)))
	}
	switch {
	case f.body != nil:
		writeJSON(w, f.status, f.body)
	case f.status == http.StatusUnauthorized:
		unauthorized(w, cloud)
	default:
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(f.status)
		_, _ = w.Write([]byte(http.StatusText(f.status)))
	}
}

// unauthorized answers as Ktor's basic auth does on the phone (401, no body) or
// as the cloud does (401 with a JSON message).
func unauthorized(w http.ResponseWriter, cloud bool) {
	if cloud {
		writeJSON(w, http.StatusUnauthorized, errorBody{Message: "Unauthorized"})
		return
	}
	w.Header().Set("WWW-Authenticate", `Basic realm="Access to SMS Gateway", charset=UTF-8`)
	w.WriteHeader(http.StatusUnauthorized)
}
