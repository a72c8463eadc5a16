package ui

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"minuit/scheduler"
	"minuit/ui/l10n"
)

// ReportsTab shows what became of the deliveries over a period: a table per
// message with its total, and three charts (deliveries per day by outcome,
// opt-out rate per campaign, cost per month). It exports the table as CSV, each
// chart as PNG and the plan as an .ics calendar, and edits the price table and
// the weekly delivery check.
type ReportsTab struct {
	m      *Main
	Report scheduler.Report // what the tab shows
	gen    int              // bumped on each reload, so an old answer is dropped

	Period           *widget.Select
	From, To         *widget.Entry // shown for "Custom…": YYYY-MM-DD, both included
	Summary          *widget.Label
	Table            *widget.Table
	ChartKind        *widget.RadioGroup
	Chart            *chartView
	SavePNG          *widget.Button
	ExportCSV        *widget.Button
	ExportCalendar   *widget.Button // the plan as .ics (one-off)
	LiveCalendar     *widget.Button // keep an .ics up to date in a folder
	PricesButton     *widget.Button
	DeliveryCheckBtn *widget.Button
	Status           *widget.Label
}

func newReportsTab(m *Main) *ReportsTab { return &ReportsTab{m: m} }

// reportPeriod is one choice of the period list: the last Days days (0: all time,
// -1: custom).
type reportPeriod struct {
	Label string
	Days  int
}

func reportPeriods() []reportPeriod {
	return []reportPeriod{{lang.L("Last 7 days"), 7}, {lang.L("Last 30 days"), 30}, {lang.L("Last 90 days"), 90},
		{lang.L("All time"), 0}, {customRange(), -1}}
}

func (r *ReportsTab) buildUI() fyne.CanvasObject {
	var labels []string
	for _, p := range reportPeriods() {
		labels = append(labels, p.Label)
	}
	r.From, r.To = widget.NewEntry(), widget.NewEntry()
	r.From.SetPlaceHolder(lang.L("from {{.Date}}", map[string]any{"Date": "2026-11-01"}))
	r.To.SetPlaceHolder(lang.L("to {{.Date}}", map[string]any{"Date": "2026-11-30"}))
	for _, e := range []*widget.Entry{r.From, r.To} {
		e.Hide()
		e.OnChanged = func(string) { r.Reload() }
	}
	r.Period = widget.NewSelect(labels, r.onPeriod)
	r.Period.SetSelectedIndex(1) // the last 30 days; read once the tab is shown
	r.Summary = widget.NewLabel("")
	r.Summary.Wrapping = fyne.TextWrapWord
	r.Status = widget.NewLabel("")
	r.Status.Wrapping = fyne.TextWrapWord
	r.Status.Hide()
	r.Table = r.newTable()
	var kinds []string
	for _, k := range ChartKinds {
		kinds = append(kinds, k.Title())
	}
	r.ChartKind = widget.NewRadioGroup(kinds, func(string) { r.Chart.redraw() })
	r.ChartKind.Horizontal = true
	r.ChartKind.Required = true
	r.Chart = newChartView(r)
	r.SavePNG = widget.NewButtonWithIcon(lang.L("Save chart (PNG)…"), theme.DocumentSaveIcon(), r.onSavePNG)
	r.ExportCSV = widget.NewButtonWithIcon(lang.L("Export table (CSV)…"), theme.DocumentSaveIcon(), r.onExportCSV)
	r.ExportCalendar = widget.NewButtonWithIcon(lang.L("Export calendar (.ics)…"), theme.CalendarIcon(), r.onExportCalendar)
	r.LiveCalendar = widget.NewButtonWithIcon(lang.L("Live calendar…"), theme.FolderIcon(), r.onLiveCalendar)
	r.PricesButton = widget.NewButtonWithIcon(lang.L("Prices…"), theme.SettingsIcon(), r.onPrices)
	r.DeliveryCheckBtn = widget.NewButtonWithIcon(lang.L("Delivery check…"), theme.MailSendIcon(), r.onDeliveryCheck)
	r.ChartKind.SetSelected(kinds[0])

	periodBox := container.New(layout.NewGridWrapLayout(fyne.NewSize(190, r.Period.MinSize().Height)), r.Period)
	period := container.NewHBox(periodBox, dateBox(r.From), dateBox(r.To))
	actions := container.NewHBox(layout.NewSpacer(), r.ExportCSV, r.ExportCalendar, r.LiveCalendar, r.PricesButton,
		r.DeliveryCheckBtn)
	top := container.NewVBox(container.NewBorder(nil, nil, period, nil, r.Summary), actions, r.Status)
	chartBar := container.NewBorder(nil, nil, nil, r.SavePNG, r.ChartKind)
	split := container.NewVSplit(r.Table, container.NewBorder(chartBar, nil, nil, nil, r.Chart))
	split.Offset = 0.42
	return container.NewBorder(container.NewPadded(top), nil, nil, nil, split)
}

