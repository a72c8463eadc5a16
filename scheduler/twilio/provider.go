package twilio

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"time"

	twclient "github.com/twilio/twilio-go/client"
	api "github.com/twilio/twilio-go/rest/api/v2010"

	"minuit/scheduler"
	"minuit/scheduler/providerhttp"
	"minuit/scheduler/sms"
)

// BaseURLEnv is the environment variable whose value the application passes as
// Config.BaseURL (see the package documentation).
const BaseURLEnv = "MINUIT_TWILIO_URL"

// DefaultTimeout bounds each request when Config.Timeout is 0.
const DefaultTimeout = 15 * time.Second

// Twilio's scheduling window (with a Messaging Service only).
const (
	ScheduleMin = 15 * time.Minute
	ScheduleMax = 35 * 24 * time.Hour
)

// Config configures a Provider.
type Config struct {
	AccountSID string // "AC…"; with Bird's exit API, the Bird workspace ID
	AuthToken  string // the account's auth token, or:
	APIKeySID  string // "SK…", an API key of the account,
	APISecret  string // and its secret

	From                string // a Twilio number ("+33…") or an alphanumeric sender ID
	MessagingServiceSID string // "MG…": send through this Messaging Service (needed to schedule)
	InboundNumber       string // the number customers reply to, when From is not a number

	BaseURL string        // "" for https://api.twilio.com; see the package documentation
	Timeout time.Duration // per request; 0 means DefaultTimeout
}

// Provider is a scheduler.Provider backed by Twilio. It is safe for concurrent
// use; create one and reuse it so connections are reused.
type Provider struct {
	account, user, secret  string
	from, service, inbound string
	timeout                time.Duration
	pool                   *http.Transport   // owns the connections
	transport              http.RoundTripper // pool, behind the base-URL rewrite if any
}

var (
	_ scheduler.Provider        = (*Provider)(nil)
	_ scheduler.Canceller       = (*Provider)(nil)
	_ scheduler.InboundProvider = (*Provider)(nil)
)

// alphanumeric is what the Twilio library accepts in credentials.
var alphanumeric = regexp.MustCompile(`^[a-zA-Z0-9]+$`)

// New checks cfg and returns a Provider. It makes no request.
func New(cfg Config) (*Provider, error) {
	p := &Provider{account: strings.TrimSpace(cfg.AccountSID), from: strings.TrimSpace(cfg.From),
		service: strings.TrimSpace(cfg.MessagingServiceSID), timeout: cfg.Timeout}
	token, key, secret := strings.TrimSpace(cfg.AuthToken), strings.TrimSpace(cfg.APIKeySID), strings.TrimSpace(cfg.APISecret)
	p.user, p.secret = p.account, token
	if key != "" || secret != "" {
		p.user, p.secret = key, secret
	}
	switch {
	case p.account == "":
		return nil, errors.New("twilio: the account SID is empty")
	case !alphanumeric.MatchString(p.account):
		return nil, errors.New("twilio: the account SID may contain only letters and digits (for Bird's exit API, write the workspace ID as Bird's guide says)")
	case token != "" && (key != "" || secret != ""):
		return nil, errors.New("twilio: give either the auth token or an API key and its secret, not both")
	case key == "" && secret == "" && token == "":
		return nil, errors.New("twilio: the auth token is empty (or give an API key and its secret)")
	case token == "" && (key == "" || secret == ""):
		return nil, errors.New("twilio: an API key needs both its SID and its secret")
	case !alphanumeric.MatchString(p.user) || !alphanumeric.MatchString(p.secret):
		return nil, errors.New("twilio: the credentials may contain only letters and digits; the Twilio library refuses others (check for a stray character when pasting them)")
	case p.from == "" && p.service == "":
		return nil, errors.New("twilio: give a sender (a Twilio number or a sender name) or a Messaging Service SID")
	case p.service != "" && (len(p.service) != 34 || !strings.HasPrefix(p.service, "MG") || !alphanumeric.MatchString(p.service)):
		return nil, fmt.Errorf("twilio: the Messaging Service SID %q should be MG followed by 32 letters and digits", p.service)
	case cfg.Timeout < 0:
		return nil, fmt.Errorf("twilio: the timeout %v is negative", cfg.Timeout)
	}
	if p.from != "" {
		if err := sms.ValidateOriginator(p.from); err != nil {
			return nil, fmt.Errorf("twilio: the sender %q: %w", p.from, err)
		}
		switch d := strings.TrimPrefix(p.from, "+"); {
		case !isDigits(d): // a sender name: customers cannot reply to it
		case isE164(p.from), d == p.from && len(d) <= 8: // a number, or a short code
			p.inbound = p.from
		default:
			return nil, fmt.Errorf("twilio: the sender number %q must be in international form, + and 8 to 15 digits (or a short code)", p.from)
		}
	}
	if n := strings.TrimSpace(cfg.InboundNumber); n != "" {
		if !isE164(n) {
			return nil, fmt.Errorf("twilio: the reply number %q must be in international form, + and 8 to 15 digits", n)
		}
		p.inbound = n
	}
	if p.timeout == 0 {
		p.timeout = DefaultTimeout
	}
	p.pool = http.DefaultTransport.(*http.Transport).Clone()
	p.transport = p.pool
	if cfg.BaseURL != "" {
		base, err := providerhttp.ParseBaseURL(cfg.BaseURL, "twilio: the base URL")
		if err != nil {
			return nil, err
		}
		p.transport = &providerhttp.Rewrite{Next: p.pool, Base: base}
	}
	return p, nil
}

