package twilioemu

import (
	"encoding/json"
	"net/http"
	"strconv"

	"minuit/scheduler/providertest"
)

type faultKind int

const (
	faultNone  faultKind = iota
	faultError           // answer with an API error, process nothing
	faultRaw             // answer with a raw body, process nothing
	faultDrop            // process, then close the connection without answering
	faultHang            // process, then hold the request until the client leaves
)

func (k faultKind) String() string {
	return [...]string{"", "error", "raw", "drop", "hang"}[k]
}

type fault struct {
	kind       faultKind
	err        APIError
	retryAfter string // Retry-After header value, "" for none
	status     int    // faultRaw
	body       string // faultRaw
}

// APIError is Twilio's error body: {"code","message","more_info","status"}.
type APIError struct {
	Status  int // HTTP status
	Code    int // Twilio error code
	Message string
}

func (s *Server) push(f fault) { s.faults.Push(f) }

// Inject implements providertest.Emulator: the next request, whatever its
// endpoint, fails with f. A throttle is 429 with code 20429 and "Retry-After: 1";
// a server error is 500 with code 20500; wrong credentials are 401 with code
// 20003; a drop processes the request, then closes the connection unanswered.
func (s *Server) Inject(f providertest.Fault) {
	switch f {
	case providertest.FaultThrottle:
		s.push(fault{kind: faultError, err: APIError{429, 20429, "Too Many Requests"}, retryAfter: "1"})
	case providertest.FaultServer:
		s.push(fault{kind: faultError, err: APIError{500, 20500, "An internal server error has occurred"}})
	case providertest.FaultAuth:
		s.push(fault{kind: faultError, err: errAuthenticate})
	case providertest.FaultDropAfter:
		s.push(fault{kind: faultDrop})
	}
}

// InjectError answers the next request with e (and a Retry-After header when
// retryAfter is not ""), without processing it.
func (s *Server) InjectError(e APIError, retryAfter string) {
	s.push(fault{kind: faultError, err: e, retryAfter: retryAfter})
}

// InjectRaw answers the next request with status and body as text/html, as a
// proxy in front of Twilio would, without processing it.
func (s *Server) InjectRaw(status int, body string) {
	s.push(fault{kind: faultRaw, status: status, body: body})
}

// HangNext processes the next request (a POST creates its message) and never
// answers it: it is held until the client gives up or Close is called.
func (s *Server) HangNext() { s.push(fault{kind: faultHang}) }

// PendingFaults is the number of injected faults not yet spent.
func (s *Server) PendingFaults() int { return s.faults.Len() }

var errAuthenticate = APIError{http.StatusUnauthorized, 20003, "Authenticate"}

type wireError struct {
	Code     int    `json:"code"`
	Message  string `json:"message"`
	MoreInfo string `json:"more_info"`
	Status   int    `json:"status"`
}

func writeError(w http.ResponseWriter, e APIError) {
	if e.Status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Basic realm="Twilio API"`)
	}
	writeJSON(w, e.Status, wireError{Code: e.Code, Message: e.Message,
		MoreInfo: "https://www.twilio.com/docs/errors/" + strconv.Itoa(e.Code), Status: e.Status})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}
