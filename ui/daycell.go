package ui

import (
	"image/color"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// maxCellLines is how many messages a cell lists before "+2 more".
const maxCellLines = 3

// DayCell is one day of the month grid: its number, the first words of each
// message that leaves that day (a day's birthdays on one line), its figures, and
// a red marker when any failed or was missed.
type DayCell struct {
	widget.BaseWidget
	Day      int // 0 for a padding cell
	Info     DayInfo
	Today    bool
	Selected bool
	OnTapped func(day int)
	// clock writes a line's time (the calendar's: in the message's zone).
	clock func(DayLine) string

	bg                       *canvas.Rectangle
	num                      *canvas.Text
	lines                    []*canvas.Text
	count, problems, skipped *canvas.Text
	marker                   *canvas.Circle
	texts                    []*canvas.Text // in layout order, after num
	full                     []string       // their whole texts, fitted to the cell at layout
}

func newDayCell(onTap func(int), clock func(DayLine) string) *DayCell {
	c := &DayCell{OnTapped: onTap, clock: clock}
	c.ExtendBaseWidget(c)
	return c
}

// Tapped selects the day.
func (c *DayCell) Tapped(*fyne.PointEvent) {
	if c.Day > 0 && c.OnTapped != nil {
		c.OnTapped(c.Day)
	}
}

func (c *DayCell) CreateRenderer() fyne.WidgetRenderer {
	c.bg = canvas.NewRectangle(color.Transparent)
	c.bg.CornerRadius = 6
	c.num = canvas.NewText("", theme.Color(theme.ColorNameForeground))
	c.num.TextStyle.Bold = true
	small := func() *canvas.Text {
		t := canvas.NewText("", theme.Color(theme.ColorNameForeground))
		t.TextSize = theme.CaptionTextSize()
		return t
	}
	c.lines = make([]*canvas.Text, maxCellLines+1)
	for i := range c.lines {
		c.lines[i] = small()
	}
	c.count, c.problems, c.skipped = small(), small(), small()
	c.marker = canvas.NewCircle(theme.Color(theme.ColorNameError))
	c.texts = append(append([]*canvas.Text{}, c.lines...), c.count, c.problems, c.skipped)
	c.full = make([]string, len(c.texts))
	objs := []fyne.CanvasObject{c.bg, c.num, c.marker}
	for _, t := range c.texts {
		objs = append(objs, t)
	}
	r := &dayRenderer{cell: c, objs: objs}
	r.Refresh()
	return r
}

type dayRenderer struct {
	cell *DayCell
	objs []fyne.CanvasObject
}

// Layout stacks the number, the lines and the figures from the top; what does not
// fit is hidden, the figures before the lines.
func (r *dayRenderer) Layout(s fyne.Size) {
	c := r.cell
	pad := theme.InnerPadding() / 2
	c.bg.Resize(s.Subtract(fyne.NewSize(2, 2)))
	c.bg.Move(fyne.NewPos(1, 1))
	c.num.Move(fyne.NewPos(pad, pad/2))
	c.num.Resize(c.num.MinSize())
	c.marker.Resize(fyne.NewSize(8, 8))
	c.marker.Move(fyne.NewPos(s.Width-pad-8, pad+4))
	y := pad/2 + c.num.MinSize().Height
	figures := []*canvas.Text{c.count, c.problems, c.skipped}
	bottom := s.Height - pad/2
	for _, t := range figures {
		if t.Text != "" {
			bottom -= t.MinSize().Height
		}
	}
	for i, t := range c.texts {
		fit(t, c.full[i], s.Width-2*pad)
	}
	for _, t := range c.lines {
		h := t.MinSize().Height
		t.Hidden = t.Text == "" || y+h > bottom
		t.Move(fyne.NewPos(pad, y))
		t.Resize(fyne.NewSize(s.Width-2*pad, h))
		if !t.Hidden {
			y += h
		}
	}
	for _, t := range figures {
		h := t.MinSize().Height
		t.Hidden = t.Text == "" || y+h > s.Height
		t.Move(fyne.NewPos(pad, y))
		t.Resize(fyne.NewSize(s.Width-2*pad, h))
		if !t.Hidden {
			y += h
		}
	}
}

func (r *dayRenderer) MinSize() fyne.Size { return fyne.NewSize(84, 66) }

func (r *dayRenderer) Refresh() {
	c := r.cell
	c.num.Text = ""
	if c.Day > 0 {
		c.num.Text = strconv.Itoa(c.Day)
	}
	fg, primary := theme.Color(theme.ColorNameForeground), theme.Color(theme.ColorNamePrimary)
	errC, low, warn := theme.Color(theme.ColorNameError), theme.Color(theme.ColorNamePlaceHolder), theme.Color(theme.ColorNameWarning)
	c.bg.StrokeWidth = 0
	switch {
	case c.Day == 0:
		c.bg.FillColor = color.Transparent
	case c.Selected:
		c.bg.FillColor = primary
		fg = theme.Color(theme.ColorNameForegroundOnPrimary)
		primary, errC, low, warn = fg, fg, fg, fg
	default:
		c.bg.FillColor = theme.Color(theme.ColorNameInputBackground)
	}
	if c.Today && c.Day > 0 {
		c.bg.StrokeColor = theme.Color(theme.ColorNamePrimary)
		c.bg.StrokeWidth = 2
	}
	c.num.Color = fg
	texts := c.LineTexts()
	for i, t := range c.lines {
		t.Text, t.Color = "", fg
		if i < len(texts) {
			t.Text = texts[i]
			if i < len(c.Info.Lines) && c.Info.Lines[i].Held {
				t.Color = warn
			}
		}
	}
	c.count.Text, c.count.Color = c.CountText(), primary
	c.problems.Text, c.problems.Color = c.ProblemText(), errC
	c.skipped.Text, c.skipped.Color = c.SkippedText(), low
	for i, t := range c.texts {
		c.full[i] = t.Text
	}
	c.marker.FillColor = theme.Color(theme.ColorNameError)
	c.marker.Hidden = !c.Problem()
	r.Layout(c.Size())
	for _, o := range r.objs {
		o.Refresh()
	}
}

func (r *dayRenderer) Objects() []fyne.CanvasObject { return r.objs }
func (r *dayRenderer) Destroy()                     {}
