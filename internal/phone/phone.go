// Package phone is Minuit's one rule for phone numbers: how a number as written is
// read (in a default country when it has no "+"), whether it can receive SMS, and
// why not. The importer, the CLI, the window and the Shopify automations all use
// it, so that they agree on "06 12 34 56 78"; the default country comes from here
// too (DefaultRegion).
package phone

import (
	"errors"
	"fmt"
	"strings"

	"github.com/nyaruka/phonenumbers"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// Kind is how libphonenumber classifies a valid number. Only Mobile and
// FixedOrMobile (libphonenumber cannot tell them apart in the US and Canada) can
// receive SMS.
type Kind string

// Number kinds.
const (
	Mobile        Kind = "mobile"
	FixedOrMobile Kind = "fixed line or mobile"
	Landline      Kind = "landline"
	TollFree      Kind = "toll-free"
	PremiumRate   Kind = "premium-rate"
	SharedCost    Kind = "shared-cost"
	VoIP          Kind = "VoIP"
	Personal      Kind = "personal"
	Pager         Kind = "pager"
	Switchboard   Kind = "switchboard"
	Voicemail     Kind = "voicemail"
	Other         Kind = "other"
	Invalid       Kind = "invalid" // cannot be a valid number
)

// Number is a number as read.
type Number struct {
	E164    string // "+33612345678" when the number is valid, else ""
	Kind    Kind
	Problem string // a plain sentence when it is invalid or cannot receive SMS; "" otherwise
}

// Textable reports whether n can receive SMS.
func (n Number) Textable() bool {
	return n.E164 != "" && n.Problem == "" && (n.Kind == Mobile || n.Kind == FixedOrMobile)
}

// Parse reads raw (as a person or an export wrote it: spaces, dots, "tel:", the
// apostrophe spreadsheets add) in region (ISO 3166 code) when it has no "+".
func Parse(raw, region string) Number {
	s := Text(raw)
	if !strings.ContainsAny(s, "0123456789") {
		return Number{Kind: Invalid, Problem: "It has no digits."}
	}
	num, t, err := parseNumber(s, strings.ToUpper(region))
	if err != nil {
		return Number{Kind: Invalid, Problem: parseProblem(err, s, region)}
	}
	if t == phonenumbers.UNKNOWN {
		return Number{Kind: Invalid, Problem: invalidProblem(num)}
	}
	k := kindOf(t)
	return Number{E164: phonenumbers.Format(num, phonenumbers.E164), Kind: k, Problem: KindProblem(k)}
}

// Error says why a typed number cannot be texted.
type Error struct {
	Raw     string // as typed
	Problem string // Number.Problem
}

func (e *Error) Error() string { return fmt.Sprintf("%q: %s", e.Raw, e.Problem) }

// Sentence implements usererr.Sentencer.
func (e *Error) Sentence() string { return e.Error() }

// ErrEmpty: no number was typed.
var ErrEmpty = errors.New("the phone number is empty")

// Normalize returns raw as E.164 when it can receive SMS (Parse), or an *Error
// saying why not (ErrEmpty when raw is blank).
func Normalize(raw, region string) (string, error) {
	if strings.TrimSpace(raw) == "" {
		return "", ErrEmpty
	}
	n := Parse(raw, region)
	if !n.Textable() {
		if n.Problem == "" {
			n.Problem = KindProblem(Other)
		}
		return "", &Error{Raw: raw, Problem: n.Problem}
	}
	return n.E164, nil
}

// Text strips what exporters wrap numbers in: a tel: URI scheme, and the
// apostrophe spreadsheets use to keep a leading + or 0.
func Text(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 4 && strings.EqualFold(s[:4], "tel:") {
		s = s[4:]
	}
	return strings.TrimLeft(s, "'")
}

// kindOf names libphonenumber's type of a valid number.
func kindOf(t phonenumbers.PhoneNumberType) Kind {
	switch t {
	case phonenumbers.MOBILE:
		return Mobile
	case phonenumbers.FIXED_LINE_OR_MOBILE:
		return FixedOrMobile
	case phonenumbers.FIXED_LINE:
		return Landline
	case phonenumbers.TOLL_FREE:
		return TollFree
	case phonenumbers.PREMIUM_RATE:
		return PremiumRate
	case phonenumbers.SHARED_COST:
		return SharedCost
	case phonenumbers.VOIP:
		return VoIP
	case phonenumbers.PERSONAL_NUMBER:
		return Personal
	case phonenumbers.PAGER:
		return Pager
	case phonenumbers.UAN:
		return Switchboard
	case phonenumbers.VOICEMAIL:
		return Voicemail
	}
	return Other
}

// KindProblem says why a valid number of kind k cannot receive SMS, or "".
func KindProblem(k Kind) string {
	switch k {
	case Mobile, FixedOrMobile:
		return ""
	case Landline:
		return "It is a landline: it cannot receive SMS."
	case TollFree:
		return "It is a toll-free number: it cannot receive SMS."
	case PremiumRate:
		return "It is a premium-rate number: it cannot receive SMS."
	case SharedCost:
		return "It is a shared-cost number: it cannot receive SMS."
	case VoIP:
		return "It is an internet (VoIP) number: it cannot receive SMS."
	case Personal:
		return "It is a personal forwarding number: it cannot receive SMS."
	case Pager:
		return "It is a pager: it cannot receive SMS."
	case Switchboard:
		return "It is a company switchboard number: it cannot receive SMS."
	case Voicemail:
		return "It is a voicemail number: it cannot receive SMS."
	}
	return "It is not a mobile number: it cannot receive SMS."
}

func parseProblem(err error, s, region string) string {
	where := RegionName(region)
	if strings.HasPrefix(strings.TrimSpace(s), "+") {
		where = ""
	}
	switch {
	case errors.Is(err, phonenumbers.ErrInvalidCountryCode):
		return "Its country code is not valid."
	case errors.Is(err, phonenumbers.ErrTooShortNSN), errors.Is(err, phonenumbers.ErrTooShortAfterIDD):
		if where != "" {
			return "It has too few digits for a number in " + where + "."
		}
		return "It has too few digits."
	case errors.Is(err, phonenumbers.ErrNumTooLong):
		return "It has too many digits."
	}
	return "It is not a phone number."
}

func invalidProblem(num *phonenumbers.PhoneNumber) string {
	where := RegionName(phonenumbers.GetRegionCodeForCountryCode(int(num.GetCountryCode())))
	in := ""
	if where != "" {
		in = " for a number in " + where
	}
	switch phonenumbers.IsPossibleNumberWithReason(num) {
	case phonenumbers.TOO_SHORT:
		return "It has too few digits" + in + "."
	case phonenumbers.TOO_LONG:
		return "It has too many digits" + in + "."
	case phonenumbers.INVALID_LENGTH:
		return "It does not have the right number of digits" + in + "."
	case phonenumbers.INVALID_COUNTRY_CODE:
		return "Its country code is not valid."
	}
	if where != "" {
		return "No such number exists in " + where + "."
	}
	return "No such number exists."
}

// RegionName gives the English name of a region code ("FR" gives "France").
func RegionName(code string) string {
	if code == "" || code == "ZZ" || code == "001" {
		return ""
	}
	r, err := language.ParseRegion(code)
	if err != nil {
		return code
	}
	if n := display.English.Regions().Name(r); n != "" {
		return n
	}
	return code
}
