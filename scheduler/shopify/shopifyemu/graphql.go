package shopifyemu

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"time"
)

// invalidToken is Shopify's answer to a wrong or expired access token (HTTP 401).
const invalidToken = "[API] Invalid API key or access token (unrecognized login or wrong password)"

// nodeCost is what one node of each connection Minuit reads may cost at most: one
// point for each object its selection can return (fields that return objects cost
// 1; scalars and enums 0; a list of first: n costs n times its item).
var nodeCost = map[string]float64{"customers": 3, "orders": 20, "abandonedCheckouts": 4}

// scopeOf is the access scope each root field needs.
var scopeOf = map[string]string{"customers": "read_customers", "orders": "read_orders", "abandonedCheckouts": "read_orders"}

var (
	rootRe   = regexp.MustCompile(`\b(shop|customers|orders|abandonedCheckouts)\s*[({]`)
	firstRe  = regexp.MustCompile(`\bfirst\s*:\s*(\d+)`)
	searchRe = regexp.MustCompile(`(updated_at|created_at)\s*:\s*(>=|<=|>|<)?\s*['"]?([0-9T:.+\-Z]+)['"]?`)
)

type request struct {
	Query         string         `json:"query"`
	Variables     map[string]any `json:"variables"`
	OperationName string         `json:"operationName"`
}

func (s *Server) graphql(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.missing {
		notFoundShop(w)
		return
	}
	if len(s.fail) > 0 {
		status := s.fail[0]
		s.fail = s.fail[1:]
		writeJSON(w, status, map[string]any{"errors": http.StatusText(status)})
		return
	}
	if v := r.PathValue("version"); !regexp.MustCompile(`^\d{4}-\d{2}$`).MatchString(v) && v != "unstable" {
		writeJSON(w, http.StatusNotFound, map[string]any{"errors": "Not Found"})
		return
	}
	if !s.validToken(r.Header.Get("X-Shopify-Access-Token")) {
		s.stats.Unauthorized++
		writeJSON(w, http.StatusUnauthorized, map[string]any{"errors": invalidToken})
		return
	}
	var req request
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&req); err != nil || req.Query == "" {
		writeJSON(w, http.StatusBadRequest, map[string]any{"errors": map[string]any{"query": "Required parameter missing or invalid"}})
		return
	}
	m := rootRe.FindStringSubmatch(req.Query)
	if m == nil {
		s.answer(w, nil, []any{gqlError("Field doesn't exist on type 'QueryRoot'", "undefinedField", nil)}, 1, nil)
		return
	}
	root := m[1]
	first := intArg(req, "first")
	requested := float64(1)
	if root != "shop" {
		if first < 1 || first > 250 {
			s.answer(w, nil, []any{gqlError("The first argument must be between 1 and 250.", "BAD_REQUEST", []any{root})}, 0, nil)
			return
		}
		requested = 2 + float64(first)*nodeCost[root]
	}
	if requested > MaxQueryCost {
		s.answer(w, nil, []any{map[string]any{"message": fmt.Sprintf("Query cost is %.0f, which exceeds the single query max cost limit (%d).", requested, MaxQueryCost),
			"extensions": map[string]any{"code": "MAX_COST_EXCEEDED", "cost": requested, "maxCost": MaxQueryCost}}}, requested, nil)
		return
	}
	if scope := scopeOf[root]; scope != "" && !s.scopes[scope] {
		e := gqlError(fmt.Sprintf("Access denied for %s field. Required access: `%s` access scope.", root, scope), "ACCESS_DENIED", []any{root})
		e["extensions"].(map[string]any)["requiredAccess"] = "`" + scope + "` access scope."
		s.answer(w, map[string]any{root: nil}, []any{e}, requested, nil)
		return
	}
	s.refill()
	if s.available < requested {
		s.stats.Throttled++
		s.answer(w, nil, []any{gqlError("Throttled", "THROTTLED", nil)}, requested, nil)
		return
	}
	s.available -= requested
	s.stats.Requests[root]++
	data, actual := s.run(root, req, first)
	s.available += requested - actual
	s.stats.Requested += int(requested)
	s.stats.Actual += int(actual)
	s.answer(w, data, nil, requested, &actual)
}

