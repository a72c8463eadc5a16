package contacts

import (
	"strings"
	"time"

	"minuit/internal/minuit"
)

// record is one card or CSV row, read and normalised, before it is matched against
// the store.
type record struct {
	line          int
	uid           string
	name          string
	first         string
	last          string
	company       string
	email         string
	notes         string
	bday          minuit.Birthday
	groups        []string
	phones        []Phone // Raw, Label and Preferred from the source; the rest after normalize
	region        string  // the row's own country (Shopify), else ""
	rev           time.Time
	consent       minuit.Consent // from the source (Shopify); "" when it says nothing
	consentSource string
	proof         string
	problems      []string // plain sentences about this card
	skip          string   // why the card is not imported; "" when it is
	members       []string // a group card's member UIDs
	nameDerived   bool     // the name was made up from the company, number or email
	orphan        bool     // only problems found outside any card
}

// finish fills the name and normalises the numbers; it runs on worker goroutines.
func (r *record) finish(defaultRegion string) {
	r.stripControls()
	region := r.region
	if region == "" {
		region = defaultRegion
	}
	seen := make(map[string]bool, len(r.phones))
	phones := r.phones[:0]
	for _, in := range r.phones {
		if clean(in.Raw) == "" {
			continue
		}
		p := normalizePhone(in.Raw, in.Label, in.Preferred, region)
		key := phoneKey(p)
		if seen[key] {
			continue // the same number twice in one card
		}
		seen[key] = true
		phones = append(phones, p)
	}
	r.phones = phones
	r.groups = normGroups(r.groups)
	if r.name == "" {
		r.name = fallbackName(r)
	}
	if r.skip == "" && r.name == "" && len(r.phones) == 0 && r.email == "" && len(r.members) == 0 {
		r.skip = "It has no name, number or email."
	}
}

// fallbackName: N, else the organisation, else the number, else the email.
func fallbackName(r *record) string {
	if n := clean(strings.TrimSpace(r.first + " " + r.last)); n != "" {
		return n
	}
	r.nameDerived = true
	if r.company != "" {
		return r.company
	}
	for _, p := range r.phones {
		if p.Raw != "" {
			return p.Raw
		}
	}
	return r.email
}

// keys returns the identities that make two records one contact, strongest first:
// the UID, each valid number, then (only without a valid number) the email, then
// (without email either) the name and the digits of the numbers.
func (r *record) keys() []string {
	var ks []string
	if r.uid != "" {
		ks = append(ks, "u:"+r.uid)
	}
	valid := false
	for _, p := range r.phones {
		if p.Number != "" {
			ks = append(ks, "t:"+p.Number)
			valid = true
		}
	}
	if !valid && r.email != "" {
		ks = append(ks, "m:"+emailKey(r.email))
	}
	if !valid && r.email == "" && r.uid == "" {
		ks = append(ks, "f:"+fallbackKey(r.name, r.phones))
	}
	return ks
}

// fallbackKey identifies a contact with no UID, valid number or email.
func fallbackKey(name string, phones []Phone) string {
	var b strings.Builder
	b.WriteString(fold(name))
	for _, p := range phones {
		b.WriteByte('|')
		b.WriteString(digits(p.Raw))
	}
	return b.String()
}

// emailKey is how emails are compared: trimmed, ASCII letters in lower case, the way
// SQLite's lower() (behind the contacts_by_email index) folds them.
func emailKey(e string) string {
	e = strings.TrimSpace(e)
	b := []byte(e)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
