package contacts

import (
	"errors"
	"strings"

	"github.com/nyaruka/phonenumbers"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// normalizePhone turns a number as written in a source into a Phone: E.164 when it
// can be valid, its kind, and a plain reason when it is invalid or cannot receive SMS.
func normalizePhone(raw, label string, pref bool, region string) Phone {
	p := Phone{Raw: clean(raw), Label: label, Preferred: pref}
	s := numberText(p.Raw)
	if !strings.ContainsAny(s, "0123456789") {
		p.Kind, p.Problem = KindInvalid, "It has no digits."
		return p
	}
	num, t, err := parseNumber(s, region)
	if err != nil {
		p.Kind, p.Problem = KindInvalid, parseProblem(err, s, region)
		return p
	}
	if t == phonenumbers.UNKNOWN {
		p.Kind, p.Problem = KindInvalid, invalidProblem(num)
		return p
	}
	p.Number = phonenumbers.Format(num, phonenumbers.E164)
	p.Kind = kindOf(t)
	p.Problem = validProblem(p.Kind, p.Label)
	return p
}

// kindOf names libphonenumber's type of a valid number.
func kindOf(t phonenumbers.PhoneNumberType) string {
	switch t {
	case phonenumbers.MOBILE:
		return KindMobile
	case phonenumbers.FIXED_LINE_OR_MOBILE:
		return KindFixedOrMobile
	case phonenumbers.FIXED_LINE:
		return KindLandline
	case phonenumbers.TOLL_FREE:
		return KindTollFree
	case phonenumbers.PREMIUM_RATE:
		return KindPremiumRate
	case phonenumbers.SHARED_COST:
		return KindSharedCost
	case phonenumbers.VOIP:
		return KindVoIP
	case phonenumbers.PERSONAL_NUMBER:
		return KindPersonal
	case phonenumbers.PAGER:
		return KindPager
	case phonenumbers.UAN:
		return KindSwitchboard
	case phonenumbers.VOICEMAIL:
		return KindVoicemail
	}
	return KindOther
}

// validProblem says why a valid number cannot receive SMS, or "".
func validProblem(kind, label string) string {
	switch kind {
	case KindMobile, KindFixedOrMobile:
	case KindLandline:
		return "It is a landline: it cannot receive SMS."
	case KindTollFree:
		return "It is a toll-free number: it cannot receive SMS."
	case KindPremiumRate:
		return "It is a premium-rate number: it cannot receive SMS."
	case KindSharedCost:
		return "It is a shared-cost number: it cannot receive SMS."
	case KindVoIP:
		return "It is an internet (VoIP) number: it cannot receive SMS."
	case KindPersonal:
		return "It is a personal forwarding number: it cannot receive SMS."
	case KindPager:
		return "It is a pager: it cannot receive SMS."
	case KindSwitchboard:
		return "It is a company switchboard number: it cannot receive SMS."
	case KindVoicemail:
		return "It is a voicemail number: it cannot receive SMS."
	default:
		return "It is not a mobile number: it cannot receive SMS."
	}
	switch {
	case labelIs(label, "fax"):
		return "It is marked as a fax: it cannot receive SMS."
	case labelIs(label, "pager"):
		return "It is marked as a pager: it cannot receive SMS."
	}
	return ""
}

// numberText strips what exporters wrap numbers in: a tel: URI scheme, and the
// apostrophe spreadsheets use to keep a leading + or 0.
func numberText(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 4 && strings.EqualFold(s[:4], "tel:") {
		s = s[4:]
	}
	return strings.TrimLeft(s, "'")
}

// textable reports whether a number can receive SMS.
func (p Phone) textable() bool {
	return p.Number != "" && p.Problem == "" && (p.Kind == KindMobile || p.Kind == KindFixedOrMobile)
}

// choosePhone returns the E.164 number to text: a mobile one (by libphonenumber or by
// the source's CELL label) before one that may be mobile, the preferred one first,
// then the first in the source's order.
func choosePhone(phones []Phone) string {
	best, bestRank := "", 99
	for _, p := range phones {
		if !p.textable() {
			continue
		}
		rank := 4
		switch {
		case p.Kind == KindMobile || isCellLabel(p.Label):
			rank = 0
		case p.Label == "" || p.Label == "voice" || p.Label == "other":
			rank = 2
		}
		if p.Preferred {
			rank--
		}
		if rank < bestRank {
			best, bestRank = p.Number, rank
		}
	}
	return best
}

func isCellLabel(l string) bool {
	return labelIs(l, "cell") || labelIs(l, "mobile") || labelIs(l, "iphone") || labelIs(l, "text") ||
		labelIs(l, "portable") || labelIs(l, "gsm") || labelIs(l, "handy") || labelIs(l, "sms")
}

func labelIs(label, word string) bool {
	return label == word || strings.Contains(label, word)
}

func parseProblem(err error, s, region string) string {
	where := regionName(region)
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
	where := regionName(phonenumbers.GetRegionCodeForCountryCode(int(num.GetCountryCode())))
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

// regionName gives the English name of a region code ("FR" gives "France").
func regionName(code string) string {
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
