package ui

import (
	"image/color"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// DayCell is one day of the month grid: its number, how many messages are
// planned, and a red marker when any failed or was missed.
type DayCell struct {
	widget.BaseWidget
	Day      int // 0 for a padding cell
	Info     DayInfo
	Today    bool
	Selected bool
	OnTapped func(day int)

	bg       *canvas.Rectangle
	num      *canvas.Text
	count    *canvas.Text
	marker   *canvas.Circle
	problems *canvas.Text
}

func newDayCell(onTap func(int)) *DayCell {
	c := &DayCell{OnTapped: onTap}
	c.ExtendBaseWidget(c)
	return c
}

// Tapped selects the day.
func (c *DayCell) Tapped(*fyne.PointEvent) {
	if c.Day > 0 && c.OnTapped != nil {
		c.OnTapped(c.Day)
	}
}

// CountText is what the cell says about its messages ("3 planned", "2 sent").
func (c *DayCell) CountText() string {
	switch {
	case c.Day == 0 || c.Info.Total() == 0:
		return ""
	case c.Info.Planned > 0:
		return strconv.Itoa(c.Info.Planned) + " planned"
	case c.Info.Done > 0:
		return strconv.Itoa(c.Info.Done) + " sent"
	}
	return ""
}

// ProblemText says how many went wrong ("2 failed"), or "".
func (c *DayCell) ProblemText() string {
	if !c.Problem() {
		return ""
	}
	return strconv.Itoa(c.Info.Problems) + " failed"
}

func (c *DayCell) CreateRenderer() fyne.WidgetRenderer {
	c.bg = canvas.NewRectangle(color.Transparent)
	c.bg.CornerRadius = 6
	c.num = canvas.NewText("", theme.Color(theme.ColorNameForeground))
	c.num.TextStyle.Bold = true
	c.count = canvas.NewText("", theme.Color(theme.ColorNamePrimary))
	c.count.TextSize = theme.TextSize() - 1
	c.problems = canvas.NewText("", theme.Color(theme.ColorNameError))
	c.problems.TextSize = theme.TextSize() - 1
	c.marker = canvas.NewCircle(theme.Color(theme.ColorNameError))
	dot := container.NewGridWrap(fyne.NewSize(8, 8), c.marker)
	top := container.NewHBox(c.num, layout.NewSpacer(), container.NewCenter(dot))
	content := container.NewPadded(container.NewVBox(top, c.count, c.problems))
	r := &dayRenderer{cell: c, objs: []fyne.CanvasObject{c.bg, content}, content: content}
	r.Refresh()
	return r
}

type dayRenderer struct {
	cell    *DayCell
	objs    []fyne.CanvasObject
	content fyne.CanvasObject
}

func (r *dayRenderer) Layout(s fyne.Size) {
	r.cell.bg.Resize(s.Subtract(fyne.NewSize(2, 2)))
	r.cell.bg.Move(fyne.NewPos(1, 1))
	r.content.Resize(s)
}

func (r *dayRenderer) MinSize() fyne.Size { return fyne.NewSize(84, 66) }

func (r *dayRenderer) Refresh() {
	c := r.cell
	c.num.Text = ""
	if c.Day > 0 {
		c.num.Text = strconv.Itoa(c.Day)
	}
	c.count.Text = c.CountText()
	c.problems.Text = c.ProblemText()
	c.problems.Color = theme.Color(theme.ColorNameError)
	c.num.Color = theme.Color(theme.ColorNameForeground)
	c.count.Color = theme.Color(theme.ColorNamePrimary)
	switch {
	case c.Day == 0:
		c.bg.FillColor = color.Transparent
		c.bg.StrokeWidth = 0
	case c.Selected:
		c.bg.FillColor = theme.Color(theme.ColorNamePrimary)
		c.num.Color = theme.Color(theme.ColorNameForegroundOnPrimary)
		c.count.Color = theme.Color(theme.ColorNameForegroundOnPrimary)
		c.problems.Color = theme.Color(theme.ColorNameForegroundOnPrimary)
		c.bg.StrokeWidth = 0
	default:
		c.bg.FillColor = theme.Color(theme.ColorNameInputBackground)
		c.bg.StrokeWidth = 0
	}
	if c.Today && c.Day > 0 {
		c.bg.StrokeColor = theme.Color(theme.ColorNamePrimary)
		c.bg.StrokeWidth = 2
	}
	if c.Problem() {
		c.marker.Show()
	} else {
		c.marker.Hide()
	}
	for _, o := range r.objs {
		o.Refresh()
	}
	c.num.Refresh()
	c.count.Refresh()
	c.problems.Refresh()
}

// Problem reports whether the red marker shows.
func (c *DayCell) Problem() bool { return c.Day > 0 && c.Info.Problems > 0 }

func (r *dayRenderer) Objects() []fyne.CanvasObject { return r.objs }
func (r *dayRenderer) Destroy()                     {}
