// Package minuit is the one home of Minuit's domain vocabulary: what a message's
// kind is, what a contact's consent is, a birthday, and a resolved recipient. The
// contacts, the scheduler, its compliance rules, the window and the CLI import these
// names rather than each defining its own (benbjohnson/wtf's root package). Phone
// numbers and the default country have theirs in internal/phone.
package minuit

import (
	"strings"
	"time"
)

// Kind is a message's legal category: it decides which compliance rules apply.
// Any other value, the empty string included, is treated as Marketing by the rules.
type Kind string

// Message kinds.
const (
	// Transactional messages answer something the contact did (an order, an
	// appointment, a reminder): exempt from the marketing rules; only a refusal of
	// every message stops them.
	Transactional Kind = "transactional"
	// Marketing messages promote the shop: they need a recorded opt-in and follow
	// quiet hours, the STOP footer and the frequency cap.
	Marketing Kind = "marketing"
)

// Valid reports whether k is one of the kinds.
func (k Kind) Valid() bool { return k == Transactional || k == Marketing }

// Consent is a contact's marketing consent as it stands: the latest entry of the
// contact's consent history (contacts), recorded by an import (Shopify's "Accepts
// SMS Marketing", a vCard note), the shop owner (the window, `minuit consent`), a
// STOP or START reply (the scheduler's inbound reader), or Shopify's sync. Any
// other value, the empty string included, counts as ConsentUnknown.
type Consent string

// Consent states.
const (
	ConsentUnknown  Consent = "unknown"   // never recorded: no marketing
	ConsentOptedIn  Consent = "opted-in"  // opt-in recorded: marketing allowed
	ConsentOptedOut Consent = "opted-out" // opt-out recorded: no marketing
)

// Birthday is a day of the year, with the year when known (0 otherwise). The zero
// value means none.
type Birthday struct {
	Year  int
	Month time.Month
	Day   int
}

// IsZero reports whether no birthday is known.
func (b Birthday) IsZero() bool { return b.Month == 0 || b.Day == 0 }

// String renders 1980-03-22, or --03-22 without a year (vCard's form), or "" for
// none.
func (b Birthday) String() string {
	if b.IsZero() {
		return ""
	}
	if b.Year == 0 {
		return "--" + two(int(b.Month)) + "-" + two(b.Day)
	}
	return four(b.Year) + "-" + two(int(b.Month)) + "-" + two(b.Day)
}

func two(n int) string { return string([]byte{byte('0' + n/10%10), byte('0' + n%10)}) }
func four(n int) string {
	return string([]byte{byte('0' + n/1000%10), byte('0' + n/100%10), byte('0' + n/10%10), byte('0' + n%10)})
}

// Recipient is one addressee of a message, resolved: a contact (from the contacts'
// directory) or a number typed by hand.
type Recipient struct {
	ContactID int64             // 0 for a typed number that belongs to no contact
	Number    string            // E.164 to text; "" when the contact has no textable number
	Name      string            // the contact's display name; "" for a typed number
	Fields    map[string]string // placeholder values: name, first_name, last_name, company, email, phone, birthday
	Birthday  Birthday
	Consent   Consent
	// NoMessagesAtAll: the contact refused every message, transactional ones too.
	NoMessagesAtAll bool
}

// DisplayName is how people read the recipient: the contact's name, else their
// first and last names, else the number.
func (r Recipient) DisplayName() string {
	if n := strings.TrimSpace(r.Name); n != "" {
		return n
	}
	if n := strings.TrimSpace(r.Fields["name"]); n != "" {
		return n
	}
	if n := strings.TrimSpace(r.Fields["first_name"] + " " + r.Fields["last_name"]); n != "" {
		return n
	}
	return r.Number
}
