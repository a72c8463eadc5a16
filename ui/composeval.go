package ui

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"minuit/scheduler"
	"minuit/scheduler/sms"
)

// NumberProblem is a typed number that cannot be texted, with the reason.
type NumberProblem struct {
	Input  string
	Reason string
}

// parseNumbers reads typed numbers (separated by commas, semicolons or new lines)
// and returns the valid ones in E.164 and the invalid ones with their reason.
func parseNumbers(text, region string) ([]string, []NumberProblem) {
	var ok []string
	var bad []NumberProblem
	seen := map[string]bool{}
	for _, item := range strings.FieldsFunc(text, func(r rune) bool { return r == ',' || r == ';' || r == '\n' }) {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		n, err := scheduler.NormalizeNumber(item, region)
		if err != nil {
			bad = append(bad, NumberProblem{item, plainError(err)})
			continue
		}
		if !seen[n] {
			seen[n] = true
			ok = append(ok, n)
		}
	}
	return ok, bad
}

// counterText is the segment counter: characters, encoding, parts, room left,
// and which characters force UCS-2.
func counterText(body string) (line, forced string) {
	in := sms.Count(body)
	parts := "1 SMS"
	if in.Parts > 1 {
		parts = fmt.Sprintf("%d SMS", in.Parts)
	}
	line = fmt.Sprintf("%d characters · %s · %s of %d · %d left", in.Chars, in.Encoding, parts, in.PerPart, in.Remaining)
	if len(in.ForcedBy) > 0 {
		var qs []string
		for i, r := range in.ForcedBy {
			if i == 5 {
				qs = append(qs, "…")
				break
			}
			qs = append(qs, "“"+string(r)+"”")
		}
		forced = fmt.Sprintf("%s switches this message to UCS-2: %d characters per SMS instead of 160. Replace it to send fewer parts.",
			strings.Join(qs, ", "), in.PerPart)
		if in.Parts == 1 {
			forced = fmt.Sprintf("%s switches this message to UCS-2: 70 characters per SMS instead of 160. Replace it to send fewer parts.",
				strings.Join(qs, ", "))
		}
	}
	return line, forced
}

// repeatRules maps the repeat choices to RRULE bodies.
var repeatRules = []struct{ Label, Rule string }{
	{"Once", ""}, {"Daily", "FREQ=DAILY"}, {"Weekly", "FREQ=WEEKLY"}, {"Monthly", "FREQ=MONTHLY"}, {"Yearly", "FREQ=YEARLY"},
	{"Custom rule…", "custom"},
}

func repeatLabels() []string {
	var out []string
	for _, r := range repeatRules {
		out = append(out, r.Label)
	}
	return out
}

func repeatFor(rule string) (label, custom string) {
	for _, r := range repeatRules {
		if r.Rule == rule && r.Rule != "custom" {
			return r.Label, ""
		}
	}
	return "Custom rule…", rule
}

func ruleFor(label, custom string) string {
	for _, r := range repeatRules {
		if r.Label == label {
			if r.Rule == "custom" {
				return strings.TrimPrefix(strings.TrimSpace(custom), "RRULE:")
			}
			return r.Rule
		}
	}
	return ""
}

// parseWhen reads the date and time fields in zone.
func parseWhen(date, clock string, loc *time.Location) (time.Time, error) {
	date, clock = strings.TrimSpace(date), strings.TrimSpace(clock)
	if _, err := time.Parse("2006-01-02", date); err != nil {
		return time.Time{}, errors.New("write the date as 2026-12-24")
	}
	if _, err := time.Parse("15:04", clock); err != nil {
		return time.Time{}, errors.New("write the time as 09:30")
	}
	return time.ParseInLocation(scheduler.WallLayout, date+" "+clock, loc)
}

// commonZones are offered in the zone picker beside the computer's.
var commonZones = []string{"Europe/Paris", "Europe/London", "Europe/Brussels", "Europe/Zurich", "America/New_York",
	"America/Chicago", "America/Los_Angeles", "America/Montreal", "Africa/Casablanca", "Indian/Reunion", "UTC"}
