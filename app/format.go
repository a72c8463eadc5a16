package app

import (
	"os"
	"path/filepath"
	"strings"

	"minuit/scheduler"
	"minuit/scheduler/sms"
)

// localZone guesses the computer's IANA zone name: $TZ, then /etc/localtime's link
// target, else "Local" (time.LoadLocation's name for the system zone).
func localZone() string {
	if tz := os.Getenv("TZ"); tz != "" && !strings.HasPrefix(tz, ":") {
		return tz
	}
	if p, err := filepath.EvalSymlinks("/etc/localtime"); err == nil {
		if _, after, ok := strings.Cut(p, "zoneinfo/"); ok {
			return after
		}
	}
	return "Local"
}

// defaultRegion guesses the country for numbers without "+" from the OS locale.
func defaultRegion() string {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		loc := os.Getenv(v)
		loc, _, _ = strings.Cut(loc, ".")
		if _, cc, ok := strings.Cut(loc, "_"); ok && len(cc) == 2 {
			return strings.ToUpper(cc)
		}
	}
	return "FR"
}

func validateOriginator(s string) error { return sms.ValidateOriginator(s) }

func refLabel(r scheduler.RecipientRef) string {
	switch r.Kind {
	case scheduler.ToNumber:
		return r.Value
	default:
		return r.Kind + ":" + r.Value
	}
}

func recipientsLabel(rs []scheduler.RecipientRef) string {
	var parts []string
	for i, r := range rs {
		if i == 3 {
			parts = append(parts, "…")
			break
		}
		parts = append(parts, refLabel(r))
	}
	return strings.Join(parts, ", ")
}

func repeatLabel(m scheduler.Message) string {
	switch {
	case m.Birthday:
		return "birthdays"
	case m.RRule == "":
		return "once"
	}
	return strings.ToLower(strings.TrimPrefix(m.RRule, "FREQ="))
}

func excerpt(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
