package contacts

import (
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// fold returns s in lower case without accents, for sorting and matching names.
func fold(s string) string {
	s = strings.TrimSpace(s)
	simple := true
	for _, r := range s {
		if r >= utf8.RuneSelf && foldTable[r] == "" {
			simple = false
			break
		}
	}
	if simple {
		var b strings.Builder
		b.Grow(len(s))
		for _, r := range s {
			switch {
			case r >= 'A' && r <= 'Z':
				b.WriteByte(byte(r) + 'a' - 'A')
			case r < utf8.RuneSelf:
				b.WriteByte(byte(r))
			default:
				b.WriteString(foldTable[r])
			}
		}
		return b.String()
	}
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	return strings.ToLower(out)
}

// foldTable folds the Latin letters of Latin-1 and Latin Extended-A, which cover
// most names, without the cost of Unicode normalisation.
var foldTable = func() map[rune]string {
	m := map[rune]string{}
	for r := rune(0xC0); r <= 0x17F; r++ {
		t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
		out, _, err := transform.String(t, string(r))
		if err != nil || !unicode.IsLetter(r) {
			continue
		}
		m[r] = strings.ToLower(out)
	}
	return m
}()

// clean trims a value, drops its control characters (stripControls) and
// collapses the white space inside it. Every imported text field goes through it
// (cleanNotes for notes, record.stripControls for the others).
func clean(s string) string {
	s = strings.TrimSpace(s)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) || stripped(r) {
				return strings.Join(strings.Fields(stripControls(s)), " ")
			}
			i += n - 1
			continue
		}
		if c < ' ' || c == 0x7f || (c == ' ' && i+1 < len(s) && s[i+1] == ' ') {
			return strings.Join(strings.Fields(stripControls(s)), " ")
		}
	}
	return s
}

// cleanNotes keeps line breaks and tabs but trims each end and drops the other
// control characters.
func cleanNotes(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return r
		}
		if r == '\r' {
			return '\n'
		}
		if stripped(r) {
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

// stripped reports whether r is dropped from imported text: NUL and the other
// control characters (C0, DEL, C1) that are not white space, and the
// bidirectional embeddings, overrides and isolates that can make a name or a
// message read backwards. White space is left to the callers, who collapse it.
func stripped(r rune) bool {
	switch {
	case unicode.IsSpace(r):
		return false
	case r < 0x20, r >= 0x7f && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// stripControls drops the characters stripped reports from s.
func stripControls(s string) string {
	for _, r := range s {
		if stripped(r) {
			return strings.Map(func(r rune) rune {
				if stripped(r) {
					return -1
				}
				return r
			}, s)
		}
	}
	return s
}

// stripControls drops control characters from the fields clean does not see:
// identifiers (kept consistent with the members that name them), phone labels and
// the consent proof. It runs once per record, in finish.
func (r *record) stripControls() {
	r.uid, r.proof, r.consentSource = stripControls(r.uid), stripControls(r.proof), stripControls(r.consentSource)
	for i := range r.members {
		r.members[i] = stripControls(r.members[i])
	}
	for i := range r.phones {
		r.phones[i].Label = stripControls(r.phones[i].Label)
	}
}

// groupName cleans a group name; commas would split it in CATEGORIES.
func groupName(s string) string {
	return clean(strings.ReplaceAll(s, ",", " "))
}

// normGroups cleans, de-duplicates (ignoring case and accents) and sorts group names.
func normGroups(in []string) []string {
	if len(in) == 0 {
		return nil
	}
	seen := make(map[string]bool, len(in))
	out := make([]string, 0, len(in))
	for _, g := range in {
		g = groupName(g)
		k := fold(g)
		if g == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, g)
	}
	sortGroups(out)
	return out
}

func sortGroups(g []string) {
	if len(g) < 2 {
		return
	}
	keys := make(map[string]string, len(g))
	for _, x := range g {
		keys[x] = fold(x)
	}
	sort.Slice(g, func(i, j int) bool {
		a, b := keys[g[i]], keys[g[j]]
		if a != b {
			return a < b
		}
		return g[i] < g[j]
	})
}

// digits keeps the ASCII digits of s.
func digits(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= '0' && c <= '9' {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// unescapeText undoes the vCard escapes go-vcard leaves in values (\; \: \" \N).
func unescapeText(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	return unescaper.Replace(s)
}

var unescaper = strings.NewReplacer(`\;`, ";", `\:`, ":", `\"`, `"`, `\N`, "\n", `\,`, ",")

func itoa(n int) string { return strconv.Itoa(n) }

// capitalize upper-cases the first letter of a sentence.
func capitalize(s string) string {
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// quoteValue shows a value from a file in a message, shortened.
func quoteValue(s string) string {
	const max = 40
	if r := []rune(s); len(r) > max {
		s = string(r[:max]) + "…"
	}
	return strconv.Quote(s)
}
