package compliance

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// AppendFooter returns body with the opt-out footer (e.g. "STOP au 36180")
// appended on a line of its own, when body does not already mention how to opt
// out (MentionsOptOut). Trailing white space of body is dropped before the
// newline; an empty body gives the footer alone; an empty footer changes
// nothing. A newline costs the same single unit as a space in both encodings
// and keeps the footer apart from the text. It is idempotent:
// AppendFooter(AppendFooter(b, f), f) == AppendFooter(b, f).
func AppendFooter(body, footer string) string {
	return AppendFooterFor(body, body, footer)
}

// AppendFooterFor is AppendFooter for a template filled in for one recipient: the
// footer is left out only when the template, what the shop wrote, tells how to
// opt out. What a recipient's fields put in the filled text never counts, so a
// contact named "STOP SMS" cannot remove the footer.
func AppendFooterFor(template, filled, footer string) string {
	footer = strings.TrimSpace(footer)
	if footer == "" || MentionsOptOut(template, footer) {
		return filled
	}
	trimmed := strings.TrimRightFunc(filled, unicode.IsSpace)
	if trimmed == "" {
		return footer
	}
	return trimmed + "\n" + footer
}

// MentionsOptOut reports whether body already tells the reader how to opt out,
// ignoring case and accents: when it contains footer (if not empty), or the
// word STOP next to what makes it an instruction: within three words, a number
// of at least four digits (a short code: "STOP au 36180") or a word such as
// reply, text, send, SMS, unsubscribe, répondez, envoyez, désabonner ("Reply
// STOP to unsubscribe", "Répondez STOP", "STOP SMS"). A STOP that is only part
// of the text ("Stop au gaspillage !") or that ends a hyphenated word
// ("non-stop") does not count, so such a body still gets its footer.
func MentionsOptOut(body, footer string) bool {
	b := fold(body)
	if f := fold(footer); f != "" && strings.Contains(b, f) {
		return true
	}
	toks := tokens(b)
	for i, tk := range toks {
		if tk.word != "stop" || tk.afterHyphen {
			continue
		}
		for j := max(0, i-3); j <= min(len(toks)-1, i+3); j++ {
			if j != i && (isShortCode(toks[j].word) || slices.Contains(optOutContext(), toks[j].word)) {
				return true
			}
		}
	}
	return false
}

// optOutContext lists the folded words that, near STOP, make it an opt-out instruction.
func optOutContext() []string {
	return []string{
		"reply", "text", "txt", "send", "sms", "unsubscribe", "unsub", "optout", "opt",
		"repondez", "repondre", "reponds", "envoyez", "envoyer", "envoie", "tapez",
		"desabonner", "desabonnement", "desinscrire", "desinscription",
	}
}

// isShortCode reports whether w is a number of at least four digits.
func isShortCode(w string) bool {
	if len(w) < 4 {
		return false
	}
	for _, r := range w {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// token is a word of folded text and whether a hyphen joins it to the word before.
type token struct {
	word        string
	afterHyphen bool
}

// tokens splits folded text into words (runs of letters and digits).
func tokens(s string) []token {
	var out []token
	start := -1
	for i, r := range s + " " {
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			prev, _ := utf8.DecodeLastRuneInString(s[:start])
			out = append(out, token{word: s[start:i], afterHyphen: prev == '-' || prev == '‐'})
			start = -1
		}
	}
	return out
}
