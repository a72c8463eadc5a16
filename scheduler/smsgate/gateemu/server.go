// Package gateemu emulates SMS Gateway for Android (capcom6/android-sms-gateway,
// "SMSGate") on an httptest.Server: the app's local server (http://PHONE-IP:8080,
// the default) or, with WithCloud, the cloud server's /3rdparty/v1 API.
//
// It serves POST /message and /messages, GET /messages/{id}, DELETE
// /messages/{id}, GET /messages (list), GET /inbox and the unauthenticated GET
// /health, with the app's JSON shapes (Gson: nulls omitted, dates as
// yyyy-MM-dd'T'HH:mm:ss.SSSXXX in the phone's zone) and its Basic
// authentication. What it copies from the app (v1.68.0) and the cloud server:
//
//   - a duplicate message id is refused with 409 {"message": "Message with the
//     same ID already exists"}; the existing message is not returned;
//   - the local app does not check numbers when it takes a message: a number
//     ending in 9990 is accepted and fails when sent ("sendSMS: Invalid phone
//     number"); the cloud checks them first and answers 400 "invalid phone number";
//   - DELETE cancels only a Pending message; otherwise the local app answers 400
//     ("Message … is not in Pending state"), the cloud 409; an unknown id is 404;
//   - scheduleAt must be in the future; a scheduled message stays Pending until
//     then on the emulator's clock.
//
// A message leaves at its scheduleAt (or at once): it is Pending before, Sent
// from then, and Delivered one minute later. A number ending in 9991 fails when
// sent with RESULT_ERROR_GENERIC_FAILURE. The server's Date header follows the
// emulator's clock, as the app sets it from the phone's. Every method is safe
// for concurrent use.
package gateemu

import (
	"encoding/base64"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"time"

	"minuit/scheduler/providertest/emukit"
)

// Default credentials: the app's default user is "sms" with a generated password.
const (
	DefaultUser     = "sms"
	DefaultPassword = "Xc8pQ2rT"
)

// DeviceID is the device id the emulator reports.
const DeviceID = "Kx3mP0lqR7vS9tWnY2zAb"

// CloudPrefix is the cloud server's API path prefix, served with WithCloud.
const CloudPrefix = "/3rdparty/v1"

// Server is a running emulator. Create it with New and stop it with Close.
type Server struct {
	host   *emukit.Host
	prefix string
	faults emukit.Faults[fault]
	cloud  bool
	user   string
	pass   string
	now    func() time.Time
	zone   *time.Location

	mu       sync.Mutex
	messages map[string]*message
	order    []*message
	created  map[string]int // number + "\x00" + text
	inbox    []inboxMessage
	requests []Request
	seq      int
	asleep   time.Time // not zero: the phone sleeps since then
}

// Option configures a Server in New.
type Option func(*Server)

// WithCredentials sets the only user and password accepted.
func WithCredentials(user, password string) Option {
	return func(s *Server) { s.user, s.pass = user, password }
}

// WithClock sets the clock that moves messages along and dates them (default time.Now).
func WithClock(now func() time.Time) Option { return func(s *Server) { s.now = now } }

// WithZone sets the phone's time zone for the dates it writes (default UTC+1, France in winter).
func WithZone(loc *time.Location) Option { return func(s *Server) { s.zone = loc } }

// WithCloud emulates the cloud server (https://api.sms-gate.app/3rdparty/v1)
// instead of the app's local server: the API is under CloudPrefix, numbers are
// checked when a message is taken and a refused cancel is 409.
func WithCloud() Option { return func(s *Server) { s.cloud = true } }

// New starts an emulator on a loopback port.
func New(opts ...Option) *Server {
	s := &Server{
		user: DefaultUser, pass: DefaultPassword, now: time.Now,
		zone:     time.FixedZone("CET", 3600),
		messages: map[string]*message{}, created: map[string]int{},
	}
	for _, o := range opts {
		o(s)
	}
	if s.cloud {
		s.prefix = CloudPrefix
	}
	s.host = emukit.Start(http.HandlerFunc(s.serveHTTP), s.prefix, nil)
	return s
}

// URL is the base URL for the client: http://127.0.0.1:port (plus CloudPrefix with WithCloud).
func (s *Server) URL() string { return s.host.URL() }

// Close stops the server and releases held requests. It is idempotent.
func (s *Server) Close() { s.host.Close() }

func (s *Server) clock() time.Time { return s.now() }

func (s *Server) authorized(r *http.Request) bool {
	want := "Basic " + base64.StdEncoding.EncodeToString([]byte(s.user+":"+s.pass))
	return r.Header.Get("Authorization") == want
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return
	}
	f := s.faults.Next()
	s.record(r, body, f)
	w.Header().Set("Date", s.clock().UTC().Format(http.TimeFormat))
	switch f.kind {
	case faultFail:
		f.write(w, s.cloud)
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
	case faultHang:
		s.host.Hold(r.Context())
		emukit.Drop(w)
	default:
		emukit.Reply(w, rec)
	}
}
