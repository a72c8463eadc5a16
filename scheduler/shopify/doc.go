// Package shopify is Minuit's client of the Shopify GraphQL Admin API, written on
// net/http (Shopify publishes no Go SDK): one pinned API version (APIVersion),
// `POST {base}/admin/api/2026-10/graphql.json` with the X-Shopify-Access-Token
// header, where base is https://{shop} or the MINUIT_SHOPIFY_URL override.
//
// A store is reached with an Admin API access token (custom apps made in the store
// admin before 2026) or a Dev Dashboard app's client id and secret, exchanged by
// the client-credentials grant (`POST {base}/admin/oauth/access_token`) for a token
// that lasts about 24 hours: the client asks for a new one shortly before it
// expires, and once when Shopify answers 401.
//
// Calls are cost-aware: every answer's extensions.cost.throttleStatus is kept, and
// a query waits, on the injected clock, until the leaky bucket holds what it last
// cost; a THROTTLED answer is retried once the restore rate has refilled what the
// query asks for. Lists are read by cursor pagination (edges, node, pageInfo),
// with the largest page a single query's 1,000-point ceiling allows.
//
// Failures are *Error values whose Kind says what went wrong (a refused token, a
// store that does not exist, a missing access scope, throttling that did not end,
// an unreachable server) and whose Sentence says it to the shop owner.
//
// Facts and their sources: /work/shared/notes/providers.md §5 (shopify.dev: the
// GraphQL Admin API, client-credentials grant, rate limits, AbandonedCheckout,
// CustomerPhoneNumber).
package shopify

// APIVersion is the GraphQL Admin API version every call names.
const APIVersion = "2026-10"

// Page sizes keep each query's requested cost under Shopify's 1,000-point ceiling
// for one query: a connection costs 2 + first × (the objects of one node).
const (
	customersPage = 250 // Customer, defaultEmailAddress, defaultPhoneNumber: 3 a node
	ordersPage    = 40  // Order with money, customer, journey, 5 fulfillments: 20 a node
	checkoutsPage = 200 // AbandonedCheckout, customer, its phone, shipping address: 4 a node
)

// nodeCost is what one node of each list may cost (the figures above), for the
// client's first guess of a page's requested cost.
var nodeCost = map[string]int{"customers": 3, "orders": 20, "abandonedCheckouts": 4}
