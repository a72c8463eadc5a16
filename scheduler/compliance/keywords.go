package compliance

import "slices"

// DefaultOptOut returns the opt-out keywords used when a list is empty: the
// French and English words, and those the US FCC names as ways to revoke
// consent (STOP, QUIT, END, REVOKE, OPT OUT, CANCEL, UNSUBSCRIBE). Each call
// returns a new slice the caller may change.
func DefaultOptOut() []string {
	return []string{
		"STOP", "STOP SMS", "STOPSMS", "STOPALL", "ARRET", "ARRÊT", "ARRÊTEZ",
		"UNSUBSCRIBE", "DESABONNER", "DÉSABONNEMENT", "DÉSINSCRIRE", "DÉSINSCRIPTION",
		"OPT OUT", "OPTOUT", "REVOKE", "CANCEL", "END", "QUIT",
	}
}

// DefaultOptIn returns the opt-in keywords used when a list is empty: START
// and UNSTOP. Each call returns a new slice the caller may change.
func DefaultOptIn() []string {
	return []string{"START", "UNSTOP"}
}

// MatchOptOut reports whether an inbound reply asks to stop marketing messages.
// An empty keywords list means DefaultOptOut.
//
// Case, accents, and everything that is not a letter or a digit (spaces,
// punctuation, emoji) are ignored: the reply and the keywords are compared as
// lists of words. A keyword matches only as whole words, and only when the
// reply
//   - is the keyword ("Stop.", " stop!! ", "🛑 STOP 🛑"),
//   - starts with it ("ARRÊT svp", "STOP SMS", "Stop, merci"), or
//   - has at most three words and contains it ("please stop", "merci stop").
//
// So "Don't stop the offers" (the keyword inside a longer reply), "stopper",
// "Stopped by the shop" and "arrêtez" compared with ARRÊT are not opt-outs
// ("ARRÊTEZ" is in the defaults as a keyword of its own). Short replies err on
// the side of the opt-out: "Don't stop" (three words: don, t, stop) matches, and
// so does a reply starting with CANCEL, such as "Cancel my appointment", when
// CANCEL is a keyword. A long reply that only ends with a keyword is not
// matched; such replies are left for a person to read.
func MatchOptOut(text string, keywords []string) bool {
	if len(keywords) == 0 {
		keywords = DefaultOptOut()
	}
	w := words(text)
	for _, kw := range keywords {
		k := words(kw)
		if len(k) == 0 {
			continue
		}
		if hasPrefixWords(w, k) || len(w) <= 3 && containsWords(w, k) {
			return true
		}
	}
	return false
}

// MatchOptIn reports whether an inbound reply records a new opt-in. An empty
// keywords list means DefaultOptIn.
//
// It is stricter than MatchOptOut, because a consent recorded by mistake is
// worse than one missed: the whole reply must be the keyword, ignoring case,
// accents, punctuation, emoji and spaces ("Start!", " unstop "). "START please"
// and "restart" do not match. A reply that matches both (impossible with the
// defaults) should be taken as an opt-out.
func MatchOptIn(text string, keywords []string) bool {
	if len(keywords) == 0 {
		keywords = DefaultOptIn()
	}
	w := words(text)
	for _, kw := range keywords {
		if k := words(kw); len(k) > 0 && slices.Equal(w, k) {
			return true
		}
	}
	return false
}
