package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"minuit/scheduler"
	"minuit/ui/l10n"
)

// Calendar is the month grid and the selected day's agenda.
type Calendar struct {
	m     *Main
	Month time.Time // first day of the shown month, in the zone
	Day   int       // selected day of the month

	Plan   map[int]DayInfo
	Agenda []AgendaItem
	msgs   []scheduler.Message

	gen       int     // bumped by each Reload: an older result is dropped
	data      calData // what the last Reload read
	forecasts map[occKey]scheduler.Forecast
	judging   bool // a judging of occurrences runs
	rejudge   bool // another was asked meanwhile

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
	return &Calendar{m: m, Month: time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, m.loc), Day: now.Day(), selected: -1,
		forecasts: map[occKey]scheduler.Forecast{}}
}

func (c *Calendar) buildUI() fyne.CanvasObject {
	c.Title = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	c.Title.SizeName = theme.SizeNameSubHeadingText
	c.Prev = widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { c.onMove(-1) })
	c.Next = widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { c.onMove(1) })
	c.TodayBtn = widget.NewButton(lang.L("Today"), c.onToday)
	head := container.NewBorder(nil, nil, container.NewHBox(c.Prev, c.TodayBtn), c.Next, c.Title)

	week := container.NewGridWithColumns(7)
	for i := range 7 {
		d := l10n.ShortDayName(time.Weekday((i + 1) % 7)) // Monday first
		l := widget.NewLabelWithStyle(d, fyne.TextAlignCenter, fyne.TextStyle{})
		l.Importance = widget.LowImportance
		week.Add(l)
	}
	grid := container.NewGridWithColumns(7)
	c.Cells = make([]*DayCell, 42)
	for i := range c.Cells {
		c.Cells[i] = newDayCell(c.onDay, func(l DayLine) string { return l10n.Clock(l.At.In(c.m.zoneLoc(l.Zone))) })
		grid.Add(c.Cells[i])
	}
	left := container.NewBorder(container.NewVBox(head, week), nil, nil, nil, grid)

	c.DayTitle = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	c.Empty = widget.NewLabel(lang.L("Nothing planned this day."))
	c.Empty.Importance = widget.LowImportance
	c.AgendaList = widget.NewList(func() int { return len(c.Agenda) }, newAgendaRow, c.updateAgendaRow)
	c.AgendaList.OnSelected = func(i widget.ListItemID) { c.selected = i; c.updateActions() }
	c.AgendaList.OnUnselected = func(widget.ListItemID) { c.selected = -1; c.updateActions() }
	c.NewOnDay = widget.NewButtonWithIcon(lang.L("New message on this day"), theme.ContentAddIcon(), c.onNewOnDay)
	c.Edit = widget.NewButtonWithIcon(lang.L("Edit"), theme.DocumentCreateIcon(), c.onEdit)
	c.Duplicate = widget.NewButtonWithIcon(lang.L("Duplicate"), theme.ContentCopyIcon(), c.onDuplicate)
	c.Cancel = widget.NewButtonWithIcon(lang.L("Cancel…"), theme.CancelIcon(), c.onCancel)
	c.Status = widget.NewLabel("")
	c.Status.Wrapping = fyne.TextWrapWord
	actions := container.NewVBox(container.NewGridWithColumns(3, c.Edit, c.Duplicate, c.Cancel), c.NewOnDay, c.Status)
	right := container.NewBorder(c.DayTitle, actions, nil, nil, container.NewStack(c.Empty, c.AgendaList))
	split := container.NewHSplit(container.NewPadded(left), container.NewPadded(right))
	split.Offset = 0.6
	c.render()
	return container.NewBorder(c.m.Welcome, nil, nil, nil, split)
}

func newAgendaRow() fyne.CanvasObject {
	at := widget.NewLabelWithStyle("00:00", fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	to := widget.NewLabel("")
	to.Truncation = fyne.TextTruncateEllipsis
	body := widget.NewLabel("")
	body.Truncation = fyne.TextTruncateEllipsis
	body.Importance = widget.LowImportance
	st := widget.NewLabel("")
	st.Truncation = fyne.TextTruncateEllipsis
	// The time and who, the text, then the status, each line the pane's width:
	// "held until Mon 7 Dec 08:00: Sunday is closed" needs it.
	return container.NewVBox(container.NewBorder(nil, nil, at, nil, to), body, st)
}

func (c *Calendar) updateAgendaRow(i widget.ListItemID, o fyne.CanvasObject) {
	it := c.Agenda[i]
	b := o.(*fyne.Container)
	head := b.Objects[0].(*fyne.Container)
	head.Objects[0].(*widget.Label).SetText(it.To)
	head.Objects[1].(*widget.Label).SetText(c.m.clockIn(it.At, it.Zone))
	b.Objects[1].(*widget.Label).SetText(firstWords(it.Body, 80))
	st := b.Objects[2].(*widget.Label)
	st.Importance = stateImportance(it.State)
	switch {
	case it.Skipped:
		st.Importance = widget.LowImportance
	case it.Held:
		st.Importance = widget.WarningImportance
	}
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
	c.Title.SetText(l10n.MonthYear(c.Month))
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
	c.DayTitle.SetText(l10n.DayMonth(c.selectedDay()))
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

func (c *Calendar) onMove(months int) {
	c.show(c.Month.AddDate(0, months, 0), c.Day)
}

func (c *Calendar) onToday() {
	now := c.m.deps.Now().In(c.m.loc)
	c.show(time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, c.m.loc), now.Day())
}

// show moves to a month and day: the grid empties at once (never another month's
// figures) and fills when the month is read.
func (c *Calendar) show(month time.Time, day int) {
	if !month.Equal(c.Month) {
		c.Plan = nil
	}
	c.Month, c.Day = month, min(day, month.AddDate(0, 1, -1).Day())
	c.Agenda = nil
	c.render()
	c.Reload()
}

func (c *Calendar) onDay(day int) {
	c.Day = day
	c.Agenda = nil
	c.render()
	c.Reload()
}
