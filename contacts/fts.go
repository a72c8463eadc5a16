package contacts

import (
	"strconv"
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// indexSearchSQL (re)fills the search index from the contacts table: the words of
// the name, first and last names (when not already in the name) and company.
const indexSearchSQL = `INSERT INTO contacts_fts (rowid, words)
	SELECT c.id, c.name
		|| CASE WHEN instr(c.name, c.first_name) THEN '' ELSE ' ' || c.first_name END
		|| CASE WHEN instr(c.name, c.last_name) THEN '' ELSE ' ' || c.last_name END
		|| ' ' || c.company
	FROM contacts c WHERE `

// isNumberQuery reports whether the user typed a number: digits, maybe with spaces,
// +, -, dots, slashes and brackets.
func isNumberQuery(s string) bool {
	hasDigit := false
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			hasDigit = true
		case r == ' ' || r == '+' || r == '-' || r == '.' || r == '(' || r == ')' || r == '/':
		default:
			return false
		}
	}
	return hasDigit
}

// numberPrefixes returns the E.164 prefixes a typed number can start: as typed
// with + or 00, as international digits without +, and as a national number of the
// region (with or without its trunk prefix, such as the 0 of 06 12 in France).
func numberPrefixes(text, region string) []string {
	text = strings.TrimSpace(text)
	d := digits(text)
	if d == "" {
		return nil
	}
	if strings.HasPrefix(text, "+") {
		return []string{"+" + d}
	}
	if strings.HasPrefix(d, "00") {
		return []string{"+" + d[2:]}
	}
	out := []string{"+" + d}
	if cc := phonenumbers.GetCountryCodeForRegion(region); cc != 0 {
		national := d
		if ndd := phonenumbers.GetNddPrefixForRegion(region, true); ndd != "" && strings.HasPrefix(d, ndd) {
			national = d[len(ndd):]
		}
		if p := "+" + strconv.Itoa(cc) + national; p != out[0] {
			out = append([]string{p}, out...)
		}
	}
	return out
}

// prefixEnd is the smallest string greater than every string starting with p
// (p is ASCII digits and +).
func prefixEnd(p string) string {
	return p[:len(p)-1] + string(p[len(p)-1]+1)
}
