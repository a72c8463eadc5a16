package shopify

import (
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"minuit/internal/usererr"
	"minuit/scheduler"
	"minuit/scheduler/providerhttp"
)

// Config is how to reach one store.
type Config struct {
	// Shop is the store: "name" or "name.myshopify.com" (NormalizeShop).
	Shop string
	// Token is an Admin API access token; or ClientID and ClientSecret, a Dev
	// Dashboard app's credentials, exchanged for tokens (client-credentials grant).
	Token                  string
	ClientID, ClientSecret string
	// BaseURL replaces https://{shop} (an emulator, a proxy); "" for the store itself.
	BaseURL string
	// Timeout bounds each HTTP request; default 30 s.
	Timeout time.Duration
	// Clock is what throttling waits on; default the wall clock.
	Clock scheduler.Clock
	// MaxWait is the longest the client waits for the bucket in one call before it
	// gives up with KindThrottled; default 2 minutes.
	MaxWait time.Duration
	// HTTP is the client used; default one with Timeout.
	HTTP *http.Client
}

// Client calls one store's GraphQL Admin API. It is safe for concurrent use.
type Client struct {
	cfg    Config
	shop   string
	base   *url.URL
	http   *http.Client
	clock  scheduler.Clock
	bucket bucket

	mu      sync.Mutex
	token   string    // the token in use
	expires time.Time // when a granted token expires (zero: a static token)
	cost    Cost
}

// Cost is what the client's calls have cost so far.
type Cost struct {
	Requests  int           // GraphQL requests answered
	Requested int           // sum of requestedQueryCost
	Actual    int           // sum of actualQueryCost
	Throttled int           // THROTTLED answers
	Waited    time.Duration // time spent waiting for the bucket
	Tokens    int           // access tokens obtained by the client-credentials grant
}

// NormalizeShop reads a store's name as typed ("ma-boutique",
// "Ma-Boutique.myshopify.com", "https://ma-boutique.myshopify.com/admin") and
// returns its myshopify domain, or a KindConfig error.
func NormalizeShop(raw string) (string, error) {
	s := strings.ToLower(strings.TrimSpace(raw))
	s = strings.TrimPrefix(strings.TrimPrefix(s, "https://"), "http://")
	if i := strings.IndexAny(s, "/?#"); i >= 0 {
		s = s[:i]
	}
	if !strings.Contains(s, ".") {
		s += ".myshopify.com"
	}
	name, ok := strings.CutSuffix(s, ".myshopify.com")
	valid := ok && name != "" && len(name) <= 63 && name[0] != '-' && name[len(name)-1] != '-'
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			valid = false
		}
	}
	if !valid {
		return "", newError(KindConfig, 0, nil, usererr.NewMsg("“{{.Shop}}” is not a Shopify store name: type the store's name, as in name.myshopify.com.",
			map[string]any{"Shop": strings.TrimSpace(raw)}))
	}
	return s, nil
}

// New checks cfg and returns a client; nothing is sent until a query.
func New(cfg Config) (*Client, error) {
	shop, err := NormalizeShop(cfg.Shop)
	if err != nil {
		return nil, err
	}
	base := "https://" + shop
	if cfg.BaseURL != "" {
		base = cfg.BaseURL
	}
	u, err := providerhttp.ParseBaseURL(base, "the Shopify address")
	if err != nil {
		return nil, newError(KindConfig, 0, err, usererr.NewMsg("The Shopify address “{{.URL}}” cannot be used: give an http:// or https:// address with no query.", map[string]any{"URL": cfg.BaseURL}))
	}
	cfg.Token = strings.TrimSpace(cfg.Token)
	cfg.ClientID, cfg.ClientSecret = strings.TrimSpace(cfg.ClientID), strings.TrimSpace(cfg.ClientSecret)
	switch {
	case cfg.Token == "" && (cfg.ClientID == "" || cfg.ClientSecret == ""):
		return nil, newError(KindConfig, 0, nil, usererr.NewMsg("To connect {{.Shop}}, give an Admin API access token, or a client id and secret.", map[string]any{"Shop": shop}))
	case strings.ContainsAny(cfg.Token+cfg.ClientID+cfg.ClientSecret, "\r\n\x00"):
		return nil, newError(KindConfig, 0, nil, usererr.NewMsg("The Shopify credentials contain a line break: paste them again.", nil))
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 30 * time.Second
	}
	if cfg.MaxWait <= 0 {
		cfg.MaxWait = 2 * time.Minute
	}
	if cfg.Clock == nil {
		cfg.Clock = scheduler.RealClock{}
	}
	hc := cfg.HTTP
	if hc == nil {
		hc = &http.Client{Timeout: cfg.Timeout}
	}
	return &Client{cfg: cfg, shop: shop, base: u, http: hc, clock: cfg.Clock, token: cfg.Token}, nil
}

// Domain is the store's myshopify domain.
func (c *Client) Domain() string { return c.shop }

// Cost returns what the calls have cost so far.
func (c *Client) Cost() Cost {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.cost
}

func (c *Client) endpoint(path string) string {
	u := *c.base
	u.Path = c.base.Path + path
	return u.String()
}
