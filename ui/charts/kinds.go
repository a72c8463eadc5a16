package charts

import (
	"fmt"
	"image"
	"image/color"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"

	"minuit/scheduler"
)

// Outcome colours, readable on a light and on a dark background.
var (
	green  = color.RGBA{R: 0x2e, G: 0x9e, B: 0x4f, A: 0xff}
	blue   = color.RGBA{R: 0x4a, G: 0x7f, B: 0xc1, A: 0xff}
	red    = color.RGBA{R: 0xd6, G: 0x3e, B: 0x3e, A: 0xff}
	orange = color.RGBA{R: 0xe8, G: 0x93, B: 0x2c, A: 0xff}
	grey   = color.RGBA{R: 0x99, G: 0x99, B: 0x99, A: 0xff}
	sky    = color.RGBA{R: 0x9c, G: 0xc8, B: 0xea, A: 0xff}
	purple = color.RGBA{R: 0x8a, G: 0x5c, B: 0xc2, A: 0xff}
)

// DayLabels are the words of the deliveries-per-day chart.
type DayLabels struct {
	Delivered, Waiting, Failed, Missed, Skipped, Pending string // the outcomes, in the legend
	Axis                                                 string // the vertical axis ("Deliveries")
	Date                                                 func(time.Time) string
}

// DeliveriesPerDay stacks each day's deliveries by outcome: delivered at the
// bottom, then waiting for a report, failed, missed, not sent by the rules, and
// still to send on top.
func DeliveriesPerDay(days []scheduler.DayOutcomes, l DayLabels, s Style) (image.Image, error) {
	p := s.newPlot()
	p.Y.Label.Text = l.Axis
	series := []struct {
		name  string
		color color.Color
		value func(scheduler.DayOutcomes) int
	}{
		{l.Delivered, green, func(d scheduler.DayOutcomes) int { return d.Delivered }},
		{l.Waiting, blue, func(d scheduler.DayOutcomes) int { return d.Waiting }},
		{l.Failed, red, func(d scheduler.DayOutcomes) int { return d.Failed }},
		{l.Missed, orange, func(d scheduler.DayOutcomes) int { return d.Missed }},
		{l.Skipped, grey, func(d scheduler.DayOutcomes) int { return d.Skipped }},
		{l.Pending, sky, func(d scheduler.DayOutcomes) int { return d.Pending }},
	}
	n := max(len(days), 1)
	width := barWidth(s.Width, n)
	var below *plotter.BarChart
	top, legend := 0.0, 0
	totals := make([]float64, n)
	for _, sr := range series {
		vs := make(plotter.Values, n)
		any := false
		for i, d := range days {
			vs[i] = float64(sr.value(d))
			totals[i] += vs[i]
			any = any || vs[i] > 0
		}
		if !any {
			continue // an outcome that never happened stays out of the legend
		}
		bar, err := plotter.NewBarChart(vs, width)
		if err != nil {
			return nil, fmt.Errorf("charts: deliveries per day: %w", err)
		}
		bar.Color, bar.LineStyle.Width = sr.color, 0
		if below != nil {
			bar.StackOn(below)
		}
		below = bar
		p.Add(bar)
		p.Legend.Add(sr.name, bar)
		legend++
	}
	for _, t := range totals {
		top = max(top, t)
	}
	names := make([]string, n)
	for i, d := range days {
		if l.Date != nil {
			names[i] = l.Date(d.Day)
		} else {
			names[i] = d.Day.Format(time.DateOnly)
		}
	}
	finishBars(p, names, top, legend, s)
	p.Y.Tick.Marker = wholeTicks
	return s.render(p)
}

// finishBars sets a bar chart's axes: names under the bars (a readable few of
// them) and a vertical axis from 0 with room above the tallest bar for the
// legend's entries.
func finishBars(p *plot.Plot, names []string, top float64, entries int, s Style) {
	p.NominalX(names...)
	p.X.Tick.Marker = everyNth(names, max(2, int(s.Width/90)))
	p.X.Min, p.X.Max = -0.6, float64(len(names))-0.4
	p.Y.Min, p.Y.Max = 0, max(top*(1.1+0.12*float64(entries)), 1)
}

// RateLabels are the words of the opt-out rate chart.
type RateLabels struct {
	Axis string                               // the vertical axis ("Opt-outs (% of sent)")
	Name func(scheduler.MessageReport) string // a campaign's label under its bar
}

// OptOutRates draws one bar per campaign, in the order given: its opt-outs after
// it as a percentage of its texts sent.
func OptOutRates(campaigns []scheduler.MessageReport, l RateLabels, s Style) (image.Image, error) {
	p := s.newPlot()
	p.Y.Label.Text = l.Axis
	n := max(len(campaigns), 1)
	vs := make(plotter.Values, n)
	names := make([]string, n)
	top := 0.0
	for i, c := range campaigns {
		vs[i] = 100 * c.OptOutRate
		top = max(top, vs[i])
		names[i] = fmt.Sprintf("#%d", c.MessageID)
		if l.Name != nil {
			names[i] = l.Name(c)
		}
	}
	bar, err := plotter.NewBarChart(vs, barWidth(s.Width, n))
	if err != nil {
		return nil, fmt.Errorf("charts: opt-out rates: %w", err)
	}
	bar.Color, bar.LineStyle.Width = purple, 0
	p.Add(bar)
	finishBars(p, names, top, 0, s)
	return s.render(p)
}

// CostLabels are the words of the cost chart.
type CostLabels struct {
	Axis  string // the vertical axis ("Cost (€, estimated)")
	Month func(time.Time) string
}

// CostPerMonth draws one bar per month: what its texts sent cost.
func CostPerMonth(months []scheduler.MonthCost, l CostLabels, s Style) (image.Image, error) {
	p := s.newPlot()
	p.Y.Label.Text = l.Axis
	n := max(len(months), 1)
	vs := make(plotter.Values, n)
	names := make([]string, n)
	top := 0.0
	for i, m := range months {
		vs[i] = m.Cost
		top = max(top, m.Cost)
		names[i] = m.Month.Format("2006-01")
		if l.Month != nil {
			names[i] = l.Month(m.Month)
		}
	}
	bar, err := plotter.NewBarChart(vs, barWidth(s.Width, n))
	if err != nil {
		return nil, fmt.Errorf("charts: cost per month: %w", err)
	}
	bar.Color, bar.LineStyle.Width = blue, 0
	p.Add(bar)
	finishBars(p, names, top, 0, s)
	return s.render(p)
}
