package shopify

import (
	"strings"
	"time"
)

// ShopInfo is the store as "Test connection" shows it.
type ShopInfo struct {
	Name     string // the store's name, e.g. "Ma Boutique"
	Domain   string // name.myshopify.com
	Currency string // ISO 4217
	Timezone string // IANA
}

// SMS marketing states of CustomerPhoneNumber.marketingState (CustomerSmsMarketingState).
const (
	SMSSubscribed    = "SUBSCRIBED"
	SMSNotSubscribed = "NOT_SUBSCRIBED"
	SMSUnsubscribed  = "UNSUBSCRIBED"
	SMSPending       = "PENDING"
	SMSRedacted      = "REDACTED"
	SMSInvalid       = "INVALID"
)

// Customer is a store's customer as the sync reads it.
type Customer struct {
	ID        string // the number of its gid (gid://shopify/Customer/ID)
	FirstName string
	LastName  string
	Email     string
	Phone     string // defaultPhoneNumber.phoneNumber (E.164 in Shopify)
	Tags      []string
	// SMSState is defaultPhoneNumber.marketingState ("" without a phone number);
	// SMSUpdatedAt when it last changed (zero when Shopify gives no date).
	SMSState     string
	SMSOptIn     string // marketingOptInLevel: SINGLE_OPT_IN, CONFIRMED_OPT_IN, UNKNOWN
	SMSUpdatedAt time.Time
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Person is who an order or checkout belongs to.
type Person struct {
	ID        string // customer id; "" for a guest
	FirstName string
	Phone     string
}

// Visit is a step of an order's customer journey: the page a session landed on and
// its UTM parameters.
type Visit struct {
	LandingPage string
	Source      string
	Medium      string
	Campaign    string
}

// Tracking is one parcel's carrier, number and link.
type Tracking struct {
	Company string
	Number  string
	URL     string
}

// Fulfillment is a shipment of an order.
type Fulfillment struct {
	ID        string
	Status    string
	CreatedAt time.Time
	UpdatedAt time.Time
	Tracking  []Tracking
}

// Order is a store's order as the automations and the revenue report read it.
type Order struct {
	ID          string
	Name        string // "#1002"
	CreatedAt   time.Time
	UpdatedAt   time.Time
	CancelledAt time.Time
	Phone       string
	Email       string
	Total       string // decimal, in the shop's currency ("49.90")
	Currency    string
	Customer    Person
	// FirstVisit and LastVisit are the customer journey's first and last sessions
	// (nil when Shopify has none).
	FirstVisit, LastVisit *Visit
	Fulfillments          []Fulfillment
}

// Checkout is an abandoned checkout.
type Checkout struct {
	ID          string
	Name        string
	URL         string // abandonedCheckoutUrl: where the customer picks the cart up again
	CreatedAt   time.Time
	UpdatedAt   time.Time
	CompletedAt time.Time // zero while not completed
	Customer    Person
	Phone       string // the shipping address's, when the customer has none
	FirstName   string // likewise
}

// gidNumber returns the last part of a gid ("gid://shopify/Order/5" → "5").
func gidNumber(gid string) string {
	if i := strings.LastIndexByte(gid, '/'); i >= 0 {
		gid = gid[i+1:]
	}
	if i := strings.IndexByte(gid, '?'); i >= 0 {
		gid = gid[:i]
	}
	return gid
}
