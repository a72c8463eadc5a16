package birdemu

import (
	"encoding/json"
	"net/http"
	"strconv"

	"minuit/scheduler/providertest"
)

type faultKind int

const (
	faultNone faultKind = iota
	faultFail
	faultRaw
	faultDropAfter
)

type fault struct {
	kind       faultKind
	status     int
	err        APIError
	retryAfter string
	raw        string
}

// APIError is the body of an error answer, {"error":{…}}; Details and Param are
// omitted when empty.
type APIError struct {
	Type, Code, Name, Message, Param string
	Details                          []Detail
}

// Detail is one per-field validation failure.
type Detail struct {
	Param   string `json:"param"`
	Message string `json:"message"`
}

var (
	errAuth = APIError{Type: "auth_error", Code: "E02001", Name: "Unauthenticated",
		Message: "The API key is missing, malformed, or revoked."}
	errNoUserAgent = APIError{Type: "permission_error", Code: "E02003", Name: "UserAgentRequired",
		Message: "A User-Agent header is required."}
	errNoRoute = APIError{Type: "not_found_error", Code: "E01404", Name: "NotFound",
		Message: "No such endpoint."}
	errServer = APIError{Type: "internal_error", Code: "E09001", Name: "InternalError",
		Message: "Something went wrong on Bird's side. Retry with backoff."}
	errThrottle = APIError{Type: "rate_limit_error", Code: "E01429", Name: "RateLimited",
		Message: "Too many requests for the sms_send group. Retry after 1s."}
)

// Inject makes the next request (whatever its endpoint) fail with f; it
// implements providertest.Emulator. FaultThrottle answers 429 with Retry-After: 1,
// FaultServer 500 internal_error, FaultAuth 401 auth_error, all before
// processing; FaultDropAfter processes the request (a POST creates its message
// and its idempotency record), then closes the connection without answering.
func (s *Server) Inject(f providertest.Fault) {
	switch f {
	case providertest.FaultThrottle:
		s.push(fault{kind: faultFail, status: http.StatusTooManyRequests, err: errThrottle, retryAfter: "1"})
	case providertest.FaultServer:
		s.push(fault{kind: faultFail, status: http.StatusInternalServerError, err: errServer})
	case providertest.FaultAuth:
		s.push(fault{kind: faultFail, status: http.StatusUnauthorized, err: errAuth})
	case providertest.FaultDropAfter:
		s.push(fault{kind: faultDropAfter})
	}
}

// FailNext answers the next request with status and e, without processing it;
// retryAfter, when not "", is sent as the Retry-After header.
func (s *Server) FailNext(status int, e APIError, retryAfter string) {
	s.push(fault{kind: faultFail, status: status, err: e, retryAfter: retryAfter})
}

// FailNextRaw answers the next request with status and a plain-text body, as a
// proxy in front of Bird would.
func (s *Server) FailNextRaw(status int, body string) {
	s.push(fault{kind: faultRaw, status: status, raw: body})
}

// PendingFaults is the number of injected faults not yet spent.
func (s *Server) PendingFaults() int { return s.faults.Len() }

func (s *Server) push(f fault) { s.faults.Push(f) }

func (k faultKind) String() string {
	return [...]string{"", "fail", "raw", "drop"}[k]
}

func writeFault(w http.ResponseWriter, f fault, reqID string) {
	if f.retryAfter != "" {
		w.Header().Set("Retry-After", f.retryAfter)
	}
	if f.kind == faultRaw {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(f.status)
		_, _ = w.Write([]byte(f.raw))
		return
	}
	writeError(w, reqID, f.status, f.err)
}

// writeError writes the {"error":{…}} envelope.
func writeError(w http.ResponseWriter, reqID string, status int, e APIError) {
	type wire struct {
		Type      string   `json:"type"`
		Code      string   `json:"code"`
		Name      string   `json:"name"`
		Message   string   `json:"message"`
		Param     string   `json:"param,omitempty"`
		Details   []Detail `json:"details,omitempty"`
		DocURL    string   `json:"doc_url"`
		RequestID string   `json:"request_id"`
	}
	body := struct {
		Error wire `json:"error"`
	}{wire{e.Type, e.Code, e.Name, e.Message, e.Param, e.Details, "https://docs.bird.com/errors/" + e.Code, reqID}}
	writeJSON(w, status, body)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status, b = http.StatusInternalServerError, []byte(`{"error":{"type":"internal_error"}}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	_, _ = w.Write(b)
}
