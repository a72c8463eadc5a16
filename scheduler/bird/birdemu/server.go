// Package birdemu emulates the SMS part of Bird's 2026 developer platform API
// (https://{region}.platform.bird.com, the API of github.com/messagebird/bird-sdk-go)
// on an httptest.Server, for the tests and benchmarks of minuit/scheduler/bird.
//
// It serves POST /v1/sms/messages, GET /v1/sms/messages/{id} and GET
// /v1/sms/messages (cursor pagination; filters direction, status, to, from, tag,
// created_after, created_before; limit 1–100, default 25) with the SDK schema's
// JSON shapes and the {"error":{…}} envelope. It checks "Authorization: Bearer
// <key>" (401 auth_error) and the User-Agent header (403 permission_error
// without one, as the docs say), and implements the documented Idempotency-Key
// contract: a repeat with the same key and body within IdempotencyTTL replays
// the original answer with "Idempotency-Replay: true"; the same key while the
// first request is in flight answers 409 E01004 RequestInProgress; the same key
// with another body 409 E01005 IdempotencyKeyReuse; 5xx answers are not kept.
// Preview fields such as scheduled_at answer 422 SMSUnsupportedFeature.
//
// Test numbers, by their last four digits: 9990 is refused at once (422
// validation_error on "to"); 9991 fails (last_error invalid_destination); 9992
// expires; 9993 ends undelivered (unreachable); 9994 is on the suppression list:
// accepted, then failed with last_error recipient_opted_out. Any other number is
// "accepted", "sent" one second later and "delivered" one minute after creation,
// on the emulator's clock (WithClock).
//
// Error codes other than E01001, E01002, E01004, E01005 and E01012 (documented)
// and E12001 (seen in the SDK's tests) are made up: Bird documents codes as
// opaque, and clients branch on type, name and param.
//
// Every method of Server is safe for concurrent use.
package birdemu

import (
	"crypto/rand"
	"encoding/hex"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"

	"minuit/scheduler/providertest/emukit"
)

// DefaultKey is the API key a Server accepts unless WithKey says otherwise.
const DefaultKey = "bk_eu1_emulator0test0key"

// DefaultNumber is the shop's Bird number that inbound messages are sent to.
const DefaultNumber = "+33757000000"

// MaxLimit is the largest page GET /v1/sms/messages serves; DefaultLimit the page without limit.
const (
	MaxLimit     = 100
	DefaultLimit = 25
)

// IdempotencyTTL is how long an Idempotency-Key is remembered ("roughly 3 hours").
const IdempotencyTTL = 3 * time.Hour

// Server is a running emulator. Create it with New and stop it with Close.
type Server struct {
	host     *emukit.Host
	prefix   string
	faults   emukit.Faults[fault]
	key      string
	number   string
	now      func() time.Time
	idPrefix string
	onCreate func(m Message)

	mu       sync.Mutex
	seq      int64
	messages []*message // creation order
	byID     map[string]*message
	byTag    map[string][]*message // "name:value" → messages
	created  map[string]int        // to + "\x00" + text → outbound messages created
	idem     map[string]*idemEntry
	requests []Request
}

// Option configures a Server in New.
type Option func(*Server)

// WithKey sets the only API key the server accepts (default DefaultKey).
func WithKey(key string) Option { return func(s *Server) { s.key = key } }

// WithNumber sets the shop's number inbound messages are addressed to.
func WithNumber(n string) Option { return func(s *Server) { s.number = n } }

// WithClock sets the clock for created_at, the status progression and the
// idempotency window (default time.Now).
func WithClock(now func() time.Time) Option { return func(s *Server) { s.now = now } }

// WithPathPrefix serves the API under a prefix such as "/bird"; URL includes it.
func WithPathPrefix(p string) Option {
	return func(s *Server) { s.prefix = emukit.Prefix(p) }
}

// WithOnCreate registers a hook called, synchronously and with no lock held,
// while a POST creates its message: the request is then in flight for the
// idempotency layer, so a test can hold it there.
func WithOnCreate(f func(m Message)) Option { return func(s *Server) { s.onCreate = f } }

// New starts an emulator on a loopback port.
func New(opts ...Option) *Server {
	var b [4]byte
	_, _ = rand.Read(b[:])
	s := &Server{
		key: DefaultKey, number: DefaultNumber, now: time.Now, idPrefix: hex.EncodeToString(b[:]),
		byID: map[string]*message{}, byTag: map[string][]*message{}, created: map[string]int{},
		idem: map[string]*idemEntry{},
	}
	for _, o := range opts {
		o(s)
	}
	s.host = emukit.Start(http.HandlerFunc(s.serveHTTP), s.prefix, nil)
	return s
}

// URL is the base URL that replaces https://{region}.platform.bird.com.
func (s *Server) URL() string { return s.host.URL() }

// Close stops the server. It is idempotent.
func (s *Server) Close() { s.host.Close() }

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return
	}
	f := s.faults.Next()
	reqID := s.record(r, body, f)
	w.Header().Set("X-Request-Id", reqID)
	if f.kind != faultNone && f.kind != faultDropAfter {
		writeFault(w, f, reqID)
		return
	}
	rec := httptest.NewRecorder()
	s.handle(rec, r, body, reqID)
	if f.kind == faultDropAfter {
		emukit.Drop(w)
		return
	}
	emukit.Reply(w, rec)
}

// handle checks the credentials and the User-Agent, applies the idempotency
// contract to writes, and routes.
func (s *Server) handle(w http.ResponseWriter, r *http.Request, body []byte, reqID string) {
	if !s.authorized(r) {
		writeError(w, reqID, http.StatusUnauthorized, errAuth)
		return
	}
	if strings.TrimSpace(r.UserAgent()) == "" {
		writeError(w, reqID, http.StatusForbidden, errNoUserAgent)
		return
	}
	path, ok := strings.CutPrefix(r.URL.Path, s.prefix)
	if !ok {
		writeError(w, reqID, http.StatusNotFound, errNoRoute)
		return
	}
	key, hasKey := r.Header["Idempotency-Key"]
	if !hasKey || r.Method == http.MethodGet || r.Method == http.MethodHead {
		s.route(w, r, path, body, reqID)
		return
	}
	s.idempotent(w, r, key[0], path, body, reqID)
}

func (s *Server) authorized(r *http.Request) bool {
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	return ok && token == s.key
}

func (s *Server) route(w http.ResponseWriter, r *http.Request, path string, body []byte, reqID string) {
	const root = "/v1/sms/messages"
	switch {
	case path == root && r.Method == http.MethodPost:
		s.send(w, r, body, reqID)
	case path == root && r.Method == http.MethodGet:
		s.list(w, r, reqID)
	case strings.HasPrefix(path, root+"/") && r.Method == http.MethodGet:
		s.get(w, strings.TrimPrefix(path, root+"/"), reqID)
	case path == root || strings.HasPrefix(path, root+"/"):
		writeError(w, reqID, http.StatusMethodNotAllowed, APIError{Type: "bad_request_error", Code: "E01003",
			Name: "MethodNotAllowed", Message: "Method " + r.Method + " is not allowed here."})
	default:
		writeError(w, reqID, http.StatusNotFound, errNoRoute)
	}
}
