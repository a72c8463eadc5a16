package phone

import (
	"os"
	"strings"

	"github.com/jeandeaual/go-locale"
	"github.com/nyaruka/phonenumbers"
)

// FallbackRegion is the default country when the system locale names none: Minuit is
// made for French shops first. Every default country comes from DefaultRegion or the
// data folder's region setting, never from a literal elsewhere.
const FallbackRegion = "FR"

// DefaultRegion guesses the default country for phone numbers from the OS locale:
// LC_ALL, then LC_MESSAGES, then LANG (fr_FR.UTF-8 gives "FR"), then the system
// setting on Windows and macOS, else FallbackRegion. The user should be able to
// change it in the settings; this is only the first guess.
func DefaultRegion() string {
	return regionFrom(os.Getenv, func() string {
		r, err := locale.GetRegion()
		if err != nil {
			return ""
		}
		return r
	})
}

func regionFrom(getenv func(string) string, system func() string) string {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := getenv(name)
		if v == "" {
			continue
		}
		if r := regionOfLocale(v); r != "" {
			return r
		}
		break // the first variable set decides, as in POSIX
	}
	if system != nil {
		if r := NormalizeRegion(system()); r != "" {
			return r
		}
	}
	return FallbackRegion
}

// regionOfLocale reads "fr_FR.UTF-8@euro" or "fr-FR" as "FR".
func regionOfLocale(l string) string {
	if i := strings.IndexAny(l, ".@"); i >= 0 {
		l = l[:i]
	}
	i := strings.IndexAny(l, "_-")
	if i < 0 {
		return ""
	}
	return NormalizeRegion(l[i+1:])
}

// NormalizeRegion returns the upper-case region if libphonenumber knows it, else "".
func NormalizeRegion(r string) string {
	r = strings.ToUpper(strings.TrimSpace(r))
	if len(r) != 2 || phonenumbers.GetCountryCodeForRegion(r) == 0 {
		return ""
	}
	return r
}
