package shopifyemu

import (
	"sort"
	"time"
)

// ordersWindow is how far back orders are visible without read_all_orders.
const ordersWindow = 60 * 24 * time.Hour

// run answers a query that may run; s.mu is held. It returns the data and the
// actual cost: one point a returned object, and 2 for a connection.
func (s *Server) run(root string, req request, first int) (map[string]any, float64) {
	if root == "shop" {
		return map[string]any{"shop": map[string]any{"name": s.shopName, "myshopifyDomain": "ma-boutique.myshopify.com",
			"currencyCode": "EUR", "ianaTimezone": "Europe/Paris"}}, 1
	}
	conds := parseSearch(stringArg(req, "query"))
	afterKey, afterID, hasAfter := parseCursor(stringArg(req, "after"))
	var all []item
	switch root {
	case "customers":
		for _, c := range s.customers {
			if matchAll(conds, c.UpdatedAt, c.CreatedAt) {
				all = append(all, item{key: c.UpdatedAt, id: c.ID, rec: c})
			}
		}
	case "orders":
		oldest := s.now().Add(-ordersWindow)
		for _, o := range s.orders {
			if matchAll(conds, o.UpdatedAt, o.CreatedAt) && (s.scopes["read_all_orders"] || !o.CreatedAt.Before(oldest)) {
				all = append(all, item{key: o.UpdatedAt, id: o.ID, rec: o})
			}
		}
	case "abandonedCheckouts": // no sort key: by id
		for _, ch := range s.checkouts {
			if matchAll(conds, ch.UpdatedAt, ch.CreatedAt) {
				all = append(all, item{id: ch.ID, rec: ch})
			}
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].before(all[j]) })
	cost := 2.0
	var edges []any
	var end string
	more := false
	after := item{key: afterKey, id: afterID}
	for _, x := range all {
		if hasAfter && !after.before(x) {
			continue
		}
		if len(edges) == first {
			more = true
			break
		}
		node := s.render(x.rec)
		cost += objects(node)
		end = cursor(x.key, x.id)
		edges = append(edges, map[string]any{"cursor": end, "node": node})
	}
	var endCursor any
	if end != "" {
		endCursor = end
	}
	if edges == nil {
		edges = []any{}
	}
	return map[string]any{root: map[string]any{"edges": edges,
		"pageInfo": map[string]any{"hasNextPage": more, "endCursor": endCursor}}}, cost
}

func matchAll(conds []condition, updated, created time.Time) bool {
	for _, c := range conds {
		if !c.match(updated, created) {
			return false
		}
	}
	return true
}

// item is a record with its sort key (updatedAt; zero for checkouts) and id.
type item struct {
	key time.Time
	id  string
	rec any
}

func (a item) before(b item) bool {
	if !a.key.Equal(b.key) {
		return a.key.Before(b.key)
	}
	return idLess(a.id, b.id)
}

// objects counts the objects in a rendered node, itself included: its actual cost.
func objects(v any) float64 {
	switch x := v.(type) {
	case map[string]any:
		n := 1.0
		for _, f := range x {
			n += objects(f)
		}
		return n
	case []any:
		n := 0.0
		for _, f := range x {
			n += objects(f)
		}
		return n
	}
	return 0
}
