package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"minuit/scheduler"
	"minuit/ui/l10n"
)

type statusFilter struct {
	Label  string
	States []scheduler.State
}

// statusFilters are the status choices, in the person's language.
func statusFilters() []statusFilter {
	return []statusFilter{
		{lang.L("All statuses"), nil},
		{lang.L("Problems"), []scheduler.State{scheduler.Failed, scheduler.Expired, scheduler.Missed, scheduler.Unconfirmed}},
		{lang.L("Waiting"), []scheduler.State{scheduler.Scheduled, scheduler.Sending, scheduler.Retryable, scheduler.HandedOff}},
		{lang.L("Sent"), []scheduler.State{scheduler.Sent}},
		{lang.L("Delivered"), []scheduler.State{scheduler.Delivered}},
		{lang.L("Failed"), []scheduler.State{scheduler.Failed}},
		{lang.L("Missed"), []scheduler.State{scheduler.Missed}},
		{lang.L("Unconfirmed"), []scheduler.State{scheduler.Unconfirmed}},
		{lang.L("Skipped by the rules"), []scheduler.State{scheduler.Skipped}},
		{lang.L("Cancelled"), []scheduler.State{scheduler.Cancelled}},
	}
}

type rangeFilter struct {
	Label string
	Days  int
}

// rangeFilters are the period choices, in the person's language.
func rangeFilters() []rangeFilter {
	return []rangeFilter{{lang.L("All time"), 0}, {lang.L("Today"), 1}, {lang.L("Last 7 days"), 7},
		{lang.L("Last 30 days"), 30}, {lang.L("Last 365 days"), 365}, {customRange(), -1}}
}

func customRange() string { return lang.L("Custom…") }

func (h *History) buildUI() fyne.CanvasObject {
	var labels, ranges []string
	for _, f := range statusFilters() {
		labels = append(labels, f.Label)
	}
	for _, f := range rangeFilters() {
		ranges = append(ranges, f.Label)
	}
	h.StatusFilter = widget.NewSelect(labels, func(string) { h.Reload() })
	h.StatusFilter.SetSelectedIndex(0)
	h.From, h.To = widget.NewEntry(), widget.NewEntry()
	h.From.SetPlaceHolder(lang.L("from {{.Date}}", map[string]any{"Date": "2026-11-01"}))
	h.To.SetPlaceHolder(lang.L("to {{.Date}}", map[string]any{"Date": "2026-11-30"}))
	for _, e := range []*widget.Entry{h.From, h.To} {
		e.Hide()
		e.OnChanged = func(string) { h.Reload() }
	}
	h.RangeFilter = widget.NewSelect(ranges, func(sel string) {
		if sel == customRange() {
			h.From.Show()
			h.To.Show()
		} else {
			h.From.Hide()
			h.To.Hide()
		}
		h.Reload()
	})
	h.RangeFilter.SetSelectedIndex(0)
	h.Search = widget.NewEntry()
	h.Search.SetPlaceHolder(lang.L("Search a number…"))
	h.Search.OnChanged = func(string) { h.Reload() }
	h.Summary = widget.NewLabel("")
	h.Summary.Importance = widget.LowImportance
	filters := container.NewBorder(nil, nil, container.NewHBox(selectBox(h.StatusFilter), selectBox(h.RangeFilter),
		dateBox(h.From), dateBox(h.To)), nil, h.Search)

	h.List = widget.NewList(func() int { return len(h.Rows) }, newHistoryRow, h.updateRow)
	h.List.OnSelected = h.onSelect
	h.Detail = widget.NewLabel(lang.L("Select a delivery to see its details."))
	h.Detail.Wrapping = fyne.TextWrapWord
	h.Attempts = widget.NewLabel("")
	h.Attempts.Wrapping = fyne.TextWrapWord
	h.SendAgain = widget.NewButtonWithIcon(lang.L("Send again"), theme.MailSendIcon(), h.onSendAgain)
	h.CancelBtn = widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), h.onCancel)
	h.SendAgain.Disable()
	h.CancelBtn.Disable()
	h.Status = widget.NewLabel("")
	h.Status.Wrapping = fyne.TextWrapWord
	detail := container.NewBorder(nil, container.NewVBox(container.NewGridWithColumns(2, h.SendAgain, h.CancelBtn), h.Status),
		nil, nil, container.NewVScroll(container.NewVBox(h.Detail, h.Attempts)))
	split := container.NewHSplit(h.List, container.NewPadded(detail))
	split.Offset = 0.62
	return container.NewBorder(container.NewPadded(container.NewVBox(filters, h.Summary)), nil, nil, nil, split)
}

// selectBox gives a select room for its longest choice: a select's own minimum
// cuts "Tous les états" to "Tous les ét…".
func selectBox(s *widget.Select) fyne.CanvasObject {
	w := float32(0)
	for _, o := range s.Options {
		w = max(w, fyne.MeasureText(o, theme.TextSize(), fyne.TextStyle{}).Width)
	}
	w += theme.IconInlineSize() + 4*theme.InnerPadding()
	return container.New(layout.NewGridWrapLayout(fyne.NewSize(max(w, s.MinSize().Width), s.MinSize().Height)), s)
}

func dateBox(e *widget.Entry) fyne.CanvasObject {
	return container.New(layout.NewGridWrapLayout(fyne.NewSize(150, e.MinSize().Height)), e)
}

// summaryText is the line over the history, by the figures of scheduler
// (figures.go): "12 messages · 10 sent · 9 delivered · 1 failed · 2 skipped · 1
// planned · delivery rate 90%".
func summaryText(s scheduler.Summary) string {
	parts := []string{lang.N("{{.Count}} messages", s.Total(), map[string]any{"Count": l10n.Int(s.Total())}),
		lang.N("{{.Count}} sent", s.Sent, map[string]any{"Count": l10n.Int(s.Sent)}),
		lang.N("{{.Count}} delivered", s.Delivered, map[string]any{"Count": l10n.Int(s.Delivered)})}
	for _, f := range []struct {
		n    int
		text func(n int) string
	}{
		{s.Failed, func(n int) string { return lang.N("{{.Count}} failed", n, map[string]any{"Count": l10n.Int(n)}) }},
		{s.Missed, func(n int) string { return lang.N("{{.Count}} missed", n, map[string]any{"Count": l10n.Int(n)}) }},
		{s.Skipped, func(n int) string { return lang.N("{{.Count}} skipped", n, map[string]any{"Count": l10n.Int(n)}) }},
		{s.Pending, func(n int) string { return lang.N("{{.Count}} planned", n, map[string]any{"Count": l10n.Int(n)}) }},
	} {
		if f.n > 0 {
			parts = append(parts, f.text(f.n))
		}
	}
	parts = append(parts, lang.L("delivery rate {{.Rate}}", map[string]any{"Rate": l10n.Percent(s.Rate())}))
	return strings.Join(parts, " · ")
}
