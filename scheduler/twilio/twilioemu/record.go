package twilioemu

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"time"

	"minuit/scheduler/providertest/emukit"
)

// Request is one HTTP request the emulator received, for wire-format assertions.
type Request struct {
	Method      string
	Path        string     // as received, path prefix included
	Query       url.Values // the query string, decoded
	Form        url.Values // a form-encoded POST body, decoded; nil otherwise
	ContentType string
	UserAgent   string
	User        string // the Basic-auth user (account or API key SID); never the secret
	Authorized  bool   // the credentials were right
	At          time.Time
	Fault       string // the injected fault spent on it, "" for none
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	// Read the whole body first: the server then watches the connection and
	// cancels r.Context() when the client leaves, which frees held requests.
	raw, err := io.ReadAll(r.Body)
	if err != nil {
		return
	}
	var form url.Values
	if r.Method == http.MethodPost {
		form, _ = url.ParseQuery(string(raw))
	}
	f := s.faults.Next()
	user, pass, _ := r.BasicAuth()
	authorized := user != "" && (user == s.account && pass == s.token || user == s.apiKey && pass == s.apiSecret)
	s.record(Request{Method: r.Method, Path: r.URL.Path, Query: r.URL.Query(), Form: form,
		ContentType: r.Header.Get("Content-Type"), UserAgent: r.UserAgent(), User: user,
		Authorized: authorized, At: s.now(), Fault: f.kind.String()})
	switch f.kind {
	case faultError:
		if f.retryAfter != "" {
			w.Header().Set("Retry-After", f.retryAfter)
		}
		writeError(w, f.err)
		return
	case faultRaw:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(f.status)
		_, _ = io.WriteString(w, f.body)
		return
	}
	rec := httptest.NewRecorder()
	switch path, ok := strings.CutPrefix(r.URL.Path, s.prefix); {
	case !ok || !strings.HasPrefix(path, "/"):
		writeError(rec, notFound(r.URL.Path))
	case !authorized:
		writeError(rec, errAuthenticate)
	default:
		s.route(rec, r, path, form)
	}
	switch f.kind {
	case faultDrop:
		emukit.Drop(w)
	case faultHang:
		s.host.Hold(r.Context())
		emukit.Drop(w)
	default:
		emukit.Reply(w, rec)
	}
}

func (s *Server) record(req Request) {
	s.mu.Lock()
	s.requests = append(s.requests, req)
	s.mu.Unlock()
	if s.onRequest != nil {
		s.onRequest(req)
	}
}

// Requests returns every request received so far, in arrival order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.requests)
}

// Message is a message the emulator holds, as tests see it.
type Message struct {
	SID        string
	Direction  string // "outbound-api" or "inbound"
	From, To   string
	Body       string
	ServiceSID string    // "" when sent without a Messaging Service
	Created    time.Time // on the emulator's clock
	SendAt     time.Time // zero unless scheduled
	Validity   int       // seconds; 0 when the request had none
	Status     string    // the status a fetch would show now
	ErrorCode  int
}

// Messages returns every message held, in creation order.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	out := make([]Message, 0, len(s.messages))
	for _, m := range s.messages {
		out = append(out, m.snapshot(now))
	}
	return out
}

// Message returns the message with the given SID.
func (s *Server) Message(sid string) (Message, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, ok := s.bySID[sid]
	if !ok {
		return Message{}, false
	}
	return m.snapshot(s.now()), true
}

// Created implements providertest.Emulator: how many outbound messages were
// created with body to number (cancelled ones included). It is O(1).
func (s *Server) Created(number, body string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.created[number+"\x00"+body]
}

// AddInbound implements providertest.Emulator: an SMS from `from` to the
// account's number, received at `at`.
func (s *Server) AddInbound(from, body string, at time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.add(&message{inbound: true, from: from, to: s.number, body: body, created: at})
}

// add stores m under a new SID; s.mu is held.
func (s *Server) add(m *message) {
	s.seq++
	m.seq = s.seq
	m.sid = sidFor(s.seq)
	m.segments = segments(m.body)
	s.messages = append(s.messages, m)
	s.bySID[m.sid] = m
	s.byTo[m.to] = append(s.byTo[m.to], m)
	if !m.inbound {
		s.created[m.to+"\x00"+m.body]++
	}
}
