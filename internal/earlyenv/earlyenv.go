// Package earlyenv runs before every other package of Minuit that reads the
// environment at start-up. Its only job: under the C or POSIX locale (LANG=C.UTF-8 is
// Debian's and Docker's default), Fyne's lang package, whose init parses the locale,
// would print "Error parsing user locale C" on every command. A C locale means no
// language preference, so it is read as English instead.
//
// It is its own module, e.minuit.local/earlyenv, replaced by this folder in Minuit's
// go.mod: Go initialises packages in import-path order once their imports are
// ready, and this path sorts before fyne.io, so its init runs first. It imports only
// os and strings.
package earlyenv

import (
	"os"
	"strings"
)

// Fallback is the locale that stands for "no preference": English, with no
// country, so that the default country for phone numbers is not read as the
// United States from it (contacts.DefaultRegion then falls back to FR). C
// libraries read an unknown locale as C, which it replaces.
const Fallback = "en"

func init() { Apply(os.Getenv, os.Setenv) }

// Apply replaces a C or POSIX locale in the first of LC_ALL, LC_MESSAGES and LANG
// that is set (the order locale libraries read them) by Fallback. A locale with a
// modifier ("fr_FR@euro", which Fyne cannot parse either) is left as it is, and
// LANGUAGE, the language list that Fyne reads first and that only says which
// language to speak, is set to its language and country ("fr_FR") when unset.
func Apply(get func(string) string, set func(string, string) error) {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := get(name)
		if v == "" {
			continue
		}
		switch {
		case IsC(v):
			_ = set(name, Fallback)
		case strings.Contains(v, "@") && get("LANGUAGE") == "":
			base, _, _ := strings.Cut(v, "@")
			base, _, _ = strings.Cut(base, ".")
			_ = set("LANGUAGE", base)
		}
		return
	}
}

// IsC reports whether a locale value is the C or POSIX locale ("C", "C.UTF-8", "POSIX").
func IsC(v string) bool {
	base, _, _ := strings.Cut(v, ".")
	return base == "C" || base == "POSIX"
}
