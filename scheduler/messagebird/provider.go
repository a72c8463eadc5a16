package messagebird

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	mb "github.com/messagebird/go-rest-api/v9"

	"minuit/scheduler"
	"minuit/scheduler/providerhttp"
)

// BaseURLEnv is the environment variable whose value the application passes as
// Config.BaseURL (see the package documentation).
const BaseURLEnv = "MINUIT_MESSAGEBIRD_URL"

// DefaultTimeout bounds each request when Config.Timeout is 0.
const DefaultTimeout = 15 * time.Second

// ClassicKeysUntil is when the classic access keys this package uses (against
// rest.messagebird.com) are last promised to work. Bird's migration page
// (https://bird.com/en-us/migrate/from-messagebird-classic, read 2026-11) says
// the "dual-key window holds through Dec 31 2026"; the shutdown date of
// rest.messagebird.com itself is not published. The settings can show it and
// point the shop to Bird.
var ClassicKeysUntil = time.Date(2026, 12, 31, 23, 59, 59, 0, time.UTC)

// ScheduleMin and ScheduleMax bound how far ahead a batch is handed to
// MessageBird's scheduler (scheduledDatetime). MessageBird documents no window:
// both are Minuit's choice. Closer than ScheduleMin, the engine sends the batch
// itself; ScheduleMax is the window Twilio documents, far enough for a month's
// campaign.
const (
	ScheduleMin = 10 * time.Minute
	ScheduleMax = 35 * 24 * time.Hour
)

// ErrNoAccessKey is returned by New when Config.AccessKey is empty.
var ErrNoAccessKey = errors.New("messagebird: the access key is empty")

// Config configures a Provider.
type Config struct {
	AccessKey string        // MessageBird live or test access key
	BaseURL   string        // "" for the real endpoint; see the package documentation
	Timeout   time.Duration // per request; 0 means DefaultTimeout
	// Now is the clock a batch's SendAt is checked against (at most ScheduleMax
	// ahead); nil means time.Now. Tests pass their own clock.
	Now func() time.Time
}

// Provider is a scheduler.Provider backed by MessageBird. It is safe for
// concurrent use; create one and reuse it so connections are reused.
type Provider struct {
	accessKey string
	timeout   time.Duration
	pool      *http.Transport   // owns the connections
	transport http.RoundTripper // pool, behind the base-URL rewrite if any
	now       func() time.Time

	mu        sync.Mutex
	cancelled map[string]cancelled // messages this Provider deleted (see Cancel)
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
	p := &Provider{accessKey: key, timeout: cfg.Timeout, now: cfg.Now, cancelled: map[string]cancelled{}}
	if p.now == nil {
		p.now = time.Now
	}
	if p.timeout == 0 {
		p.timeout = DefaultTimeout
	}
	p.pool = http.DefaultTransport.(*http.Transport).Clone()
	p.transport = p.pool
	if cfg.BaseURL != "" {
		base, err := providerhttp.ParseBaseURL(cfg.BaseURL, "messagebird: the base URL")
		if err != nil {
			return nil, err
		}
		p.transport = &providerhttp.Rewrite{Next: p.pool, Base: base}
	}
	return p, nil
}

// Name implements scheduler.Provider.
func (p *Provider) Name() string { return "messagebird" }

// Capabilities implements scheduler.Provider: 50 recipients a request; the
// reference is kept, but a resend creates a second message; a batch due between
// ScheduleMin and ScheduleMax ahead can be handed to MessageBird's scheduler.
func (p *Provider) Capabilities() scheduler.Capabilities {
	return scheduler.Capabilities{MaxBatch: scheduler.MaxBatch, ScheduleMin: ScheduleMin, ScheduleMax: ScheduleMax}
}

// CloseIdleConnections closes the provider's idle keep-alive connections.
func (p *Provider) CloseIdleConnections() { p.pool.CloseIdleConnections() }

// call runs one SDK request (fn) under ctx and classifies its error; op names
// the operation in error messages and method is the request's HTTP method.
func (p *Provider) call(ctx context.Context, op, method string, fn func(c mb.Client) error) error {
	_, err := p.callWith(ctx, op, method, fn)
	return err
}

// callWith is call that also returns what the transport saw (never nil).
func (p *Provider) callWith(ctx context.Context, op, method string, fn func(c mb.Client) error) (*callRecord, error) {
	rec := &callRecord{}
	if err := ctx.Err(); err != nil {
		return rec, providerhttp.NotSent(fmt.Errorf("messagebird: %s: %w", op, err))
	}
	client := &mb.DefaultClient{
		AccessKey: p.accessKey,
		HTTPClient: &http.Client{
			Timeout:   p.timeout,
			Transport: &providerhttp.Transport{Ctx: ctx, Next: p.transport, Rec: rec},
		},
	}
	if err := fn(client); err != nil {
		return rec, classify(ctx, op, method, providerhttp.RealURL(err, p.transport), rec)
	}
	return rec, nil
}
