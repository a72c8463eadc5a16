package mbemu

import (
	"net/http"
	"slices"
	"strconv"
	"time"
)

type faultKind int

const (
	faultNone faultKind = iota
	faultFail
	faultDropBefore
	faultDropAfter
	faultReset
	faultHang
)

func (k faultKind) String() string {
	switch k {
	case faultFail:
		return "fail"
	case faultDropBefore:
		return "drop-before"
	case faultDropAfter:
		return "drop"
	case faultReset:
		return "reset"
	case faultHang:
		return "hang"
	default:
		return ""
	}
}

type fault struct {
	kind       faultKind
	status     int
	apiErr     *APIError
	retryAfter time.Duration // > 0: a Retry-After header, in whole seconds
}

// APIError is one entry of the API's error body
// {"errors":[{"code":…,"description":"…","parameter":"…"}]}.
type APIError struct {
	Code        int
	Description string
	Parameter   string // "" is sent as null
}

func (s *Server) push(n int, f fault) { s.faults.Push(slices.Repeat([]fault{f}, max(n, 0))...) }

// PendingFaults is the number of injected faults not yet spent.
func (s *Server) PendingFaults() int { return s.faults.Len() }

// FailNext answers the next n requests with HTTP status without processing them.
// 4xx and 429 get the API's JSON error body (401 with code 2, 402 with code 25,
// 404 with code 20, 422 with code 9 on "recipients", others code 21); 500 gets a
// JSON body the SDK ignores; other 5xx (502, 503, …) get a plain-text body.
func (s *Server) FailNext(n, status int) { s.push(n, fault{kind: faultFail, status: status}) }

// FailNextWith answers the next n requests with HTTP status and the given API error.
func (s *Server) FailNextWith(n, status int, e APIError) {
	s.push(n, fault{kind: faultFail, status: status, apiErr: &e})
}

// ThrottleNext answers the next n requests with HTTP 429, the API's JSON error
// body and a Retry-After header asking for wait (rounded up to whole seconds, at
// least 1), without processing them. MessageBird does not document a wait header
// on its 429 answers; this is the standard HTTP one (RFC 9110, section 10.2.3),
// for testing that a client honours it when present. FailNext(n, 429) answers
// without it.
func (s *Server) ThrottleNext(n int, wait time.Duration) {
	s.push(n, fault{kind: faultFail, status: http.StatusTooManyRequests, retryAfter: max(wait, time.Second)})
}

// DropNext processes the next n requests (a POST does create its message), then
// closes each connection without answering: the client sees EOF.
func (s *Server) DropNext(n int) { s.push(n, fault{kind: faultDropAfter}) }

// ResetNext is DropNext with a TCP reset: the client sees "connection reset by peer".
func (s *Server) ResetNext(n int) { s.push(n, fault{kind: faultReset}) }

// DropBeforeNext reads the next n requests, then closes each connection without
// processing it (no message is created) or answering.
func (s *Server) DropBeforeNext(n int) { s.push(n, fault{kind: faultDropBefore}) }

// HangNext processes the next n requests (a POST does create its message) and
// never answers them: each is held until the client gives up or Close is called.
func (s *Server) HangNext(n int) { s.push(n, fault{kind: faultHang}) }

func writeFault(w http.ResponseWriter, f fault) {
	if f.retryAfter > 0 {
		secs := (f.retryAfter + time.Second - 1) / time.Second
		w.Header().Set("Retry-After", strconv.FormatInt(int64(secs), 10))
	}
	switch {
	case f.apiErr != nil:
		writeError(w, f.status, *f.apiErr)
	case f.status == http.StatusInternalServerError:
		writeError(w, f.status, APIError{Code: 99, Description: "Internal error"})
	case f.status >= 500:
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(f.status)
		_, _ = w.Write([]byte(http.StatusText(f.status) + "\n"))
	default:
		writeError(w, f.status, defaultAPIError(f.status))
	}
}

func defaultAPIError(status int) APIError {
	switch status {
	case http.StatusUnauthorized:
		return errAccessKey
	case http.StatusPaymentRequired:
		return errNoBalance
	case http.StatusNotFound:
		return APIError{Code: 20, Description: "message not found"}
	case http.StatusUnprocessableEntity:
		return APIError{Code: 9, Description: "no (correct) recipients found", Parameter: "recipients"}
	case http.StatusTooManyRequests:
		return APIError{Code: 21, Description: "Too many requests"}
	default:
		return APIError{Code: 21, Description: "Bad request"}
	}
}

var (
	errAccessKey = APIError{Code: 2, Description: "Request not allowed (incorrect access_key)", Parameter: "access_key"}
	errNoBalance = APIError{Code: 25, Description: "Not enough balance"}
)
