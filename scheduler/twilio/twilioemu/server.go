// Package twilioemu emulates the part of Twilio's Programmable Messaging REST API
// (https://api.twilio.com/2010-04-01) that Minuit drives through the official Go
// SDK (github.com/twilio/twilio-go), on an httptest.Server, for tests and
// benchmarks.
//
// It serves, under /2010-04-01/Accounts/{AccountSid}:
//
//	POST /Messages.json         create (form-encoded To, Body, From, MessagingServiceSid,
//	                            ValidityPeriod, ScheduleType=fixed + SendAt)
//	GET  /Messages.json         list (To, From, DateSent, DateSent<, DateSent>, PageSize
//	                            ≤ 1000, Page, PageToken), Twilio's paging JSON
//	GET  /Messages/{Sid}.json   fetch
//	POST /Messages/{Sid}.json   update: Status=canceled (scheduled messages only) or Body="" (redaction)
//	GET  /Balance.json          {"currency","balance","account_sid"}
//
// with HTTP Basic authentication (AccountSid:AuthToken or ApiKeySid:ApiSecret),
// the message resource's JSON fields (dates in RFC 2822, "Mon, 07 Dec 2026
// 10:00:00 +0000") and Twilio's error body {"code","message","more_info","status"}.
//
// Numbers: a To ending in 9990 is refused as invalid (21211); one ending in 9994
// has replied STOP (21610 at send time); one ending in 9991 is sent, then
// becomes undelivered with error 30003 (WithFailure sets other codes). Other
// messages are "sent" as soon as they are read after creation and "delivered"
// once the emulator's clock is a minute past their send time. A scheduled
// message (MessagingServiceSid + ScheduleType=fixed + SendAt 15 min to 35 days
// ahead, else 35114/35115) stays "scheduled" until SendAt; without a
// MessagingServiceSid, ScheduleType and SendAt are ignored and the message leaves
// at once, as Twilio documents.
//
// Assumptions where Twilio's documentation is silent: list results are ordered
// by date_sent, newest first, messages not sent yet (no date_sent) first; a
// DateSent filter compares whole UTC days and leaves out messages with no
// date_sent; an invalid ValidityPeriod, PageSize or ScheduleType gets code 20001.
//
// Every method of Server is safe for concurrent use.
package twilioemu

import (
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"minuit/scheduler/providertest/emukit"
)

// Credentials and identifiers a Server accepts unless options say otherwise.
const (
	DefaultAccountSID = "ACa1b2c3d4e5f60718293a4b5c6d7e8f90"
	DefaultAuthToken  = "emulatorauthtoken0123456789abcde"
	DefaultAPIKeySID  = "SKa1b2c3d4e5f60718293a4b5c6d7e8f90"
	DefaultAPISecret  = "emulatorapisecret0123456789abcde"
	DefaultServiceSID = "MGa1b2c3d4e5f60718293a4b5c6d7e8f90"
	// DefaultNumber is the account's phone number: a valid From, and the number
	// inbound messages (AddInbound) are sent to.
	DefaultNumber = "+33757001234"
)

// Limits of the API as the emulator applies them.
const (
	MaxPageSize     = 1000
	DefaultPageSize = 50
	MaxBodyChars    = 1600
	MaxValidity     = 36000 // seconds
	ScheduleMin     = 15 * time.Minute
	ScheduleMax     = 35 * 24 * time.Hour
	// DeliverAfter is how long after its send time a message gets its final status.
	DeliverAfter = time.Minute
)

// Server is a running emulator. Create it with New and stop it with Close.
type Server struct {
	host   *emukit.Host
	conns  atomic.Int64 // connections opened by clients
	prefix string
	faults emukit.Faults[fault]

	account, token, apiKey, apiSecret string
	service, number                   string
	now                               func() time.Time
	failures                          map[string]int
	onRequest                         func(Request)
	testNumbers                       bool

	mu       sync.Mutex
	seq      int
	messages []*message            // creation order
	bySID    map[string]*message   // every message
	byTo     map[string][]*message // by To number, creation order
	created  map[string]int        // outbound messages per number+"\x00"+body
	requests []Request
	balance  string
	currency string
}