// Name implements scheduler.Provider.
func (p *Provider) Name() string { return "twilio" }

// Capabilities implements scheduler.Provider: one recipient a request, no
// idempotency, and the hand-off only through a Messaging Service.
func (p *Provider) Capabilities() scheduler.Capabilities {
	// Twilio limits concurrent API requests (100 an account), not their rate, and
	// queues messages itself: the engine keeps 8 requests in flight, obeys 429 and
	// 20429, and paces at Rate.
	c := scheduler.Capabilities{MaxBatch: 1, Rate: Rate}
	if p.service != "" {
		c.ScheduleMin, c.ScheduleMax = ScheduleMin, ScheduleMax
	}
	return c
}

// Rate is the requests a second Minuit sends Twilio at most.
const Rate = 500

// CloseIdleConnections closes the provider's idle keep-alive connections.
func (p *Provider) CloseIdleConnections() { p.pool.CloseIdleConnections() }

// call runs one SDK request (fn) under ctx and classifies its error; op names
// the operation in error messages and method is the request's HTTP method.
func (p *Provider) call(ctx context.Context, op, method string, fn func(s *api.ApiService) error) error {
	if err := ctx.Err(); err != nil {
		return providerhttp.NotSent(fmt.Errorf("twilio: %s: %w", op, err))
	}
	rec := &providerhttp.Record{}
	c := &twclient.Client{
		Credentials: twclient.NewCredentials(p.user, p.secret),
		HTTPClient: &http.Client{
			Timeout:       p.timeout,
			Transport:     sdkBodies{&providerhttp.Transport{Ctx: ctx, Next: p.transport, Rec: rec}},
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
		UserAgentExtensions: []string{"minuit"},
	}
	c.SetAccountSid(p.account)
	// Not api.NewApiServiceWithClient: its request handler reads TWILIO_EDGE
	// and TWILIO_REGION from the environment.
	if err := fn(api.NewApiService(&twclient.RequestHandler{Client: c})); err != nil {
		return classify(ctx, op, method, providerhttp.RealURL(err, p.transport), rec)
	}
	return nil
}

func isDigits(s string) bool { return s != "" && strings.Trim(s, "0123456789") == "" }

// isE164 reports whether n is "+" and 8 to 15 digits, the first not 0.
func isE164(n string) bool {
	d, ok := strings.CutPrefix(n, "+")
	return ok && len(d) >= 8 && len(d) <= 15 && isDigits(d) && d[0] != '0'
}
