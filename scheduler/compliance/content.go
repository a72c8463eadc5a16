package compliance

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"minuit/internal/minuit"
)

// Warning is a content check's finding: advice shown in compose, never a block.
type Warning struct {
	Code    string // one of the Warn… constants
	Message string // a plain sentence for the shop owner
}

// Warning codes.
const (
	// WarnSpamWords: the body uses words carriers' filters often flag.
	WarnSpamWords = "spam-words"
	// WarnLinkShortener: the body links through a public link shortener.
	WarnLinkShortener = "link-shortener"
	// WarnCapitals: most of the body's letters are capitals.
	WarnCapitals = "capitals"
	// WarnNoShopName: a marketing body does not name the shop.
	WarnNoShopName = "no-shop-name"
)

// CheckContent returns the content warnings for a body, in the order of the
// codes above, at most one per code. Spam words, link shorteners and capitals
// are checked for every kind (carriers filter transactional messages too); the
// shop's name only for marketing, and only when shopName is set.
//
//   - Spam words (French and English, e.g. gratuit, urgent, promotion, cadeau,
//     gagnant, free, winner, prize, 100%) and link shorteners (bit.ly,
//     tinyurl.com, t.co, …) match whole words, ignoring case and accents:
//     "Gratuit" and "GRATUITÉ" match, "freedom" and "art.com" do not.
//   - Capitals: more than half of the letters, when there are at least 10.
//   - Shop name: the body must contain shopName, ignoring case, accents and
//     repeated spaces.
func CheckContent(body string, kind minuit.Kind, shopName string) []Warning {
	var out []Warning
	b := fold(body)
	if found := findTerms(b, spamTerms(), false); len(found) > 0 {
		out = append(out, Warning{WarnSpamWords, fmt.Sprintf(
			"Carriers' spam filters often flag %s; consider other words.", quoteList(found))})
	}
	if found := findTerms(b, shortenerHosts(), true); len(found) > 0 {
		out = append(out, Warning{WarnLinkShortener, fmt.Sprintf(
			"Links through %s are often blocked as spam; use a link to your own website.", quoteList(found))})
	}
	letters, upper := 0, 0
	for _, r := range body {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	if letters >= 10 && 2*upper > letters {
		out = append(out, Warning{WarnCapitals, fmt.Sprintf(
			"Most letters are capitals (%d of %d); text in capitals reads as shouting and is often filtered.", upper, letters)})
	}
	shop := fold(shopName)
	if kind != minuit.Transactional && shop != "" && !strings.Contains(b, shop) {
		out = append(out, Warning{WarnNoShopName, fmt.Sprintf(
			"A marketing message must say who sends it; mention %q in the text.", strings.TrimSpace(shopName))})
	}
	return out
}

// spamTerms lists folded words and phrases often flagged by spam filters.
func spamTerms() []string {
	return []string{
		// French
		"gratuit", "gratuite", "gratuits", "gratuites", "gratuitement", "urgent", "urgente",
		"promotion", "promotions", "gagnant", "gagnante", "gagnants", "vous avez gagne",
		"cadeau", "cadeaux", "felicitations", "argent facile", "cliquez ici", "derniere chance",
		"sans engagement", "loterie", "100%", "100 %",
		// English
		"free", "winner", "winners", "you won", "you have won", "prize", "cash", "act now",
		"click here", "limited time", "congratulations", "guaranteed", "risk-free", "no cost",
		"lottery", "claim now", "casino", "loan",
	}
}

// shortenerHosts lists public link shorteners' host names.
func shortenerHosts() []string {
	return []string{
		"bit.ly", "bitly.com", "tinyurl.com", "goo.gl", "t.co", "ow.ly", "is.gd", "v.gd",
		"buff.ly", "rebrand.ly", "cutt.ly", "shorturl.at", "rb.gy", "tiny.cc", "t.ly",
		"bl.ink", "lnkd.in", "s.id", "shorte.st", "adf.ly", "tiny.one", "qrco.de",
	}
}

// findTerms returns the terms found in the folded text s, in order of first
// appearance, each once. A term must not touch a letter or digit on either side;
// a host must also not continue as a longer host name (t.co in t.co.uk, or
// with a '-' or '_' on either side), though a subdomain before it is allowed.
func findTerms(s string, terms []string, host bool) []string {
	type hit struct {
		term string
		pos  int
	}
	var hits []hit
	for _, term := range terms {
		for from := 0; from < len(s); {
			i := strings.Index(s[from:], term)
			if i < 0 {
				break
			}
			i += from
			if boundary(s, i, i+len(term), host) {
				hits = append(hits, hit{term, i})
				break
			}
			from = i + 1
		}
	}
	// Sort by position (insertion sort: the lists are short).
	for i := 1; i < len(hits); i++ {
		for j := i; j > 0 && hits[j].pos < hits[j-1].pos; j-- {
			hits[j], hits[j-1] = hits[j-1], hits[j]
		}
	}
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.term
	}
	return out
}

// boundary reports whether s[start:end] stands on its own.
func boundary(s string, start, end int, host bool) bool {
	before, _ := utf8.DecodeLastRuneInString(s[:start])
	after, size := utf8.DecodeRuneInString(s[end:])
	if start > 0 && (isWordRune(before) || host && (before == '-' || before == '_')) {
		return false
	}
	if end < len(s) && (isWordRune(after) || host && (after == '-' || after == '_')) {
		return false
	}
	if host && after == '.' {
		next, _ := utf8.DecodeRuneInString(s[end+size:])
		return !isWordRune(next)
	}
	return true
}

// quoteList writes terms as "a", "b" and "c".
func quoteList(terms []string) string {
	q := make([]string, len(terms))
	for i, t := range terms {
		q[i] = fmt.Sprintf("%q", t)
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
}
