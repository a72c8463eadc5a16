package messagebird

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	mb "github.com/messagebird/go-rest-api/v9"

	"minuit/scheduler"
)

// BaseURLEnv is the environment variable whose value the application passes as
// Config.BaseURL (see the package documentation).
const BaseURLEnv = "MINUIT_MESSAGEBIRD_URL"

// DefaultTimeout bounds each request when Config.Timeout is 0.
const DefaultTimeout = 15 * time.Second

// ErrNoAccessKey is returned by New when Config.AccessKey is empty.
var ErrNoAccessKey = errors.New("messagebird: the access key is empty")

// Config configures a Provider.
type Config struct {
	AccessKey string        // MessageBird live or test access key
	BaseURL   string        // "" for the real endpoint; see the package documentation
	Timeout   time.Duration // per request; 0 means DefaultTimeout
}

// Provider is a scheduler.Provider backed by MessageBird. It is safe for
// concurrent use; create one and reuse it so connections are reused.
type Provider struct {
	accessKey string
	timeout   time.Duration
	pool      *http.Transport   // owns the connections
	transport http.RoundTripper // pool, behind the base-URL rewrite if any
}

var _ scheduler.Provider = (*Provider)(nil)

// New checks cfg and returns a Provider. It makes no request.
func New(cfg Config) (*Provider, error) {
	key := strings.TrimSpace(cfg.AccessKey)
	if key == "" {
		return nil, ErrNoAccessKey
	}
	if cfg.Timeout < 0 {
		return nil, fmt.Errorf("messagebird: the timeout %v is negative", cfg.Timeout)
	}
	p := &Provider{accessKey: key, timeout: cfg.Timeout}
	if p.timeout == 0 {
		p.timeout = DefaultTimeout
	}
	p.pool = http.DefaultTransport.(*http.Transport).Clone()
	p.transport = p.pool
	if cfg.BaseURL != "" {
		base, err := parseBaseURL(cfg.BaseURL)
		if err != nil {
			return nil, err
		}
		p.transport = &rewriteTransport{next: p.pool, base: base}
	}
	return p, nil
}

// parseBaseURL validates a MINUIT_MESSAGEBIRD_URL value.
func parseBaseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, fmt.Errorf("messagebird: the base URL %q is not a URL: %w", raw, err)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		return nil, fmt.Errorf("messagebird: the base URL %q must start with http:// or https://", raw)
	case u.Host == "" || u.Hostname() == "":
		return nil, fmt.Errorf("messagebird: the base URL %q has no host name", raw)
	case u.User != nil:
		return nil, fmt.Errorf("messagebird: the base URL %q must not contain a user name or password", raw)
	case u.RawQuery != "" || u.ForceQuery || u.Fragment != "":
		return nil, fmt.Errorf("messagebird: the base URL %q must not have a query or fragment", raw)
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	return u, nil
}

// Name implements scheduler.Provider.
func (p *Provider) Name() string { return "messagebird" }

// Capabilities implements scheduler.Provider: 50 recipients a request; the
// reference is kept, but a resend creates a second message.
func (p *Provider) Capabilities() scheduler.Capabilities {
	return scheduler.Capabilities{MaxBatch: scheduler.MaxBatch}
}

// CloseIdleConnections closes the provider's idle keep-alive connections.
func (p *Provider) CloseIdleConnections() { p.pool.CloseIdleConnections() }

// call runs one SDK request (fn) under ctx and classifies its error; op names
// the operation in error messages and method is the request's HTTP method.
func (p *Provider) call(ctx context.Context, op, method string, fn func(c mb.Client) error) error {
	if err := ctx.Err(); err != nil {
		return &scheduler.ProviderError{
			Class:  scheduler.Transient,
			Reason: "the request was cancelled before it was sent",
			Err:    fmt.Errorf("messagebird: %s: %w", op, err),
		}
	}
	rec := &callRecord{}
	client := &mb.DefaultClient{
		AccessKey: p.accessKey,
		HTTPClient: &http.Client{
			Timeout:   p.timeout,
			Transport: &callTransport{ctx: ctx, next: p.transport, rec: rec},
		},
	}
	if err := fn(client); err != nil {
		return classify(ctx, op, method, realURL(err, p.transport), rec)
	}
	return nil
}
