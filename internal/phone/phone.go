// Package phone is Minuit's one rule for phone numbers: how a number as written is
// read (in a default country when it has no "+"), whether it can receive SMS, and
// why not. The importer, the CLI, the window and the Shopify automations all use
// it, so that they agree on "06 12 34 56 78"; the default country comes from here
// too (DefaultRegion).
package phone

import (
	"errors"
	"strconv"
	"strings"

	"github.com/nyaruka/phonenumbers"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"minuit/internal/usererr"
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
	Problem string // Why in English: a plain sentence when it is invalid or cannot receive SMS; "" otherwise
	Why     usererr.Msg
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
		return invalid(usererr.NewMsg("It has no digits.", nil))
	}
	num, t, err := parseNumber(s, strings.ToUpper(region))
	if err != nil {
		return invalid(parseProblem(err, s, region))
	}
	if t == phonenumbers.UNKNOWN {
		return invalid(invalidProblem(num))
	}
	k := kindOf(t)
	n := Number{E164: phonenumbers.Format(num, phonenumbers.E164), Kind: k}
	if why, ok := KindProblem(k); ok {
		n.Problem, n.Why = why.String(), why
	}
	return n
}

func invalid(why usererr.Msg) Number {
	return Number{Kind: Invalid, Problem: why.String(), Why: why}
}

// Error says why a typed number cannot be texted.
type Error struct {
	Raw string      // as typed
	Why usererr.Msg // Number.Why
}

func (e *Error) msg() usererr.Msg {
	return usererr.NewMsg("{{.Number}} cannot receive SMS. {{.Why}}", map[string]any{"Number": strconv.Quote(e.Raw), "Why": e.Why})
}

func (e *Error) Error() string { return e.msg().String() }

// Sentence implements usererr.Sentencer.
func (e *Error) Sentence() string { return e.Error() }

// Messages implements usererr.Messager.
func (e *Error) Messages() []usererr.Msg { return []usererr.Msg{e.msg()} }

// ErrEmpty: no number was typed.
var ErrEmpty = usererr.Say(usererr.NewMsg("The phone number is empty.", nil))

// Normalize returns raw as E.164 when it can receive SMS (Parse), or an *Error
// saying why not (ErrEmpty when raw is blank).
func Normalize(raw, region string) (string, error) {
	if strings.TrimSpace(raw) == "" {
		return "", ErrEmpty
	}
	n := Parse(raw, region)
	if !n.Textable() {
		return "", &Error{Raw: raw, Why: n.Why}
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

// KindProblem says why a valid number of kind k cannot receive SMS (ok true), or
// ok false when it can.
func KindProblem(k Kind) (why usererr.Msg, ok bool) {
	switch k {
	case Mobile, FixedOrMobile:
		return usererr.Msg{}, false
	case Landline:
		return usererr.NewMsg("It is a landline: it cannot receive SMS.", nil), true
	case TollFree:
		return usererr.NewMsg("It is a toll-free number: it cannot receive SMS.", nil), true
	case PremiumRate:
		return usererr.NewMsg("It is a premium-rate number: it cannot receive SMS.", nil), true
	case SharedCost:
		return usererr.NewMsg("It is a shared-cost number: it cannot receive SMS.", nil), true
	case VoIP:
		return usererr.NewMsg("It is an internet (VoIP) number: it cannot receive SMS.", nil), true
	case Personal:
		return usererr.NewMsg("It is a personal forwarding number: it cannot receive SMS.", nil), true
	case Pager:
		return usererr.NewMsg("It is a pager: it cannot receive SMS.", nil), true
	case Switchboard:
		return usererr.NewMsg("It is a company switchboard number: it cannot receive SMS.", nil), true
	case Voicemail:
		return usererr.NewMsg("It is a voicemail number: it cannot receive SMS.", nil), true
	}
	return usererr.NewMsg("It is not a mobile number: it cannot receive SMS.", nil), true
}

func parseProblem(err error, s, region string) usererr.Msg {
	where := RegionName(region)
	if strings.HasPrefix(strings.TrimSpace(s), "+") {
		where = ""
	}
	in := map[string]any{"Country": where}
	switch {
	case errors.Is(err, phonenumbers.ErrInvalidCountryCode):
		return usererr.NewMsg("Its country code is not valid.", nil)
	case errors.Is(err, phonenumbers.ErrTooShortNSN), errors.Is(err, phonenumbers.ErrTooShortAfterIDD):
		if where != "" {
			return usererr.NewMsg("It has too few digits for a number in {{.Country}}.", in)
		}
		return usererr.NewMsg("It has too few digits.", nil)
	case errors.Is(err, phonenumbers.ErrNumTooLong):
		return usererr.NewMsg("It has too many digits.", nil)
	}
	return usererr.NewMsg("It is not a phone number.", nil)
}

func invalidProblem(num *phonenumbers.PhoneNumber) usererr.Msg {
	where := RegionName(phonenumbers.GetRegionCodeForCountryCode(int(num.GetCountryCode())))
	in := map[string]any{"Country": where}
	switch phonenumbers.IsPossibleNumberWithReason(num) {
	case phonenumbers.TOO_SHORT:
		if where != "" {
			return usererr.NewMsg("It has too few digits for a number in {{.Country}}.", in)
		}
		return usererr.NewMsg("It has too few digits.", nil)
	case phonenumbers.TOO_LONG:
		if where != "" {
			return usererr.NewMsg("It has too many digits for a number in {{.Country}}.", in)
		}
		return usererr.NewMsg("It has too many digits.", nil)
	case phonenumbers.INVALID_LENGTH:
		if where != "" {
			return usererr.NewMsg("It does not have the right number of digits for a number in {{.Country}}.", in)
		}
		return usererr.NewMsg("It does not have the right number of digits.", nil)
	case phonenumbers.INVALID_COUNTRY_CODE:
		return usererr.NewMsg("Its country code is not valid.", nil)
	}
	if where != "" {
		return usererr.NewMsg("No such number exists in {{.Country}}.", in)
	}
	return usererr.NewMsg("No such number exists.", nil)
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