// Option configures a Server in New.
type Option func(*Server)

// WithClock sets the clock for message dates, status progression and the
// scheduling window (default time.Now).
func WithClock(now func() time.Time) Option {
	return func(s *Server) {
		if now != nil {
			s.now = now
		}
	}
}

// WithAccount sets the account SID and auth token the server accepts.
func WithAccount(sid, token string) Option {
	return func(s *Server) { s.account, s.token = sid, token }
}

// WithAPIKey sets the API key SID and secret the server also accepts.
func WithAPIKey(sid, secret string) Option {
	return func(s *Server) { s.apiKey, s.apiSecret = sid, secret }
}

// WithMessagingService sets the account's Messaging Service SID.
func WithMessagingService(sid string) Option { return func(s *Server) { s.service = sid } }

// WithNumber sets the account's phone number (default DefaultNumber).
func WithNumber(number string) Option { return func(s *Server) { s.number = number } }

// WithFailure makes messages to number end undelivered with the Twilio error
// code (30003 unreachable, 30005 unknown, 30006 landline, 30007 filtered, …).
func WithFailure(number string, code int) Option {
	return func(s *Server) { s.failures[number] = code }
}

// WithoutTestNumbers turns off the numbers ending in 9990, 9991 and 9994 (see
// the package documentation): every valid number is then delivered, as for a
// campaign to numbers that happen to end that way (WithFailure still applies).
func WithoutTestNumbers() Option { return func(s *Server) { s.testNumbers = false } }

// WithOnRequest registers a hook called, synchronously, as each request is
// recorded: before faults apply and before it is processed.
func WithOnRequest(f func(Request)) Option { return func(s *Server) { s.onRequest = f } }

// WithPathPrefix serves the API under a path prefix such as "/gateway/twilio";
// URL then includes it. Page URIs in list answers do not, as behind a gateway.
func WithPathPrefix(prefix string) Option {
	return func(s *Server) { s.prefix = emukit.Prefix(prefix) }
}

// New starts an emulator on a loopback port.
func New(opts ...Option) *Server {
	s := &Server{
		account: DefaultAccountSID, token: DefaultAuthToken,
		apiKey: DefaultAPIKeySID, apiSecret: DefaultAPISecret,
		service: DefaultServiceSID, number: DefaultNumber,
		now: time.Now, testNumbers: true,
		failures: map[string]int{},
		bySID:    map[string]*message{},
		byTo:     map[string][]*message{},
		created:  map[string]int{},
		balance:  "12.34", currency: "USD",
	}
	for _, opt := range opts {
		opt(s)
	}
	s.host = emukit.Start(http.HandlerFunc(s.serveHTTP), s.prefix, func(hs *http.Server) {
		hs.ConnState = func(_ net.Conn, st http.ConnState) {
			if st == http.StateNew {
				s.conns.Add(1)
			}
		}
	})
	return s
}

// URL is the base URL clients use in place of https://api.twilio.com.
func (s *Server) URL() string { return s.host.URL() }

// Connections is the number of connections clients have opened so far: a
// client that reuses its connections opens one per request in flight.
func (s *Server) Connections() int { return int(s.conns.Load()) }

// AccountSID is the account the server serves.
func (s *Server) AccountSID() string { return s.account }

// Number is the account's phone number.
func (s *Server) Number() string { return s.number }

// Close stops the server and releases held requests. It is idempotent.
func (s *Server) Close() { s.host.Close() }

// SetBalance replaces the account's balance, a decimal string such as "0.50".
func (s *Server) SetBalance(balance, currency string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.balance, s.currency = balance, currency
}
