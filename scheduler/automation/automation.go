// Package automation turns what happens in the connected Shopify store into texts:
// an order confirmation, a shipping notice with tracking, an abandoned-cart
// reminder and a welcome text, each on or off, with its own template, kind and
// delay. A Poller reads the store while Minuit runs (a desktop app has no address
// for webhooks) and fires each automation exactly once per order, fulfillment,
// checkout or customer: the automation_fires table's key, written in the same
// transaction as the message, holds across restarts and overlapping polls. Objects
// older than the store's connection never trigger anything; events found too late
// (an order confirmation over 24 hours, a cart over 48 hours) are recorded as
// skipped deliveries whose reason history shows.
//
// Messages are made through the scheduler store's own CreateMessageTx, so marketing
// ones meet the same compliance gate as any other (consent, quiet hours, caps).
// The package never imports contacts: customers reach them through CustomerSink.
package automation

import (
	"time"

	"minuit/internal/minuit"
)

// Name is an automation's name, as the CLI and the settings write it.
type Name string

// The four automations.
const (
	OrderConfirmation Name = "order-confirmation"
	Shipping          Name = "shipping"
	AbandonedCheckout Name = "abandoned-checkout"
	Welcome           Name = "welcome"
)

// Names lists the automations in the order the window shows them.
var Names = []Name{OrderConfirmation, Shipping, AbandonedCheckout, Welcome}

// Spec is what an automation is before the shop owner changes it.
type Spec struct {
	Name  Name
	Title string // the window's title for it (English: the catalogue key)
	What  string // how history's notes name one of its texts: "an order confirmation"
	Kind  minuit.Kind
	// Template is the default French text; Placeholders the fields it may use.
	Template     string
	Placeholders []string
	// Delay is the default wait after the event; MinDelay and MaxDelay bound it.
	Delay, MinDelay, MaxDelay time.Duration
	// MaxLate is how long after the event a text may still leave: a later one is
	// recorded as skipped (too-late) and never sent.
	MaxLate time.Duration
	// KindFixed: the kind cannot be changed (a cart reminder is always marketing).
	KindFixed bool
}

// Placeholders every automation can use.
const (
	FieldFirstName = "first_name"
	FieldShopName  = "shop_name"
)

var specs = map[Name]Spec{
	OrderConfirmation: {Name: OrderConfirmation, Title: "Order confirmation", What: "an order confirmation", Kind: minuit.Transactional,
		Template:     "Bonjour {first_name}, merci pour votre commande {order_name} de {total} ! Nous vous prévenons dès son expédition. {shop_name}",
		Placeholders: []string{FieldFirstName, "order_name", "total", FieldShopName},
		MaxDelay:     12 * time.Hour, MaxLate: 24 * time.Hour},
	Shipping: {Name: Shipping, Title: "Shipping notice", What: "a shipping notice", Kind: minuit.Transactional,
		Template:     "Bonjour {first_name}, votre commande {order_name} est en route ({tracking_company} {tracking_number}) : {tracking_url}",
		Placeholders: []string{FieldFirstName, "order_name", "tracking_company", "tracking_number", "tracking_url", FieldShopName},
		MaxDelay:     12 * time.Hour, MaxLate: 48 * time.Hour},
	AbandonedCheckout: {Name: AbandonedCheckout, Title: "Abandoned cart reminder", What: "a cart reminder", Kind: minuit.Marketing, KindFixed: true,
		Template:     "Bonjour {first_name}, votre panier vous attend chez {shop_name} : {checkout_url}",
		Placeholders: []string{FieldFirstName, "checkout_url", FieldShopName},
		Delay:        time.Hour, MinDelay: 15 * time.Minute, MaxDelay: 24 * time.Hour, MaxLate: 48 * time.Hour},
	Welcome: {Name: Welcome, Title: "Welcome text", What: "a welcome text", Kind: minuit.Marketing,
		Template:     "Bienvenue {first_name} ! Merci de votre inscription aux SMS de {shop_name} : nos offres en avant-première.",
		Placeholders: []string{FieldFirstName, FieldShopName},
		MaxDelay:     24 * time.Hour, MaxLate: 48 * time.Hour},
}

// SpecOf returns an automation's spec; ok is false for an unknown name.
func SpecOf(n Name) (Spec, bool) {
	s, ok := specs[n]
	return s, ok
}

// Reasons of skipped deliveries (policy_reason) the automations record.
const (
	ReasonTooLate   = "too-late"
	ReasonNoNumber  = "no-mobile-number"
	ReasonCancelled = "order-cancelled"
	ReasonRefused   = "text-refused"
)
