package contacts

import (
	"errors"
	"time"

	"minuit/internal/minuit"
	"minuit/internal/phone"
)

// Contact is one person or business the shop can text.
type Contact struct {
	ID        int64
	Name      string // display name: FN, else N, else organisation, else the number
	FirstName string
	LastName  string
	Company   string
	Email     string
	Phone     string  // E.164 of the number to text; "" when no number can receive SMS
	Phones    []Phone // every number, in the order of the source
	Birthday  minuit.Birthday
	Groups    []string // sorted
	Notes     string
	UID       string // vCard UID or "shopify:<customer id>"; "" when the source had none
	Source    string // where the contact first came from (file name, "app")
	// NoMessages is the shop owner's "never text this person", set in the app.
	NoMessages bool
	Consent    Consent
	// Edited lists the fields changed in the app and when; an import does not
	// overwrite them silently.
	Edited    map[string]time.Time
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Problems lists, as plain sentences, what stands in the way of texting the contact.
func (c Contact) Problems() []string {
	var out []string
	for _, p := range c.Phones {
		if p.Problem != "" {
			out = append(out, p.Raw+": "+p.Problem)
		}
	}
	if c.Phone == "" {
		if len(c.Phones) == 0 {
			out = append(out, "No phone number.")
		} else {
			out = append(out, "No number that can receive SMS.")
		}
	}
	return out
}

// Phone is one number of a contact.
type Phone struct {
	Number    string     // E.164 (+33612345678) when the number is valid, else ""
	Raw       string     // as written in the source
	Label     string     // the source's type, lower case: cell, home, work, fax, iphone, ...
	Kind      phone.Kind // from libphonenumber (internal/phone)
	Preferred bool       // PREF in the source
	Problem   string     // plain reason when the number is invalid or cannot receive SMS
}

// SourceShopify is the consent source recorded from "Accepts SMS Marketing" in a
// Shopify customer export.
const SourceShopify = "Shopify export"

// Consent is the latest entry of a contact's consent history.
type Consent struct {
	Status minuit.Consent
	Source string    // "Shopify export", "STOP reply", "app", ...
	Proof  string    // what shows it: file and line, message id, note
	At     time.Time // zero when Status is unknown and nothing was recorded
}

// Group is a named set of contacts.
type Group struct {
	Name  string
	Count int
}

// Query selects contacts for List. Results are ordered by name, then id.
type Query struct {
	Text  string // words matched as prefixes of the name, company or email; digits match numbers
	Group string // only members of this group
	After int64  // id of the last contact of the previous page; 0 for the first page
	Limit int    // at most this many; 0 means 50, more than 1000 means 1000
}

// Errors callers may test with errors.Is.
var (
	ErrNotFound    = errors.New("contacts: no such contact")
	ErrStale       = errors.New("contacts: the contacts changed since the preview; preview the file again")
	ErrTooLarge    = errors.New("contacts: the file is too large")
	ErrNumberTaken = errors.New("contacts: the number belongs to another contact")
	ErrBadConsent  = errors.New("contacts: consent status must be unknown, opted-in or opted-out")
	ErrCommitted   = errors.New("contacts: this preview was already committed or closed")
)
