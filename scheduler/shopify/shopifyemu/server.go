// Package shopifyemu is an httptest emulator of the part of the Shopify GraphQL
// Admin API that Minuit uses, faithful to the documented JSON: answers of the form
// {data, errors, extensions.cost}, connections of edges, node and pageInfo with
// opaque cursors, search filters on updated_at and created_at, the leaky bucket
// (1,000 points, 100 restored a second: the Standard plan) with THROTTLED and
// MAX_COST_EXCEEDED errors, ACCESS_DENIED for a missing scope, the 401 of a wrong
// or expired token, the 60-day order window without read_all_orders, and the
// client-credentials token endpoint. Tests add customers, orders, fulfillments and
// checkouts, expire tokens and move its clock.
package shopifyemu

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"time"

	"minuit/scheduler/shopify"
)

// Bucket and restore rate of the Standard plan; MaxQueryCost is the most one query
// may ask for.
const (
	BucketSize   = 1000
	RestoreRate  = 100
	MaxQueryCost = 1000
)

// TokenLifetime is how long a token from the client-credentials grant lasts
// (expires_in 86399).
const TokenLifetime = 86399 * time.Second

// Server is a running emulator of one store.
type Server struct {
	*httptest.Server
	now func() time.Time

	mu        sync.Mutex
	shopName  string
	missing   bool                 // no store at this address: 404
	static    map[string]bool      // Admin API access tokens that work
	granted   map[string]time.Time // tokens from the grant → expiry
	clientID  string
	secret    string
	scopes    map[string]bool
	customers map[string]*shopify.Customer
	orders    map[string]*shopify.Order
	checkouts map[string]*shopify.Checkout
	nextID    int64
	nextOrder int
	available float64
	filledAt  time.Time
	fail      []int // statuses of the next answers, then normal ones
	stats     Stats
}

// Stats is what the emulator has seen.
type Stats struct {
	Requests     map[string]int // GraphQL requests by root field (shop, customers, orders, abandonedCheckouts)
	Unauthorized int            // 401 answers
	Throttled    int            // THROTTLED answers
	Tokens       int            // tokens granted
	Requested    int            // requestedQueryCost of the queries that ran
	Actual       int            // actualQueryCost of the queries that ran
}

// Option configures New.
type Option func(*Server)

// WithClock makes the emulator read time from now (timestamps, token expiry, the bucket).
func WithClock(now func() time.Time) Option { return func(s *Server) { s.now = now } }

// WithToken accepts tok as an Admin API access token.
func WithToken(tok string) Option { return func(s *Server) { s.static[tok] = true } }

// WithClient accepts id and secret in the client-credentials grant.
func WithClient(id, secret string) Option {
	return func(s *Server) { s.clientID, s.secret = id, secret }
}

// New starts an emulator of a store named "Ma Boutique" that grants
// read_customers, read_orders and read_fulfillments.
func New(opts ...Option) *Server {
	s := &Server{now: time.Now, shopName: "Ma Boutique", static: map[string]bool{}, granted: map[string]time.Time{},
		scopes:    map[string]bool{"read_customers": true, "read_orders": true, "read_fulfillments": true},
		customers: map[string]*shopify.Customer{}, orders: map[string]*shopify.Order{},
		checkouts: map[string]*shopify.Checkout{}, nextID: 7000000000, nextOrder: 1001, available: BucketSize,
		stats: Stats{Requests: map[string]int{}}}
	for _, o := range opts {
		o(s)
	}
	s.filledAt = s.now()
	mux := http.NewServeMux()
	mux.HandleFunc("POST /admin/oauth/access_token", s.token)
	mux.HandleFunc("POST /admin/api/{version}/graphql.json", s.graphql)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if s.isMissing() {
			notFoundShop(w)
			return
		}
		writeJSON(w, http.StatusNotFound, map[string]any{"errors": "Not Found"})
	})
	s.Server = httptest.NewServer(mux)
	return s
}

// Stats returns a copy of what the emulator has seen.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.stats
	st.Requests = map[string]int{}
	for k, v := range s.stats.Requests {
		st.Requests[k] = v
	}
	return st
}

// KeyShopName renames the store.
func (s *Server) SetShopName(name string) { s.locked(func() { s.shopName = name }) }

// SetMissing makes every address answer 404, as for a store that does not exist.
func (s *Server) SetMissing(missing bool) { s.locked(func() { s.missing = missing }) }

// Deny removes an access scope (read_customers, read_orders, read_all_orders…);
// Grant adds one.
func (s *Server) Deny(scope string)  { s.locked(func() { delete(s.scopes, scope) }) }
func (s *Server) Grant(scope string) { s.locked(func() { s.scopes[scope] = true }) }

// ExpireTokens makes every token granted so far expire now (the next call gets 401).
func (s *Server) ExpireTokens() {
	s.locked(func() {
		for t := range s.granted {
			s.granted[t] = s.now().Add(-time.Second)
		}
	})
}

// RevokeToken stops accepting an Admin API access token.
func (s *Server) RevokeToken(tok string) { s.locked(func() { delete(s.static, tok) }) }

// SetAvailable empties (or fills) the bucket to n points now.
func (s *Server) SetAvailable(n float64) {
	s.locked(func() { s.available, s.filledAt = n, s.now() })
}

// FailNext makes the next answers carry these HTTP statuses (e.g. 503), in order.
func (s *Server) FailNext(statuses ...int) { s.locked(func() { s.fail = append(s.fail, statuses...) }) }

func (s *Server) locked(fn func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fn()
}

func (s *Server) isMissing() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.missing
}

func idLess(a, b string) bool {
	if len(a) != len(b) {
		return len(a) < len(b)
	}
	return a < b
}
