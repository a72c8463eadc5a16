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

// Fallback is the locale that stands for "no preference".
const Fallback = "en_US.UTF-8"

func init() { Apply(os.Getenv, os.Setenv) }

// Apply replaces a C or POSIX locale in the first of LC_ALL, LC_MESSAGES and LANG
// that is set (the order locale libraries read them) by Fallback.
func Apply(get func(string) string, set func(string, string) error) {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := get(name)
		if v == "" {
			continue
		}
		if IsC(v) {
			_ = set(name, Fallback)
		}
		return
	}
}

// IsC reports whether a locale value is the C or POSIX locale ("C", "C.UTF-8", "POSIX").
func IsC(v string) bool {
	base, _, _ := strings.Cut(v, ".")
	return base == "C" || base == "POSIX"
}
