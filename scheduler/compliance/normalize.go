package compliance

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// fold returns s for comparison: compatibility-decomposed (NFKD, so "ＳＴＯＰ"
// and "ﬁ" become plain letters), without combining marks (accents), in lower
// case, with every run of white space turned into one space and no space at either end.
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range norm.NFKD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsSpace(r):
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// isWordRune reports whether r belongs to a word: a letter or a digit.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r)
}

// words splits s, folded, into words: runs of letters and digits. Everything
// else (spaces, punctuation, apostrophes, emoji) separates words.
func words(s string) []string {
	return strings.FieldsFunc(fold(s), func(r rune) bool { return !isWordRune(r) })
}

// hasPrefixWords reports whether w starts with the words of k.
func hasPrefixWords(w, k []string) bool {
	if len(k) == 0 || len(k) > len(w) {
		return false
	}
	for i := range k {
		if w[i] != k[i] {
			return false
		}
	}
	return true
}

// containsWords reports whether the words of k appear in w one after another.
func containsWords(w, k []string) bool {
	for i := 0; i+len(k) <= len(w); i++ {
		if hasPrefixWords(w[i:], k) {
			return true
		}
	}
	return false
}
