package ui

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"minuit/scheduler"
)

// Calendar is the month grid and the selected day's agenda.
type Calendar struct {
	m     *Main
	Month time.Time // first day of the shown month, in the zone
	Day   int       // selected day of the month

	Plan   map[int]DayInfo
	Agenda []AgendaItem
	msgs   []scheduler.Message

	Title      *widget.Label
	Prev, Next *widget.Button
	TodayBtn   *widget.Button
	Cells      []*DayCell // 42 cells, Monday first
	DayTitle   *widget.Label
	AgendaList *widget.List
	Empty      *widget.Label
	NewOnDay   *widget.Button
	Edit       *widget.Button
	Duplicate  *widget.Button
	Cancel     *widget.Button
	Status     *widget.Label
	selected   int // agenda index, -1 = none
}

func newCalendar(m *Main) *Calendar {
	now := m.deps.Now().In(m.loc)
	return &Calendar{m: m, Month: time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, m.loc), Day: now.Day(), selected: -1}
}

func (c *Calendar) buildUI() fyne.CanvasObject {
	c.Title = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	c.Title.SizeName = theme.SizeNameSubHeadingText
	c.Prev = widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { c.onMove(-1) })
	c.Next = widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { c.onMove(1) })
	c.TodayBtn = widget.NewButton("Today", c.onToday)
	head := container.NewBorder(nil, nil, container.NewHBox(c.Prev, c.TodayBtn), c.Next, c.Title)

	week := container.NewGridWithColumns(7)
	for _, d := range []string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"} {
		l := widget.NewLabelWithStyle(d, fyne.TextAlignCenter, fyne.TextStyle{})
		l.Importance = widget.LowImportance
		week.Add(l)
	}
	grid := container.NewGridWithColumns(7)
	c.Cells = make([]*DayCell, 42)
	for i := range c.Cells {
		c.Cells[i] = newDayCell(c.onDay)
		grid.Add(c.Cells[i])
	}
	left := container.NewBorder(container.NewVBox(head, week), nil, nil, nil, grid)

	c.DayTitle = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	c.Empty = widget.NewLabel("Nothing planned this day.")
	c.Empty.Importance = widget.LowImportance
	c.AgendaList = widget.NewList(func() int { return len(c.Agenda) }, newAgendaRow, c.updateAgendaRow)
	c.AgendaList.OnSelected = func(i widget.ListItemID) { c.selected = i; c.updateActions() }
	c.AgendaList.OnUnselected = func(widget.ListItemID) { c.selected = -1; c.updateActions() }
	c.NewOnDay = widget.NewButtonWithIcon("New message on this day", theme.ContentAddIcon(), c.onNewOnDay)
	c.Edit = widget.NewButtonWithIcon("Edit", theme.DocumentCreateIcon(), c.onEdit)
	c.Duplicate = widget.NewButtonWithIcon("Duplicate", theme.ContentCopyIcon(), c.onDuplicate)
	c.Cancel = widget.NewButtonWithIcon("Cancel…", theme.CancelIcon(), c.onCancel)
	c.Status = widget.NewLabel("")
	c.Status.Wrapping = fyne.TextWrapWord
	actions := container.NewVBox(container.NewGridWithColumns(3, c.Edit, c.Duplicate, c.Cancel), c.NewOnDay, c.Status)
	right := container.NewBorder(c.DayTitle, actions, nil, nil, container.NewStack(c.Empty, c.AgendaList))
	split := container.NewHSplit(container.NewPadded(left), container.NewPadded(right))
	split.Offset = 0.64
	c.render()
	return split
}

