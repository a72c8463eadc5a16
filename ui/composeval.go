package ui

import (
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"minuit/internal/phone"
	"minuit/scheduler"
	"minuit/scheduler/sms"
	"minuit/ui/l10n"
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
		n, err := phone.Normalize(item, region)
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
	line = lang.L("{{.Chars}} characters · {{.Encoding}} · {{.Parts}} of {{.PerPart}} · {{.Left}} left", map[string]any{
		"Chars": in.Chars, "Encoding": in.Encoding, "Parts": smsCount(in.Parts), "PerPart": in.PerPart, "Left": in.Remaining})
	if len(in.ForcedBy) > 0 {
		var qs []string
		for i, r := range in.ForcedBy {
			if i == 5 {
				qs = append(qs, "…")
				break
			}
			qs = append(qs, "“"+string(r)+"”")
		}
		perPart := in.PerPart
		if in.Parts == 1 {
			perPart = 70
		}
		forced = lang.L("{{.Chars}} switches this message to UCS-2: {{.PerPart}} characters per SMS instead of 160. Replace it to send fewer parts.",
			map[string]any{"Chars": strings.Join(qs, ", "), "PerPart": perPart})
	}
	return line, forced
}

// smsCount is a number of SMS parts: "1 SMS", "3 SMS".
func smsCount(n int) string { return lang.N("{{.Count}} SMS", n, map[string]any{"Count": l10n.Int(n)}) }

// The choices of compose's radio and select widgets, in the person's language:
// the widgets hold these labels, compared with the same functions.
func kindTransactional() string { return lang.L("Transactional") }
func kindMarketing() string     { return lang.L("Marketing") }
func repeatOnce() string        { return lang.L("Once") }
func repeatCustom() string      { return lang.L("Custom rule…") }

type repeatRule struct{ Label, Rule string }

// repeatRules maps the repeat choices to RRULE bodies.
func repeatRules() []repeatRule {
	return []repeatRule{{repeatOnce(), ""}, {lang.L("Daily"), "FREQ=DAILY"}, {lang.L("Weekly"), "FREQ=WEEKLY"},
		{lang.L("Monthly"), "FREQ=MONTHLY"}, {lang.L("Yearly"), "FREQ=YEARLY"}, {repeatCustom(), "custom"}}
}

func repeatLabels() []string {
	var out []string
	for _, r := range repeatRules() {
		out = append(out, r.Label)
	}
	return out
}

func repeatFor(rule string) (label, custom string) {
	for _, r := range repeatRules() {
		if r.Rule == rule && r.Rule != "custom" {
			return r.Label, ""
		}
	}
	return repeatCustom(), rule
}

func ruleFor(label, custom string) string {
	for _, r := range repeatRules() {
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
		return time.Time{}, errors.New(lang.L("write the date as {{.Example}}", map[string]any{"Example": "2026-12-24"}))
	}
	if _, err := time.Parse("15:04", clock); err != nil {
		return time.Time{}, errors.New(lang.L("write the time as {{.Example}}", map[string]any{"Example": "09:30"}))

	}
	return time.ParseInLocation(scheduler.WallLayout, date+" "+clock, loc)
}
