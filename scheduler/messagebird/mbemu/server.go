package mbemu

import (
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"time"

	"minuit/scheduler/providertest/emukit"
)

// DefaultAccessKey is the access key a Server accepts unless WithAccessKey says otherwise.
const DefaultAccessKey = "test_key"

// DefaultNumber is the virtual mobile number inbound messages are addressed to.
const DefaultNumber = "+3197010203040"

// MaxListLimit is the largest page GET /messages returns; larger limits are clamped.
const MaxListLimit = 100

// MaxRecipients is the most recipients POST /messages accepts in one request.
const MaxRecipients = 50

// Server is a running emulator. Create it with New and stop it with Close.
//
// Faults injected with FailNext, FailNextWith, ThrottleNext, DropNext, ResetNext,
// DropBeforeNext and HangNext wait in one queue, in the order they were
// injected; each is spent on the next request, whatever its endpoint.
type Server struct {
	host    *emukit.Host
	base    string // the host's URL: its address and prefix
	prefix  string
	latency atomic.Int64 // time.Duration
	faults  emukit.Faults[fault]

	accessKey    string
	number       int64
	now          func() time.Time
	deliverAfter int
	deliverDelay time.Duration // > 0: progress on the clock (WithDeliverAfter), not on reads
	failing      map[int64]bool
	expiring     map[int64]bool
	invalid      map[int64]bool
	onCreate     func(m Message, at time.Time)
	onRequest    func(r Request)

	mu       sync.Mutex
	messages []*Message // creation order
	byID     map[string]*Message
	requests []Request
	created  map[string]int // messages created per reference
	sent     map[sentKey]int
	balance  float64
}

// Option configures a Server in New.
type Option func(*Server)

// WithAccessKey sets the only access key the server accepts (default DefaultAccessKey).
func WithAccessKey(key string) Option { return func(s *Server) { s.accessKey = key } }

// WithNumber sets the virtual number inbound messages are sent to (default DefaultNumber).
func WithNumber(number string) Option {
	return func(s *Server) {
		if n, ok := parseMSISDN(number); ok {
			s.number = n
		}
	}
}

// WithClock sets the clock used for createdDatetime, statusDatetime, scheduled
// messages, WithDeliverAfter and the Date header (default time.Now). Request
// times and the OnCreate hook always use the real clock.
func WithClock(now func() time.Time) Option { return func(s *Server) { s.now = now } }

// WithDeliverAfterReads sets how many reads (GET /messages/{id}) of a message it
// takes before its recipients reach their final status. 0 means at once, right
// after creation; the default, 1, means the first read already sees it.
func WithDeliverAfterReads(k int) Option {
	return func(s *Server) { s.deliverAfter = max(k, 0) }
}

// WithFailing makes the given numbers end in status "delivery_failed".
func WithFailing(numbers ...string) Option {
	return func(s *Server) { addNumbers(s.failing, numbers) }
}

// WithExpiring makes the given numbers end in status "expired".
func WithExpiring(numbers ...string) Option {
	return func(s *Server) { addNumbers(s.expiring, numbers) }
}

// WithBalance sets the account's credits (default 1,000,000). Every recipient of
// a created message costs one credit; a message the balance cannot cover is
// refused with HTTP 402 and error code 25.
func WithBalance(credits float64) Option { return func(s *Server) { s.balance = credits } }

// WithOnCreate registers a hook called, synchronously and before the response is
// written, each time a message is created (at is the real time of creation).
func WithOnCreate(f func(m Message, at time.Time)) Option {
	return func(s *Server) { s.onCreate = f }
}

// WithOnRequest registers a hook called, synchronously, as each request is
// recorded: before latency and faults apply, so a test can tell that a held
// request has arrived.
func WithOnRequest(f func(r Request)) Option {
	return func(s *Server) { s.onRequest = f }
}

// WithPathPrefix serves the API under a path prefix such as "/mb/v1"; URL then
// includes the prefix and requests outside it get 404.
func WithPathPrefix(prefix string) Option {
	return func(s *Server) { s.prefix = emukit.Prefix(prefix) }
}

func addNumbers(set map[int64]bool, numbers []string) {
	for _, number := range numbers {
		if n, ok := parseMSISDN(number); ok {
			set[n] = true
		}
	}
}

// New starts an emulator on a loopback port.
func New(opts ...Option) *Server {
	s := &Server{
		accessKey:    DefaultAccessKey,
		now:          time.Now,
		deliverAfter: 1,
		failing:      map[int64]bool{},
		expiring:     map[int64]bool{},
		invalid:      map[int64]bool{},
		sent:         map[sentKey]int{},
		byID:         map[string]*Message{},
		created:      map[string]int{},
		balance:      1_000_000,
	}
	s.number, _ = parseMSISDN(DefaultNumber)
	for _, opt := range opts {
		opt(s)
	}
	s.host = emukit.Start(http.HandlerFunc(s.serveHTTP), s.prefix, nil)
	s.base = s.host.URL()
	return s
}

// URL is the base URL clients should use in place of https://rest.messagebird.com.
func (s *Server) URL() string { return s.base }

// Close stops the server. Requests held by HangNext or SetLatency are released
// and their connections closed. Close is idempotent.
func (s *Server) Close() { s.host.Close() }

// SetLatency delays every following request by d before it is processed.
func (s *Server) SetLatency(d time.Duration) { s.latency.Store(int64(d)) }

// SetBalance replaces the account's credits.
func (s *Server) SetBalance(credits float64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.balance = credits
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	// Read the whole body first: the server then watches the connection and
	// cancels r.Context() when the client goes away, which frees hung requests.
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return
	}
	// The API's Date header, on the emulator's clock: clients may read the
	// server's time from it.
	w.Header().Set("Date", s.now().UTC().Format(http.TimeFormat))
	f := s.faults.Next()
	s.record(r, body, f)
	if !s.host.Pause(r.Context(), time.Duration(s.latency.Load())) {
		emukit.Drop(w) // the client left, or Close: end without an answer
		return
	}
	switch f.kind {
	case faultFail:
		writeFault(w, f)
		return
	case faultDropBefore:
		emukit.Drop(w)
		return
	}
	rec := httptest.NewRecorder()
	s.route(rec, r, body)
	switch f.kind {
	case faultDropAfter:
		emukit.Drop(w)
	case faultReset:
		emukit.Reset(w)
	case faultHang:
		s.host.Hold(r.Context())
		emukit.Drop(w)
	default:
		emukit.Reply(w, rec)
	}
}
