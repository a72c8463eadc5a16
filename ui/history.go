package ui

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
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

// dateBox gives a date entry room for "2026-11-30" (an entry's own minimum is narrower).