// answer writes {data, errors, extensions.cost}; actual is nil when the query did not run.
func (s *Server) answer(w http.ResponseWriter, data any, errs []any, requested float64, actual *float64) {
	out := map[string]any{}
	if data != nil || errs == nil {
		out["data"] = data
	}
	if errs != nil {
		out["errors"] = errs
	}
	var act any
	if actual != nil {
		act = *actual
	}
	out["extensions"] = map[string]any{"cost": map[string]any{"requestedQueryCost": requested, "actualQueryCost": act,
		"throttleStatus": map[string]any{"maximumAvailable": float64(BucketSize), "currentlyAvailable": s.available,
			"restoreRate": float64(RestoreRate)}}}
	writeJSON(w, http.StatusOK, out)
}

// refill adds what the restore rate gave since the last refill; s.mu is held.
func (s *Server) refill() {
	now := s.now()
	s.available += RestoreRate * now.Sub(s.filledAt).Seconds()
	if s.available > BucketSize {
		s.available = BucketSize
	}
	s.filledAt = now
}

func gqlError(msg, code string, path []any) map[string]any {
	e := map[string]any{"message": msg, "extensions": map[string]any{"code": code,
		"documentation": "https://shopify.dev/api/usage/rate-limits"}}
	if path != nil {
		e["path"] = path
		e["locations"] = []any{map[string]any{"line": 2, "column": 3}}
	}
	return e
}

// intArg reads an Int argument from the variables, else from the query text.
func intArg(req request, name string) int {
	if v, ok := req.Variables[name].(float64); ok {
		return int(v)
	}
	if m := firstRe.FindStringSubmatch(req.Query); m != nil && name == "first" {
		n, _ := strconv.Atoi(m[1])
		return n
	}
	return 0
}

func stringArg(req request, name string) string {
	s, _ := req.Variables[name].(string)
	return s
}

// condition is one term of a search query on a time field.
type condition struct {
	field, op string
	at        time.Time
}

func parseSearch(q string) []condition {
	var out []condition
	for _, m := range searchRe.FindAllStringSubmatch(q, -1) {
		t, err := time.Parse(time.RFC3339Nano, m[3])
		if err != nil {
			if t, err = time.Parse("2006-01-02", m[3]); err != nil {
				continue // Shopify ignores a term it cannot read
			}
		}
		op := m[2]
		if op == "" {
			op = "="
		}
		out = append(out, condition{field: m[1], op: op, at: t})
	}
	return out
}

func (c condition) match(updated, created time.Time) bool {
	v := updated
	if c.field == "created_at" {
		v = created
	}
	switch c.op {
	case ">":
		return v.After(c.at)
	case ">=":
		return !v.Before(c.at)
	case "<":
		return v.Before(c.at)
	case "<=":
		return !v.After(c.at)
	}
	return v.Equal(c.at)
}

// cursor is an opaque position after a node: its sort key and id.
func cursor(key time.Time, id string) string {
	b, _ := json.Marshal(map[string]string{"last_value": key.UTC().Format(time.RFC3339Nano), "last_id": id})
	return base64.StdEncoding.EncodeToString(b)
}

func parseCursor(c string) (key time.Time, id string, ok bool) {
	b, err := base64.StdEncoding.DecodeString(c)
	var m map[string]string
	if err != nil || json.Unmarshal(b, &m) != nil {
		return time.Time{}, "", false
	}
	key, err = time.Parse(time.RFC3339Nano, m["last_value"])
	if err != nil && m["last_value"] != "" {
		return time.Time{}, "", false
	}
	return key, m["last_id"], true
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// notFoundShop is what a myshopify address with no store behind it answers.
func notFoundShop(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusNotFound)
	_, _ = w.Write([]byte("<!DOCTYPE html><html><head><title>Create an Ecommerce Website and Sell Online! Ecommerce Software by Shopify</title></head><body><h1>Sorry, this shop is currently unavailable.</h1></body></html>"))
}