func newAgendaRow() fyne.CanvasObject {
	at := widget.NewLabelWithStyle("00:00", fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	to := widget.NewLabel("")
	to.Truncation = fyne.TextTruncateEllipsis
	body := widget.NewLabel("")
	body.Truncation = fyne.TextTruncateEllipsis
	body.Importance = widget.LowImportance
	st := widget.NewLabel("")
	// The status sits after the text on the second line, so the recipient keeps
	// the whole first line.
	return container.NewBorder(nil, nil, at, nil, container.NewVBox(to, container.NewBorder(nil, nil, nil, st, body)))
}

func (c *Calendar) updateAgendaRow(i widget.ListItemID, o fyne.CanvasObject) {
	it := c.Agenda[i]
	b := o.(*fyne.Container)
	mid := b.Objects[0].(*fyne.Container)
	second := mid.Objects[1].(*fyne.Container)
	mid.Objects[0].(*widget.Label).SetText(it.To)
	second.Objects[0].(*widget.Label).SetText(firstWords(it.Body, 48))
	b.Objects[1].(*widget.Label).SetText(it.At.In(c.m.loc).Format("15:04"))
	st := second.Objects[1].(*widget.Label)
	st.Importance = stateImportance(it.State)
	st.SetText(it.Status)
}

func stateImportance(s scheduler.State) widget.Importance {
	switch s {
	case scheduler.Failed, scheduler.Expired, scheduler.Missed, scheduler.Unconfirmed:
		return widget.DangerImportance
	case scheduler.Delivered, scheduler.Sent:
		return widget.SuccessImportance
	case scheduler.Cancelled:
		return widget.LowImportance
	}
	return widget.MediumImportance
}

// render shows the month and agenda already loaded.
func (c *Calendar) render() {
	c.Title.SetText(c.Month.Format("January 2006"))
	first := int(c.Month.Weekday()+6) % 7 // Monday = 0
	days := c.Month.AddDate(0, 1, -1).Day()
	now := c.m.deps.Now().In(c.m.loc)
	for i, cell := range c.Cells {
		d := i - first + 1
		if d < 1 || d > days {
			d = 0
		}
		cell.Day, cell.Info = d, c.Plan[d]
		cell.Today = d > 0 && now.Year() == c.Month.Year() && now.Month() == c.Month.Month() && now.Day() == d
		cell.Selected = d > 0 && d == c.Day
		cell.Refresh()
	}
	c.DayTitle.SetText(c.selectedDay().Format("Monday 2 January"))
	if len(c.Agenda) == 0 {
		c.Empty.Show()
	} else {
		c.Empty.Hide()
	}
	c.AgendaList.UnselectAll()
	c.AgendaList.Refresh()
	c.updateActions()
}

func (c *Calendar) updateActions() {
	ok := c.selected >= 0 && c.selected < len(c.Agenda)
	for _, b := range []*widget.Button{c.Edit, c.Duplicate, c.Cancel} {
		if ok {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	if ok && c.Agenda[c.selected].State != "" && c.Agenda[c.selected].State != scheduler.Scheduled {
		c.Cancel.Disable()
	}
}

func (c *Calendar) selectedDay() time.Time {
	return time.Date(c.Month.Year(), c.Month.Month(), c.Day, 0, 0, 0, 0, c.m.loc)
}

type calData struct {
	plan   map[int]DayInfo
	agenda []AgendaItem
	msgs   []scheduler.Message
}

// Reload reads the month and the selected day off the UI goroutine.
func (c *Calendar) Reload() {
	month, day, loc, st := c.Month, c.selectedDay(), c.m.loc, c.m.deps.Store
	br, _ := c.m.deps.Contacts.(BirthdayResolver)
	background(c.m.tk, func(ctx context.Context) (calData, error) {
		counts, err := st.MonthCounts(ctx, month.Year(), month.Month(), loc)
		if err != nil {
			return calData{}, err
		}
		msgs, err := st.Messages(ctx, false)
		if err != nil {
			return calData{}, err
		}
		ds, _, err := st.History(ctx, scheduler.HistoryQuery{From: day, To: day.AddDate(0, 0, 1), Limit: 500})
		if err != nil {
			return calData{}, err
		}
		bs, err := birthdaysIn(ctx, br, msgs, month, month.AddDate(0, 1, 0))
		if err != nil {
			return calData{}, err
		}
		snd, err := c.m.sending(ctx)
		if err != nil {
			return calData{}, err
		}
		now := c.m.deps.Now()
		where := func(at time.Time) string { return snd.from(at, now) }
		plan := monthPlan(counts, msgs, month.Year(), month.Month(), loc)
		addBirthdays(plan, bs, loc)
		return calData{plan, withBirthdays(dayAgenda(ds, msgs, day, loc, where), bs, day, loc), msgs}, nil
	}, func(d calData, err error) {
		if err != nil {
			c.Status.SetText("Could not read the calendar: " + plainError(err))
			return
		}
		if !month.Equal(c.Month) || !day.Equal(c.selectedDay()) {
			return // the user moved on; a newer reload is under way
		}
		c.Plan, c.Agenda, c.msgs, c.selected = d.plan, d.agenda, d.msgs, -1
		c.Status.SetText("")
		c.render()
	})
}

func (c *Calendar) onMove(months int) {
	c.Month = c.Month.AddDate(0, months, 0)
	c.Day = min(c.Day, c.Month.AddDate(0, 1, -1).Day())
	c.Agenda = nil
	c.render()
	c.Reload()
}

func (c *Calendar) onToday() {
	now := c.m.deps.Now().In(c.m.loc)
	c.Month = time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, c.m.loc)
	c.Day = now.Day()
	c.render()
	c.Reload()
}

func (c *Calendar) onDay(day int) {
	c.Day = day
	c.render()
	c.Reload()
}

func (c *Calendar) onNewOnDay() { c.m.OpenCompose(nil, c.selectedDay()) }

func (c *Calendar) current() (AgendaItem, bool) {
	if c.selected < 0 || c.selected >= len(c.Agenda) {
		return AgendaItem{}, false
	}
	return c.Agenda[c.selected], true
}

func (c *Calendar) openMessage(duplicate bool) {
	it, ok := c.current()
	if !ok {
		return
	}
	st := c.m.deps.Store
	background(c.m.tk, func(ctx context.Context) (scheduler.Message, error) {
		return st.Message(ctx, it.MessageID)
	}, func(msg scheduler.Message, err error) {
		if err != nil {
			c.Status.SetText("Could not open the message: " + plainError(err))
			return
		}
		if duplicate {
			msg.ID = 0
		}
		c.m.OpenCompose(&msg, time.Time{})
	})
}

func (c *Calendar) onEdit()      { c.openMessage(false) }
func (c *Calendar) onDuplicate() { c.openMessage(true) }

// onCancel asks, for a recurring message, whether to cancel this occurrence or
// every future one.
func (c *Calendar) onCancel() {
	it, ok := c.current()
	if !ok {
		return
	}
	if !it.Recurring && it.DeliveryID == 0 {
		c.cancel(it, false)
		return
	}
	var d dialog.Dialog
	one := widget.NewButton("Only this one", func() { d.Hide(); c.cancel(it, true) })
	if it.Birthday && it.DeliveryID == 0 {
		one.Disable() // the sender does not skip one birthday to come
	}
	all := widget.NewButton("All future ones", func() { d.Hide(); c.cancel(it, false) })
	all.Importance = widget.DangerImportance
	keep := widget.NewButton("Keep it", func() { d.Hide() })
	msg := widget.NewLabel(fmt.Sprintf("Cancel the message of %s at %s: this one or all future ones?",
		it.At.In(c.m.loc).Format("Mon 2 Jan"), it.At.In(c.m.loc).Format("15:04")))
	msg.Wrapping = fyne.TextWrapWord
	d = dialog.NewCustomWithoutButtons("Cancel a repeating message",
		container.NewVBox(msg, container.NewHBox(layout.NewSpacer(), keep, one, all)), c.m.Window)
	d.Resize(fyne.NewSize(440, 160))
	d.Show()
}

func (c *Calendar) cancel(it AgendaItem, onlyThis bool) {
	st := c.m.deps.Store
	background(c.m.tk, func(ctx context.Context) (struct{}, error) {
		if onlyThis {
			return struct{}{}, st.SkipOccurrence(ctx, it.MessageID, it.At)
		}
		return struct{}{}, st.CancelMessage(ctx, it.MessageID)
	}, func(_ struct{}, err error) {
		if err != nil {
			c.Status.SetText("Could not cancel: " + plainError(err))
			return
		}
		c.Status.SetText("Cancelled.")
		c.m.changed()
	})
}