func (r *ReportsTab) onPeriod(sel string) {
	if sel == customRange() {
		r.From.Show()
		r.To.Show()
	} else {
		r.From.Hide()
		r.To.Hide()
	}
	r.Reload()
}

// query is the report the controls ask for.
func (r *ReportsTab) query() scheduler.ReportQuery {
	loc := r.m.loc
	q := scheduler.ReportQuery{Loc: loc}
	for _, p := range reportPeriods() {
		if p.Label != r.Period.Selected {
			continue
		}
		switch {
		case p.Days > 0:
			now := r.m.deps.Now().In(loc)
			end := time.Date(now.Year(), now.Month(), now.Day()+1, 0, 0, 0, 0, loc)
			q.From, q.To = time.Date(end.Year(), end.Month(), end.Day()-p.Days, 0, 0, 0, 0, loc), end
		case p.Days < 0:
			// A date left empty or not yet complete leaves that side open.
			if t, err := time.ParseInLocation(time.DateOnly, strings.TrimSpace(r.From.Text), loc); err == nil {
				q.From = t
			}
			if t, err := time.ParseInLocation(time.DateOnly, strings.TrimSpace(r.To.Text), loc); err == nil {
				q.To = time.Date(t.Year(), t.Month(), t.Day()+1, 0, 0, 0, 0, loc)
			}
			if !q.From.IsZero() && !q.To.IsZero() && !q.To.After(q.From) {
				q.To = time.Time{} // "to" before "from": open until it makes sense
			}
		}
	}
	return q
}

// Reload reads the report the controls ask for, off the UI goroutine.
func (r *ReportsTab) Reload() {
	if r.Table == nil || r.m.deps.Reports == nil {
		return
	}
	r.gen++
	gen, q, rs := r.gen, r.query(), r.m.deps.Reports
	background(r.m.tk, func(ctx context.Context) (scheduler.Report, error) {
		return rs.Report(ctx, q)
	}, func(rep scheduler.Report, err error) {
		if gen != r.gen {
			return
		}
		if err != nil {
			r.setStatus(l10n.Sentence(err))
			return
		}
		r.setStatus("")
		r.Report = rep
		r.Summary.SetText(reportSummary(rep))
		r.Table.Refresh()
		r.Chart.redraw()
	})
}

// setStatus shows a sentence under the buttons ("" hides it).
func (r *ReportsTab) setStatus(text string) {
	r.Status.SetText(text)
	r.Status.Hidden = text == ""
	r.Status.Refresh()
}

// reportSummary is the line over the table: "1,000 texts · 970 sent · 97 %
// delivered · 12 opt-outs · cost about 77.60".
func reportSummary(rep scheduler.Report) string {
	t := rep.Total
	parts := []string{
		lang.N("{{.Count}} recipients", t.Recipients, map[string]any{"Count": l10n.Int(t.Recipients)}),
		lang.N("{{.Count}} sent", t.Sent, map[string]any{"Count": l10n.Int(t.Sent)}),
		lang.L("delivery rate {{.Rate}}", map[string]any{"Rate": l10n.Percent(t.DeliveryRate)}),
		lang.N("{{.Count}} opt-outs", t.OptOuts, map[string]any{"Count": l10n.Int(t.OptOuts)}),
		costLabel(t.Cost, rep.Estimate),
	}
	if rep.Attributed {
		parts = append(parts, lang.N("{{.Count}} orders", t.Orders, map[string]any{"Count": l10n.Int(t.Orders)}))
	}
	return strings.Join(parts, " · ")
}

// costLabel is a cost, said to be an estimate when a built-in price was used.
func costLabel(cost float64, estimate bool) string {
	if estimate {
		return lang.L("cost about {{.Cost}}", map[string]any{"Cost": l10n.Decimal(cost, 2)})
	}
	return lang.L("cost {{.Cost}}", map[string]any{"Cost": l10n.Decimal(cost, 2)})
}
