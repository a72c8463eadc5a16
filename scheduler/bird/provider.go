package bird

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"

	"minuit/scheduler"
	"minuit/scheduler/providerhttp"
)

// BaseURLEnv is the environment variable whose value the application passes as
// Config.BaseURL (see the package documentation).
const BaseURLEnv = "MINUIT_BIRD_URL"

// DefaultTimeout bounds each request when Config.Timeout is 0.
const DefaultTimeout = 15 * time.Second

// DefaultVersion is sent in the User-Agent when Config.Version is "".
const DefaultVersion = "dev"

// ErrNoKey is returned by New when Config.Key is empty.
var ErrNoKey = errors.New("bird: the API key is empty")

// Config configures a Provider.
type Config struct {
	// Key is a Bird platform API key, bk_<region>_<token> (bk_eu1_…, bk_us1_…);
	// the region picks the endpoint https://<region>.platform.bird.com.
	Key string
	// From is the sender registered at Bird: an E.164 number the workspace owns,
	// an alphanumeric sender ID (1–11 letters, digits, spaces) or a short code.
	// When set it is used for every message; when "" each batch's Originator is.
	From string
	// BaseURL replaces https://<region>.platform.bird.com; see the package documentation.
	BaseURL string
	// Timeout bounds each request; 0 means DefaultTimeout.
	Timeout time.Duration
	// Version is Minuit's version, sent as "User-Agent: Minuit/<Version> (+bird)".
	Version string
}

// Provider is a scheduler.Provider backed by Bird. It is safe for concurrent
// use; create one and reuse it so that connections are reused.
type Provider struct {
	key       string
	from      string
	base      *url.URL
	userAgent string
	pool      *http.Transport
	client    *http.Client
}

var (
	_ scheduler.Provider        = (*Provider)(nil)
	_ scheduler.InboundProvider = (*Provider)(nil)
)

var (
	keyPattern   = regexp.MustCompile(`^bk_([a-z]{2}[0-9]+)_([A-Za-z0-9_-]+)$`)
	e164Pattern  = regexp.MustCompile(`^\+[1-9][0-9]{6,14}$`)
	alphaPattern = regexp.MustCompile(`^[A-Za-z0-9 ]{1,11}$`)
	shortPattern = regexp.MustCompile(`^[0-9]{5,6}$`)
	// versionPattern keeps the User-Agent a valid header value.
	versionPattern = regexp.MustCompile(`^[A-Za-z0-9.+_-]{1,40}$`)
)

// New checks cfg and returns a Provider. It makes no request.
func New(cfg Config) (*Provider, error) {
	key := strings.TrimSpace(cfg.Key)
	if key == "" {
		return nil, ErrNoKey
	}
	m := keyPattern.FindStringSubmatch(key)
	if m == nil {
		// Never quote the key: it is a secret.
		return nil, errors.New("bird: the API key does not look like a Bird platform key (bk_<region>_…, e.g. bk_eu1_…)")
	}
	if cfg.Timeout < 0 {
		return nil, fmt.Errorf("bird: the timeout %v is negative", cfg.Timeout)
	}
	from := strings.TrimSpace(cfg.From)
	if from != "" && !validSender(from) {
		return nil, fmt.Errorf("bird: the sender %q is not an E.164 number, a short code or an alphanumeric sender ID of at most 11 characters", from)
	}
	version := cfg.Version
	if version == "" {
		version = DefaultVersion
	}
	if !versionPattern.MatchString(version) {
		return nil, fmt.Errorf("bird: the version %q cannot go in a User-Agent", version)
	}
	base := &url.URL{Scheme: "https", Host: m[1] + ".platform.bird.com"}
	if cfg.BaseURL != "" {
		var err error
		if base, err = providerhttp.ParseBaseURL(cfg.BaseURL, "bird: the base URL"); err != nil {
			return nil, err
		}
	}
	p := &Provider{key: key, from: from, base: base, userAgent: "Minuit/" + version + " (+bird)"}
	p.pool = http.DefaultTransport.(*http.Transport).Clone()
	p.pool.MaxIdleConnsPerHost = 32 // the engine sends with several requests in flight
	timeout := cfg.Timeout
	if timeout == 0 {
		timeout = DefaultTimeout
	}
	p.client = &http.Client{Transport: p.pool, Timeout: timeout, CheckRedirect: noRedirect}
	return p, nil
}

// noRedirect keeps the bearer key from following a redirect to another host.
func noRedirect(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

func validSender(s string) bool {
	return e164Pattern.MatchString(s) || shortPattern.MatchString(s) ||
		alphaPattern.MatchString(s) && strings.Trim(s, "0123456789 ") != ""
}

// Name implements scheduler.Provider.
func (p *Provider) Name() string { return "bird" }

// Capabilities implements scheduler.Provider: one recipient a request; a resend
// under the same Reference is deduplicated by Bird's Idempotency-Key (for about
// three hours); no hand-off, as scheduled_at is a preview Bird refuses; the
// engine's default rate.
func (p *Provider) Capabilities() scheduler.Capabilities {
	return scheduler.Capabilities{MaxBatch: 1, Idempotent: true, Rate: Rate}
}

// Rate is the requests a second Minuit sends Bird at most: Bird documents 500 POSTs
// a second per workspace for its Channels API and publishes no other SMS limit;
// the engine obeys its 429 answers and their Retry-After.
const Rate = 500

// Endpoint is the base URL requests go to: https://<region>.platform.bird.com,
// or Config.BaseURL.
func (p *Provider) Endpoint() string { return p.base.String() }

// CloseIdleConnections closes the provider's idle keep-alive connections.
func (p *Provider) CloseIdleConnections() { p.pool.CloseIdleConnections() }
