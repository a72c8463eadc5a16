package ui

import (
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"minuit/scheduler"
	"minuit/scheduler/compliance"
	"minuit/ui/l10n"
)

// reasonText is a compliance rule's reason in a few words ("no consent").
func reasonText(r compliance.Reason) string {
	switch r {
	case compliance.ReasonNoConsent:
		return lang.L("no consent")
	case compliance.ReasonOptedOut:
		return lang.L("opted out")
	case compliance.ReasonQuietHours:
		return lang.L("quiet hours")
	case compliance.ReasonFrequencyCap:
		return lang.L("frequency cap")
	case compliance.ReasonDeadline:
		return lang.L("past its deadline")
	}
	return string(r)
}

// holdWhy says why the rules hold a delivery planned at `at`: "Sunday is
// closed", "outside the sending hours".
func (m *Main) holdWhy(h scheduler.ForecastHold, at time.Time, zone string) string {
	switch {
	case h.Reason == compliance.ReasonQuietHours && h.ClosedDay:
		return lang.L("{{.Day}} is closed", map[string]any{"Day": l10n.DayName(at.In(h.Until.Location()).Weekday())})
	case h.Reason == compliance.ReasonQuietHours:
		return lang.L("outside the sending hours")
	case h.Reason == compliance.ReasonFrequencyCap:
		return lang.L("the contact already had the most marketing messages the frequency cap allows")
	}
	return reasonText(h.Reason)
}

// heldUntil is "held until Mon 7 Dec 08:00", for a list whose rows show their
// zone beside their time already.
func (m *Main) heldUntil(until time.Time, zone string) string {
	local := until.In(m.zoneLoc(zone))
	return lang.L("held until {{.When}}", map[string]any{"When": l10n.Short(local) + " " + l10n.Clock(local)})
}

// firstHold is the hold most recipients share (the earliest on a tie) and how many
// share it.
func firstHold(hs []scheduler.ForecastHold) (scheduler.ForecastHold, int) {
	count := map[int64]int{}
	for _, h := range hs {
		count[h.Until.Unix()]++
	}
	best, n := scheduler.ForecastHold{}, 0
	for _, h := range hs {
		c := count[h.Until.Unix()]
		if c > n || (c == n && h.Until.Before(best.Until)) {
			best, n = h, c
		}
	}
	return best, n
}

// skipSummary is "12 no consent, 3 opted out".
func skipSummary(ss []scheduler.ForecastSkip) string {
	by := map[compliance.Reason]int{}
	for _, s := range ss {
		by[s.Reason]++
	}
	var parts []string
	for r, n := range by {
		parts = append(parts, l10n.Int(n)+" "+reasonText(r))
	}
	sort.Strings(parts)
	return strings.Join(parts, ", ")
}

// numbersText lists a few numbers: "+33612345678, +33698765432 +3".
func numbersText(ns []string, names map[string]string) string {
	var parts []string
	for i, n := range ns {
		if i == 3 {
			parts = append(parts, "+"+itoa(len(ns)-3))
			break
		}
		if names[n] != "" {
			n = names[n]
		}
		parts = append(parts, n)
	}
	return strings.Join(parts, ", ")
}

// forecastLines is what compose says of the rules' effect before saving: who is
// held until when and why, who is skipped and why ("" when every recipient
// leaves on time).
func (m *Main) forecastLines(f scheduler.Forecast, zone string) string {
	var out []string
	if len(f.Held) > 0 {
		h, n := firstHold(f.Held)
		data := map[string]any{"When": m.whenIn(h.Until, zone), "Why": m.holdWhy(h, f.At, zone),
			"Count": l10n.Int(n), "Total": l10n.Int(f.Recipients)}
		if n == f.Recipients {
			out = append(out, lang.L("Will be held until {{.When}}: {{.Why}}.", data))
		} else {
			out = append(out, lang.N("{{.Count}} of {{.Total}} recipients will be held until {{.When}}: {{.Why}}.", n, data))
		}
		if rest := len(f.Held) - n; rest > 0 {
			out = append(out, lang.N("{{.Count}} more will be held later by the rules.", rest, map[string]any{"Count": l10n.Int(rest)}))
		}
	}
	if len(f.Skipped) > 0 {
		data := map[string]any{"Count": l10n.Int(len(f.Skipped)), "Total": l10n.Int(f.Recipients), "Reasons": skipSummary(f.Skipped)}
		if len(f.Skipped) == f.Recipients {
			out = append(out, lang.L("No recipient will get it: {{.Reasons}}.", data))
		} else {
			out = append(out, lang.N("{{.Count}} of {{.Total}} recipients will be skipped: {{.Reasons}}.", len(f.Skipped), data))
		}
	}
	return strings.Join(out, "\n")
}
