package scheduler

import (
	"context"
	"strings"

	"github.com/nyaruka/phonenumbers"

	"minuit/internal/usererr"
)

// Directory resolves contact and group recipients to numbers at the moment an
// occurrence is materialised. app/ adapts the contacts store to it; the scheduler
// never imports contacts.
type Directory interface {
	Resolve(ctx context.Context, contactIDs []int64, groups []string) ([]Recipient, error)
}

// Recipient is one resolved addressee.
type Recipient struct {
	ContactID int64             // 0 for a typed number
	Number    string            // E.164 to text; "" when the contact has none
	Fields    map[string]string // placeholder values: name, first_name, last_name, …
	Birthday  Birthday
	Consent   string // "unknown", "opted-in" or "opted-out"
	// NoMessagesAtAll: the contact refused every message, transactional ones too.
	NoMessagesAtAll bool
}

// NormalizeNumber returns raw as E.164, reading it in region (ISO 3166 code) when it
// has no "+" prefix, or a plain error saying why it cannot be texted.
func NormalizeNumber(raw, region string) (string, error) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return "", usererr.Sayf("the phone number is empty")
	}
	n, err := phonenumbers.Parse(s, strings.ToUpper(region))
	if err != nil {
		return "", usererr.Sayf("%q is not a phone number (%v)", raw, err)
	}
	if !phonenumbers.IsValidNumber(n) {
		return "", usererr.Sayf("%q is not a valid phone number", raw)
	}
	switch phonenumbers.GetNumberType(n) {
	case phonenumbers.FIXED_LINE:
		return "", usererr.Sayf("%q is a landline and cannot receive SMS", raw)

	}
	return phonenumbers.Format(n, phonenumbers.E164), nil
}
