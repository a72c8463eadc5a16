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

const historyPage = 200

// History lists every delivery, newest first, paged by keyset as the list scrolls.
type History struct {
	m       *Main
	Rows    []scheduler.Delivery
	next    scheduler.Cursor
	more    bool
	loading bool
	gen     int // bumped on each reload, so late pages of an old query are dropped
	current scheduler.Delivery
	// names are the contacts' names of the rows read, by contact id and, for a
	// typed number, by number.
	names       map[int64]string
	numberNames map[string]string

	StatusFilter *widget.Select
	RangeFilter  *widget.Select
	From, To     *widget.Entry // shown for "Custom…": YYYY-MM-DD, both included
	Search       *widget.Entry
	Summary      *widget.Label
	List         *widget.List
	Detail       *widget.Label
	Attempts     *widget.Label
	SendAgain    *widget.Button
	CancelBtn    *widget.Button
	Status       *widget.Label
}

func newHistory(m *Main) *History { return &History{m: m} }

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

func newHistoryRow() fyne.CanvasObject {
	icon := widget.NewIcon(theme.ConfirmIcon())
	// The widest day of the year in either language sizes the column.
	when := widget.NewLabelWithStyle(l10n.ShortDateTime(time.Date(2026, 9, 30, 0, 0, 0, 0, time.UTC)),
		fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	who := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	st := widget.NewLabel(l10n.StateLabel(scheduler.Delivered))
	st.Truncation = fyne.TextTruncateEllipsis
	text := widget.NewLabel("")
	text.Truncation = fyne.TextTruncateEllipsis
	text.Importance = widget.LowImportance
	top := container.NewBorder(nil, nil, who, nil, st)
	return container.NewBorder(nil, nil, container.NewHBox(icon, when), nil, container.NewVBox(top, text))
}

func stateIcon(s scheduler.State) fyne.Resource {
	switch s {
	case scheduler.Delivered:
		return theme.ConfirmIcon()
	case scheduler.Sent:
		return theme.MailSendIcon()
	case scheduler.Failed, scheduler.Expired:
		return theme.ErrorIcon()
	case scheduler.Missed, scheduler.Unconfirmed:
		return theme.WarningIcon()
	case scheduler.Cancelled:
		return theme.CancelIcon()
	}
	return theme.HistoryIcon()
}

func (h *History) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(h.Rows)-historyPage/4 {
		h.loadMore()
	}
	d := h.Rows[i]
	b := o.(*fyne.Container)
	mid := b.Objects[0].(*fyne.Container)
	left := b.Objects[1].(*fyne.Container)
	top := mid.Objects[0].(*fyne.Container)
	left.Objects[0].(*widget.Icon).SetResource(stateIcon(d.State))
	when := l10n.ShortDateTime(d.Due.In(h.m.zoneLoc(d.Zone)))
	if h.m.otherZone(d.Zone, d.Due) {
		when += " " + zoneCity(d.Zone)
	}
	left.Objects[1].(*widget.Label).SetText(when)
	top.Objects[1].(*widget.Label).SetText(h.who(d))
	st := top.Objects[0].(*widget.Label)
	st.Importance = stateImportance(d.State)
	st.SetText(h.rowStatus(d))
	text := mid.Objects[1].(*widget.Label)
	text.Importance = widget.LowImportance
	text.SetText(firstWords(d.Body, 140))
	if d.Error != "" && d.State != scheduler.Delivered && d.State != scheduler.Sent && !held(d) {
		text.Importance = widget.DangerImportance
		text.SetText(l10n.Known(d.Error) + " — " + firstWords(d.Body, 80))
	}
}

// who is the contact's name with the number ("Marie Dupont · +33612345678"), or
// the number alone when it belongs to no contact.
func (h *History) who(d scheduler.Delivery) string {
	name := h.names[d.ContactID]
	if d.ContactID == 0 {
		name = h.numberNames[d.To]
	}
	if name == "" {
		return d.To
	}
	return name + " · " + d.To
}

// rowStatus is the state as people read it, "held until …" for a delivery the
// rules hold, with its SMS count.
func (h *History) rowStatus(d scheduler.Delivery) string {
	if held(d) {
		return h.m.heldUntil(d.HeldUntil, d.Zone) + " · " + smsCount(d.Segments)
	}
	return l10n.StateLabel(d.State) + " · " + smsCount(d.Segments)
}

func (h *History) query() scheduler.HistoryQuery {
	q := scheduler.HistoryQuery{Limit: historyPage, Search: strings.TrimSpace(h.Search.Text)}
	for _, f := range statusFilters() {
		if f.Label == h.StatusFilter.Selected {
			q.States = f.States
		}
	}
	if h.RangeFilter.Selected == customRange() {
		// A date left empty or not yet complete leaves that side open.
		if t, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(h.From.Text), h.m.loc); err == nil {
			q.From = t
		}
		if t, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(h.To.Text), h.m.loc); err == nil {
			q.To = t.AddDate(0, 0, 1)
		}
	}
	for _, f := range rangeFilters() {
		if f.Label == h.RangeFilter.Selected && f.Days > 0 {
			now := h.m.deps.Now().In(h.m.loc)
			end := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, h.m.loc).AddDate(0, 0, 1)
			q.From, q.To = end.AddDate(0, 0, -f.Days), end
		}
	}
	return q
}

func (h *History) onSelect(i widget.ListItemID) {
	if i < 0 || i >= len(h.Rows) {
		return
	}
	id, st := h.Rows[i].ID, h.m.deps.Store
	background(h.m.tk, func(ctx context.Context) (deliveryDetail, error) {
		d, as, err := st.Delivery(ctx, id)
		return deliveryDetail{d, as}, err
	}, func(dd deliveryDetail, err error) {
		if err != nil {
			h.Status.SetText(lang.L("Could not read the delivery: {{.Why}}", map[string]any{"Why": plainError(err)}))

			return
		}
		h.showDetail(dd)
	})
}

type deliveryDetail struct {
	d  scheduler.Delivery
	as []scheduler.Attempt
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

// dateBox gives a date entry room for "2026-11-30" (an entry's own minimum is narrower).

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
