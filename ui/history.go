package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"minuit/scheduler"
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

var statusFilters = []struct {
	Label  string
	States []scheduler.State
}{
	{"All statuses", nil},
	{"Problems", []scheduler.State{scheduler.Failed, scheduler.Expired, scheduler.Missed, scheduler.Unconfirmed}},
	{"Waiting", []scheduler.State{scheduler.Scheduled, scheduler.Sending, scheduler.Retryable}},
	{"Sent", []scheduler.State{scheduler.Sent}},
	{"Delivered", []scheduler.State{scheduler.Delivered}},
	{"Failed", []scheduler.State{scheduler.Failed}},
	{"Missed", []scheduler.State{scheduler.Missed}},
	{"Unconfirmed", []scheduler.State{scheduler.Unconfirmed}},
	{"Cancelled", []scheduler.State{scheduler.Cancelled}},
}

var rangeFilters = []struct {
	Label string
	Days  int
}{{"All time", 0}, {"Today", 1}, {"Last 7 days", 7}, {"Last 30 days", 30}, {"Last 365 days", 365}, {customRange, -1}}

const customRange = "Custom…"

func (h *History) buildUI() fyne.CanvasObject {
	var labels, ranges []string
	for _, f := range statusFilters {
		labels = append(labels, f.Label)
	}
	for _, f := range rangeFilters {
		ranges = append(ranges, f.Label)
	}
	h.StatusFilter = widget.NewSelect(labels, func(string) { h.Reload() })
	h.StatusFilter.SetSelectedIndex(0)
	h.From, h.To = widget.NewEntry(), widget.NewEntry()
	h.From.SetPlaceHolder("from 2026-11-01")
	h.To.SetPlaceHolder("to 2026-11-30")
	for _, e := range []*widget.Entry{h.From, h.To} {
		e.Hide()
		e.OnChanged = func(string) { h.Reload() }
	}
	h.RangeFilter = widget.NewSelect(ranges, func(sel string) {
		if sel == customRange {
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
	h.Search.SetPlaceHolder("Search a number…")
	h.Search.OnChanged = func(string) { h.Reload() }
	h.Summary = widget.NewLabel("")
	h.Summary.Importance = widget.LowImportance
	filters := container.NewBorder(nil, nil, container.NewHBox(h.StatusFilter, h.RangeFilter, dateBox(h.From), dateBox(h.To)), nil, h.Search)

	h.List = widget.NewList(func() int { return len(h.Rows) }, newHistoryRow, h.updateRow)
	h.List.OnSelected = h.onSelect
	h.Detail = widget.NewLabel("Select a delivery to see its details.")
	h.Detail.Wrapping = fyne.TextWrapWord
	h.Attempts = widget.NewLabel("")
	h.Attempts.Wrapping = fyne.TextWrapWord
	h.SendAgain = widget.NewButtonWithIcon("Send again", theme.MailSendIcon(), h.onSendAgain)
	h.CancelBtn = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), h.onCancel)
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
	when := widget.NewLabelWithStyle("2026-01-01 00:00", fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	to := widget.NewLabel("+33600000000")
	st := widget.NewLabel("delivered")
	reason := widget.NewLabel("")
	reason.Truncation = fyne.TextTruncateEllipsis
	reason.Importance = widget.LowImportance
	return container.NewBorder(nil, nil, container.NewHBox(icon, when, to, st), nil, reason)
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
	left := b.Objects[1].(*fyne.Container)
	left.Objects[0].(*widget.Icon).SetResource(stateIcon(d.State))
	left.Objects[1].(*widget.Label).SetText(d.Due.In(h.m.loc).Format("2006-01-02 15:04"))
	left.Objects[2].(*widget.Label).SetText(d.To)
	st := left.Objects[3].(*widget.Label)
	st.Importance = stateImportance(d.State)
	st.SetText(fmt.Sprintf("%s · %d SMS", d.State.Label(), d.Segments))
	b.Objects[0].(*widget.Label).SetText(d.Error)
}

func (h *History) query() scheduler.HistoryQuery {
	q := scheduler.HistoryQuery{Limit: historyPage, Search: strings.TrimSpace(h.Search.Text)}
	for _, f := range statusFilters {
		if f.Label == h.StatusFilter.Selected {
			q.States = f.States
		}
	}
	if h.RangeFilter.Selected == customRange {
		// A date left empty or not yet complete leaves that side open.
		if t, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(h.From.Text), h.m.loc); err == nil {
			q.From = t
		}
		if t, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(h.To.Text), h.m.loc); err == nil {
			q.To = t.AddDate(0, 0, 1)
		}
	}
	for _, f := range rangeFilters {
		if f.Label == h.RangeFilter.Selected && f.Days > 0 {
			now := h.m.deps.Now().In(h.m.loc)
			end := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, h.m.loc).AddDate(0, 0, 1)
			q.From, q.To = end.AddDate(0, 0, -f.Days), end
		}
	}
	return q
}

type historyPageData struct {
	rows    []scheduler.Delivery
	next    scheduler.Cursor
	summary scheduler.Summary
}

// Reload starts again from the newest delivery with the current filters.
func (h *History) Reload() {
	if h.List == nil {
		return
	}
	h.gen++
	h.Rows, h.next, h.more, h.loading = nil, scheduler.Cursor{}, true, false
	h.List.UnselectAll()
	h.List.Refresh()
	h.loadMore()
}

func (h *History) loadMore() {
	if h.loading || !h.more {
		return
	}
	h.loading = true
	q, gen, first, st := h.query(), h.gen, len(h.Rows) == 0, h.m.deps.Store
	q.After = h.next
	background(h.m.tk, func(ctx context.Context) (historyPageData, error) {
		rows, next, err := st.History(ctx, q)
		if err != nil || !first {
			return historyPageData{rows: rows, next: next}, err
		}
		s, err := st.Summary(ctx, q.From, q.To)
		return historyPageData{rows, next, s}, err
	}, func(p historyPageData, err error) {
		if gen != h.gen {
			return
		}
		h.loading = false
		if err != nil {
			h.Status.SetText("Could not read the history: " + plainError(err))
			h.more = false
			return
		}
		h.Rows = append(h.Rows, p.rows...)
		h.next, h.more = p.next, p.next != (scheduler.Cursor{})
		if first {
			s := p.summary
			h.Summary.SetText(fmt.Sprintf("%d messages · %d sent · %d delivered · %d problems · %d waiting · delivery rate %.0f %%",
				s.Total, s.Sent, s.Delivered, s.Failed, s.Waiting, 100*s.Rate()))
		}
		h.List.Refresh()
	})
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
			h.Status.SetText("Could not read the delivery: " + plainError(err))
			return
		}
		h.showDetail(dd)
	})
}

type deliveryDetail struct {
	d  scheduler.Delivery
	as []scheduler.Attempt
}

// dateBox gives a date entry room for "2026-11-30" (an entry's own minimum is narrower).
func dateBox(e *widget.Entry) fyne.CanvasObject {
	return container.New(layout.NewGridWrapLayout(fyne.NewSize(150, e.MinSize().Height)), e)
}
