package smsgate

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

// CloudURL is the cloud server's base URL; a phone's local server has no
// default address (http://PHONE-IP:8080).
const CloudURL = "https://api.sms-gate.app/3rdparty/v1"

// Defaults and limits of Config.
const (
	DefaultTimeout = 15 * time.Second
	// DefaultPerHour is a safe pace: Android itself stops an app at about 30 SMS
	// in 30 minutes unless its limit is raised, and operators allow 30–200 an hour.
	DefaultPerHour = 60
	MaxPerHour     = 1000
)

// Hand-off window: the phone holds a message until its scheduleAt.
const (
	ScheduleMin = 5 * time.Minute
	ScheduleMax = 35 * 24 * time.Hour
)

// Config configures a Provider.
type Config struct {
	// URL is the local server's address shown in the app (http://192.168.1.20:8080)
	// or CloudURL; a path prefix is kept. Required.
	URL string
	// User and Password are the Basic credentials shown in the app (local) or
	// of the cloud account. Required.
	User, Password string
	// PerHour is how many SMS an hour the phone may send: 0 means
	// DefaultPerHour; 1..MaxPerHour.
	PerHour int
	// SimNumber picks the SIM slot (1..3); 0 leaves it to the phone.
	SimNumber int
	// Timeout bounds each request; 0 means DefaultTimeout.
	Timeout time.Duration
	// Now is this computer's clock (nil: time.Now); tests set it.
	Now func() time.Time
}

// Provider is a scheduler.Provider that sends through SMS Gateway for Android.
// It is safe for concurrent use; create one and reuse it.
type Provider struct {
	base    *url.URL
	cloud   bool
	user    string
	pass    string
	perHour int
	sim     int
	now     func() time.Time
	pool    *http.Transport
	client  *http.Client
}

var (
	_ scheduler.Provider        = (*Provider)(nil)
	_ scheduler.Canceller       = (*Provider)(nil)
	_ scheduler.InboundProvider = (*Provider)(nil)
)

// ErrNoCredentials is returned by New when the user or the password is empty.
var ErrNoCredentials = errors.New("smsgate: the user name or the password is empty")

// New checks cfg and returns a Provider. It makes no request.
func New(cfg Config) (*Provider, error) {
	if strings.TrimSpace(cfg.URL) == "" {
		return nil, errors.New("smsgate: the URL is empty: enter the address the app shows (http://PHONE-IP:8080) or " + CloudURL)
	}
	base, err := providerhttp.ParseBaseURL(cfg.URL, "smsgate: the URL")
	if err != nil {
		return nil, err
	}
	if cfg.User == "" || cfg.Password == "" {
		return nil, ErrNoCredentials
	}
	switch {
	case cfg.PerHour < 0 || cfg.PerHour > MaxPerHour:
		return nil, fmt.Errorf("smsgate: %d SMS per hour is outside 1..%d", cfg.PerHour, MaxPerHour)
	case cfg.SimNumber < 0 || cfg.SimNumber > 3:
		return nil, fmt.Errorf("smsgate: SIM number %d is outside 1..3", cfg.SimNumber)
	case cfg.Timeout < 0:
		return nil, fmt.Errorf("smsgate: the timeout %v is negative", cfg.Timeout)
	}
	p := &Provider{base: base, cloud: strings.Contains(base.Path, "/3rdparty/"), user: cfg.User,
		pass: cfg.Password, perHour: cfg.PerHour, sim: cfg.SimNumber, now: cfg.Now}
	if p.perHour == 0 {
		p.perHour = DefaultPerHour
	}
	if p.now == nil {
		p.now = time.Now
	}
	timeout := cfg.Timeout
	if timeout == 0 {
		timeout = DefaultTimeout
	}
	p.pool = http.DefaultTransport.(*http.Transport).Clone()
	p.client = &http.Client{Transport: p.pool, Timeout: timeout}
	return p, nil
}

// Name implements scheduler.Provider.
func (p *Provider) Name() string { return "smsgate" }

// Capabilities implements scheduler.Provider: one recipient a request, paced at
// PerHour; our reference is the message id, so a resend never sends twice; the
// phone holds hand-offs from 5 minutes to 35 days ahead.
func (p *Provider) Capabilities() scheduler.Capabilities {
	return scheduler.Capabilities{MaxBatch: 1, Idempotent: true, ScheduleMin: ScheduleMin,
		ScheduleMax: ScheduleMax, Rate: float64(p.perHour) / 3600}
}

// CloseIdleConnections closes the provider's idle keep-alive connections.
func (p *Provider) CloseIdleConnections() { p.pool.CloseIdleConnections() }

// who names the other end in sentences.
func (p *Provider) who() string {
	if p.cloud {
		return "SMS Gateway's cloud server"
	}
	return "the phone"
}
