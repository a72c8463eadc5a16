package contacts

import (
	"strings"

	"minuit/internal/phone"
)

// normalizePhone turns a number as written in a source into a Phone: the one rule of
// internal/phone, plus what the source's label says (a number marked fax or pager
// cannot receive SMS whatever libphonenumber thinks).
func normalizePhone(raw, label string, pref bool, region string) Phone {
	raw = clean(raw)
	n := phone.Parse(raw, region)
	p := Phone{Raw: raw, Label: label, Preferred: pref, Number: n.E164, Kind: n.Kind, Problem: n.Problem}
	if p.Number != "" {
		p.Problem = validProblem(p.Kind, p.Label)
	}
	return p
}

// validProblem says why a valid number of kind k, labelled label in its source,
// cannot receive SMS, or "".
func validProblem(k phone.Kind, label string) string {
	if why, ok := phone.KindProblem(k); ok {
		return why.String()
	}
	switch {
	case labelIs(label, "fax"):
		return "It is marked as a fax: it cannot receive SMS."
	case labelIs(label, "pager"):
		return "It is marked as a pager: it cannot receive SMS."
	}
	return ""
}

// textable reports whether a number can receive SMS.
func (p Phone) textable() bool {
	return phone.Number{E164: p.Number, Kind: p.Kind, Problem: p.Problem}.Textable()
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
		case p.Kind == phone.Mobile || isCellLabel(p.Label):
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
