package ui

import (
	"fmt"
	"image"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"minuit/internal/minuit"
	"minuit/scheduler"
	"minuit/ui/charts"
	"minuit/ui/l10n"
)

// ChartKind names one of the Reports tab's charts; the CLI's --kind takes the same.
type ChartKind string

// The charts a report draws.
const (
	ChartDeliveries ChartKind = "deliveries" // deliveries per day, stacked by outcome
	ChartOptOuts    ChartKind = "opt-outs"   // opt-out rate per campaign
	ChartCost       ChartKind = "cost"       // cost per month
)

// ChartKinds lists them in the tab's order.
var ChartKinds = []ChartKind{ChartDeliveries, ChartOptOuts, ChartCost}

// Title is the chart's name, in the person's language.
func (k ChartKind) Title() string {
	switch k {
	case ChartOptOuts:
		return lang.L("Opt-out rate per campaign")
	case ChartCost:
		return lang.L("Cost per month")
	}
	return lang.L("Deliveries per day")
}

// chartCampaigns is how many campaigns the opt-out chart shows, the newest.
const chartCampaigns = 20

// DrawChart draws one chart of a report with the window's words. The window and
// `minuit report --chart` both call it, so a chart reads the same in both.
func DrawChart(k ChartKind, rep scheduler.Report, st charts.Style) (image.Image, error) {
	if st.Title == "" {
		st.Title = k.Title()
	}
	switch k {
	case ChartDeliveries:
		return charts.DeliveriesPerDay(rep.Days, charts.DayLabels{
			Delivered: lang.L("Delivered"), Waiting: lang.L("Waiting for report"), Failed: lang.L("Failed"),
			Missed: lang.L("Missed"), Skipped: lang.L("Not sent (compliance rules)"), Pending: lang.L("To send"),
			Axis: lang.L("Deliveries"), Date: l10n.Short,
		}, st)
	case ChartOptOuts:
		return charts.OptOutRates(campaigns(rep.Messages), charts.RateLabels{
			Axis: lang.L("Opt-outs (% of texts sent)"),
			Name: func(m scheduler.MessageReport) string { return fmt.Sprintf("#%d", m.MessageID) },
		}, st)
	case ChartCost:
		axis := lang.L("Cost")
		if rep.Estimate {
			axis = lang.L("Cost (estimated)")
		}
		return charts.CostPerMonth(rep.Months, charts.CostLabels{Axis: axis, Month: monthLabel}, st)
	}
	return nil, fmt.Errorf("ui: no chart %q", k)
}

// campaigns are the marketing messages that were sent (all sent messages when
// there are none), the newest chartCampaigns, oldest first.
func campaigns(ms []scheduler.MessageReport) []scheduler.MessageReport {
	var out []scheduler.MessageReport
	for _, kind := range []minuit.Kind{minuit.Marketing, ""} {
		for _, m := range ms { // newest first
			if m.Sent > 0 && (kind == "" || m.Kind == kind) && len(out) < chartCampaigns {
				out = append(out, m)
			}
		}
		if len(out) > 0 {
			break
		}
	}
	slices.Reverse(out)
	return out
}

// monthLabel is a month under a bar, "Dec 2026" or "déc. 2026": the language's
// short date without its day.
func monthLabel(t time.Time) string {
	d := l10n.ShortDate(time.Date(t.Year(), t.Month(), 1, 12, 0, 0, 0, time.UTC))
	if _, month, ok := strings.Cut(d, " "); ok {
		return month
	}
	return d
}
