// Package brevoemu emulates Brevo's transactional SMS API (https://api.brevo.com/v3)
// on an httptest.Server, for tests and benchmarks of the brevo package.
//
// It serves POST /transactionalSMS/send (and the deprecated POST
// /transactionalSMS/sms, with its older answer), GET
// /transactionalSMS/statistics/events with its filters (limit ≤ 100, offset,
// startDate/endDate or days, phoneNumber, tags, event, sort) and GET /account,
// under the path prefix "/v3" by default. It checks the api-key header and the
// documented field rules, answers errors as Brevo does ({"code","message"}), and
// sends the x-sib-ratelimit-limit/-remaining/-reset headers on every answer.
//
// Numbers decide what happens to a message, by their last four digits: 9990 is
// refused at once (400 invalid_parameter "Invalid phone number"); 9991 gets a
// hardBounces event with a reason one minute after sending; 9994 is a number that
// unsubscribed (an "unsubscription" event at once, never delivered); any other
// number gets "sent" and "accepted" at once and "delivered" one minute later, on
// the emulator's clock (WithClock).
//
// Every method of Server is safe for concurrent use.
package brevoemu

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"

	"minuit/scheduler/providertest/emukit"
)

// DefaultAPIKey is the key a Server accepts unless WithAPIKey says otherwise.
const DefaultAPIKey = "xkeysib-test"

// DefaultPrefix is the path the API is served under, as at api.brevo.com.
const DefaultPrefix = "/v3"

// DefaultRateLimit is the x-sib-ratelimit-limit sent: Brevo's 150 requests a second.
const DefaultRateLimit = 150

// MaxLimit is the largest page of events.
const MaxLimit = 100

// DeliveryDelay is how long after sending a message's final event comes.
const DeliveryDelay = time.Minute

// Server is a running emulator. Create it with New and stop it with Close.
type Server struct {
	host      *emukit.Host
	prefix    string
	faults    emukit.Faults[fault]
	key       string
	now       func() time.Time
	rateLimit int  // the limit announced in the headers
	enforce   bool // refuse requests beyond rateLimit a second
	plain     bool // no special numbers
	onRequest func(Request)

	mu       sync.Mutex
	credits  float64
	requests []Request
	messages []*Message
	events   []Event    // in creation order
	pending  []*Message // messages whose final event is still to come
	created  map[string]int
	lastTo   map[string]*Message // newest message per number, for replies
	lastID   int64
	window   int64 // the second the rate counter counts
	count    int
	seq      int
}

// Option configures a Server in New.
type Option func(*Server)

// WithAPIKey sets the only API key the server accepts (default DefaultAPIKey).
func WithAPIKey(key string) Option { return func(s *Server) { s.key = key } }

// WithClock sets the clock for event dates and the delivery delay (default time.Now).
func WithClock(now func() time.Time) Option { return func(s *Server) { s.now = now } }

// WithCredits sets the account's SMS credits (default 1,000,000). Each SMS part
// costs one credit; a message the credits cannot cover gets 402 not_enough_credits.
func WithCredits(c float64) Option { return func(s *Server) { s.credits = c } }

// WithPathPrefix serves the API under prefix instead of DefaultPrefix ("" or "/"
// for the root); URL includes it.
func WithPathPrefix(prefix string) Option {
	return func(s *Server) { s.prefix = emukit.Prefix(prefix) }
}

// WithRateLimit announces n requests a second and refuses, with 429, requests
// beyond n within one second of the real clock. Without it the limit is
// announced (DefaultRateLimit) but not enforced.
func WithRateLimit(n int) Option { return func(s *Server) { s.rateLimit, s.enforce = n, true } }

// WithoutSpecialNumbers delivers every message: numbers ending in 9990, 9991
// and 9994 are then ordinary. The campaign benchmark needs it: its 10,000
// numbers +33610000000… include +33610009990.
func WithoutSpecialNumbers() Option { return func(s *Server) { s.plain = true } }

// WithOnRequest registers a hook called, synchronously, as each request is
// recorded, before faults apply: a test can tell that a held request arrived.
func WithOnRequest(f func(Request)) Option { return func(s *Server) { s.onRequest = f } }

// New starts an emulator on a loopback port.
func New(opts ...Option) *Server {
	s := &Server{
		prefix: DefaultPrefix, key: DefaultAPIKey, now: time.Now, rateLimit: DefaultRateLimit,
		credits: 1_000_000, created: map[string]int{}, lastTo: map[string]*Message{},
	}
	for _, opt := range opts {
		opt(s)
	}
	s.host = emukit.Start(http.HandlerFunc(s.serveHTTP), s.prefix, nil)
	return s
}

// URL is the base URL clients use in place of https://api.brevo.com/v3.
func (s *Server) URL() string { return s.host.URL() }

// Close stops the server; held requests are released. It is idempotent.
func (s *Server) Close() { s.host.Close() }

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	// Read the whole body first: the server then watches the connection and
	// cancels r.Context() when the client goes away, which frees held requests.
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return
	}
	f := s.faults.Next()
	s.record(r, body, f)
	over := s.rateHeaders(w)
	switch f.kind {
	case faultError:
		writeFault(w, f)
		return
	case faultDropBefore:
		emukit.Drop(w)
		return
	}
	if over {
		writeFault(w, fault{kind: faultError, status: http.StatusTooManyRequests, code: "too_many_requests",
			message: "Too many requests, please retry after the rate limit resets"})
		return
	}
	rec := httptest.NewRecorder()
	s.route(rec, r, body)
	switch f.kind {
	case faultDropAfter:
		emukit.Drop(w)
	case faultHang:
		s.host.Hold(r.Context())
		emukit.Drop(w)
	default:
		emukit.Reply(w, rec)
	}
}

func (s *Server) route(w http.ResponseWriter, r *http.Request, body []byte) {
	path, ok := strings.CutPrefix(r.URL.Path, s.prefix)
	if !ok || (path != "" && path[0] != '/') {
		writeError(w, http.StatusNotFound, "document_not_found", "Invalid route")
		return
	}
	if r.Header.Get("api-key") != s.key {
		writeError(w, http.StatusUnauthorized, "unauthorized", "Key not found")
		return
	}
	path = strings.TrimSuffix(path, "/")
	switch {
	case (path == "/transactionalSMS/send" || path == "/transactionalSMS/sms") && r.Method == http.MethodPost:
		s.send(w, r, body, path == "/transactionalSMS/sms")
	case path == "/transactionalSMS/statistics/events" && r.Method == http.MethodGet:
		s.listEvents(w, r)
	case path == "/account" && r.Method == http.MethodGet:
		s.account(w)
	case path == "/transactionalSMS/send" || path == "/transactionalSMS/sms" ||
		path == "/transactionalSMS/statistics/events" || path == "/account":
		writeError(w, http.StatusMethodNotAllowed, "method_not_allowed", r.Method+" Method is not allowed on this path")
	default:
		writeError(w, http.StatusNotFound, "document_not_found", "Invalid route")
	}
}
