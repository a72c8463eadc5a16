package shopify

// The operations Minuit sends. Each list is read newest-change last (UPDATED_AT)
// from a search on updated_at, so that a poll asks only for what changed.

const shopQuery = `query MinuitShop {
  shop { name myshopifyDomain currencyCode ianaTimezone }
}`

const customersQuery = `query MinuitCustomers($first: Int!, $after: String, $query: String) {
  customers(first: $first, after: $after, sortKey: UPDATED_AT, query: $query) {
    edges { node {
      id firstName lastName tags createdAt updatedAt
      defaultEmailAddress { emailAddress }
      defaultPhoneNumber { phoneNumber marketingState marketingOptInLevel marketingUpdatedAt }
    } }
    pageInfo { hasNextPage endCursor }
  }
}`

const ordersQuery = `query MinuitOrders($first: Int!, $after: String, $query: String) {
  orders(first: $first, after: $after, sortKey: UPDATED_AT, query: $query) {
    edges { node {
      id name createdAt updatedAt cancelledAt phone email
      totalPriceSet { shopMoney { amount currencyCode } }
      customer { id firstName defaultPhoneNumber { phoneNumber } }
      customerJourneySummary {
        firstVisit { landingPage utmParameters { source medium campaign } }
        lastVisit { landingPage utmParameters { source medium campaign } }
      }
      fulfillments(first: 5) { id status createdAt updatedAt trackingInfo(first: 1) { company number url } }
    } }
    pageInfo { hasNextPage endCursor }
  }
}`

const checkoutsQuery = `query MinuitAbandonedCheckouts($first: Int!, $after: String, $query: String) {
  abandonedCheckouts(first: $first, after: $after, query: $query) {
    edges { node {
      id name abandonedCheckoutUrl createdAt updatedAt completedAt
      customer { id firstName defaultPhoneNumber { phoneNumber } }
      shippingAddress { firstName phone }
    } }
    pageInfo { hasNextPage endCursor }
  }
}`
