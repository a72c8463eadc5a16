package app

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"

	"fyne.io/fyne/v2/lang"

	"minuit/scheduler"
	"minuit/scheduler/sms"
)

// localZone guesses the computer's IANA zone name, the default of --tz: $TZ when
// it names a zone (":Europe/Paris" and a path into a zoneinfo folder too); for a
// POSIX TZ value without an IANA name ("CET-1CEST"), the zone its abbreviation
// names when there is one (CET), else its standard time's whole-hour offset
// ("<+03>-3": Etc/GMT-3); then /etc/localtime's link target; else "Local"
// (time.LoadLocation's name for the system zone).
func localZone() string {
	if tz := strings.TrimPrefix(os.Getenv("TZ"), ":"); tz != "" {
		if z := zoneFile(tz); z != "" {
			return z
		}
		if _, err := time.LoadLocation(tz); err == nil && !strings.HasPrefix(tz, "/") {
			return tz
		}
		if z := posixZone(tz); z != "" {
			return z
		}
	}
	if z := zoneFile("/etc/localtime"); z != "" {
		return z
	}
	return "Local"
}

// zoneFile is the IANA name of a zone file path (a link into a zoneinfo folder);
// "" when it is not one.
func zoneFile(path string) string {
	if !filepath.IsAbs(path) {
		return ""
	}
	p, err := filepath.EvalSymlinks(path)
	if err != nil {
		return ""
	}
	if _, after, ok := strings.Cut(p, "zoneinfo/"); ok {
		if _, err := time.LoadLocation(after); err == nil {
			return after
		}
	}
	return ""
}

// posixZone reads a POSIX TZ value ("CET-1CEST,M3.5.0,M10.5.0/3", "<+03>-3",
// "JST-9"): its standard abbreviation when that is a zone name, else its
// standard offset as Etc/GMT±H (whole hours only); "" when it cannot.
func posixZone(tz string) string {
	var name, rest string
	if strings.HasPrefix(tz, "<") {
		n, r, ok := strings.Cut(tz[1:], ">")
		if !ok {
			return ""
		}
		name, rest = n, r
	} else {
		i := strings.IndexFunc(tz, func(r rune) bool { return !unicode.IsLetter(r) })
		if i < 3 {
			return ""
		}
		name, rest = tz[:i], tz[i:]
	}
	if _, err := time.LoadLocation(name); err == nil && name != "" && !strings.ContainsAny(name, "+-0123456789") {
		return name
	}
	sign, digits := 1, rest
	if digits != "" && (digits[0] == '+' || digits[0] == '-') {
		if digits[0] == '-' {
			sign = -1
		}
		digits = digits[1:]
	}
	end := strings.IndexFunc(digits, func(r rune) bool { return r < '0' || r > '9' })
	if end < 0 {
		end = len(digits)
	}
	h, err := strconv.Atoi(digits[:end])
	if err != nil || strings.HasPrefix(digits[end:], ":") && !strings.HasPrefix(digits[end:], ":00") || h > 14 {
		return ""
	}
	switch h *= sign; {
	case h == 0:
		return "UTC"
	case h > 0:
		return fmt.Sprintf("Etc/GMT+%d", h)
	default:
		return fmt.Sprintf("Etc/GMT%d", h)
	}
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
		return lang.L("birthdays")
	case m.RRule == "":
		return lang.L("once")

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
