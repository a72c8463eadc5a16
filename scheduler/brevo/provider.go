package brevo

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"minuit/scheduler"
	"minuit/scheduler/providerhttp"
)

// DefaultBaseURL is where requests go when Config.BaseURL is "".
const DefaultBaseURL = "https://api.brevo.com/v3"

// DefaultTimeout bounds each request when Config.Timeout is 0.
const DefaultTimeout = 15 * time.Second

// Rate is Brevo's documented limit for transactional SMS: 150 requests a second.
const Rate = 150

// ErrNoKey is returned by New when Config.Key is empty.
var ErrNoKey = errors.New("brevo: the API key is empty")

// Config configures a Provider.
type Config struct {
	Key string // Brevo API key (v3), sent in the api-key header
	// Sender is the sender used when a batch names none: up to 11 letters and
	// digits, or a number of up to 15 digits. "" means every batch must name one.
	Sender string
	// OrganisationPrefix, when set, is the brand name Brevo puts before the text
	// (recommended by US carriers; it counts in the 160 characters).
	OrganisationPrefix string
	BaseURL            string        // "" for DefaultBaseURL; see the package documentation
	Timeout            time.Duration // per request; 0 means DefaultTimeout
}

// Provider is a scheduler.Provider backed by Brevo. It is safe for concurrent
// use; create one and reuse it so connections are reused.
type Provider struct {
	key, sender, prefix string
	base                *url.URL
	pool                *http.Transport
	client              *http.Client
}

var (
	_ scheduler.Provider        = (*Provider)(nil)
	_ scheduler.InboundProvider = (*Provider)(nil)
)

// New checks cfg and returns a Provider. It makes no request.
func New(cfg Config) (*Provider, error) {
	key := strings.TrimSpace(cfg.Key)
	if key == "" {
		return nil, ErrNoKey
	}
	if cfg.Timeout < 0 {
		return nil, fmt.Errorf("brevo: the timeout %v is negative", cfg.Timeout)
	}
	sender := strings.TrimSpace(cfg.Sender)
	if sender != "" && !ValidSender(sender) {
		return nil, fmt.Errorf("brevo: the sender %q is not accepted by Brevo: use up to 11 letters and digits, or a number of up to 15 digits", sender)
	}
	raw := cfg.BaseURL
	if strings.TrimSpace(raw) == "" {
		raw = DefaultBaseURL
	}
	base, err := providerhttp.ParseBaseURL(raw, "brevo: the base URL")
	if err != nil {
		return nil, err
	}
	timeout := cfg.Timeout
	if timeout == 0 {
		timeout = DefaultTimeout
	}
	pool := http.DefaultTransport.(*http.Transport).Clone()
	pool.MaxIdleConnsPerHost = 32 // the engine sends several requests at once
	return &Provider{
		key: key, sender: sender, prefix: strings.TrimSpace(cfg.OrganisationPrefix), base: base,
		pool: pool, client: &http.Client{Transport: pool, Timeout: timeout},
	}, nil
}

// ValidSender reports whether Brevo takes s as a sender: a name of 1 to 11
// ASCII letters, digits and inner spaces, or a number of 1 to 15 digits (a
// leading "+" allowed).
func ValidSender(s string) bool {
	if d, ok := strings.CutPrefix(s, "+"); ok || isDigits(s) {
		return isDigits(d) && len(d) <= 15
	}
	if s == "" || len(s) > 11 || s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == ' ') {
			return false
		}
	}
	return true
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Name implements scheduler.Provider.
func (p *Provider) Name() string { return "brevo" }

// Capabilities implements scheduler.Provider: one recipient a request, no
// idempotency key, no scheduling, Brevo's 150 requests a second.
func (p *Provider) Capabilities() scheduler.Capabilities {
	return scheduler.Capabilities{MaxBatch: 1, Rate: Rate}
}

// CloseIdleConnections closes the provider's idle keep-alive connections.
func (p *Provider) CloseIdleConnections() { p.pool.CloseIdleConnections() }
