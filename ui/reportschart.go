package ui

import (
	"context"
	"image"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"minuit/ui/charts"
)

// chartView shows the selected chart of the report, drawn off the UI goroutine
// at its own size times the screen's scale, so that it stays crisp on HiDPI
// screens; it draws again when resized, the report changes or another chart is
// chosen. At most one drawing runs at a time: changes meanwhile make one more.
type chartView struct {
	widget.BaseWidget
	r     *ReportsTab
	Image *canvas.Image
	size  fyne.Size
	busy  bool // a drawing runs (UI goroutine only)
	again bool // something changed while it ran
	// Drawn counts finished drawings; tests read it.
	Drawn int
}

func newChartView(r *ReportsTab) *chartView {
	c := &chartView{r: r, Image: canvas.NewImageFromImage(nil)}
	c.Image.FillMode = canvas.ImageFillContain
	c.ExtendBaseWidget(c)
	return c
}

func (c *chartView) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(c.Image) }

// MinSize leaves the table room while keeping a chart readable.
func (c *chartView) MinSize() fyne.Size { return fyne.NewSize(320, 200) }

// Resize draws the chart again at the new size.
func (c *chartView) Resize(s fyne.Size) {
	c.BaseWidget.Resize(s)
	if s != c.size {
		c.size = s
		c.redraw()
	}
}

// kind is the chart the radio group selects.
func (r *ReportsTab) kind() ChartKind {
	for _, k := range ChartKinds {
		if k.Title() == r.ChartKind.Selected {
			return k
		}
	}
	return ChartDeliveries
}

// style is how the window draws a chart of size: at the canvas's scale, in the
// theme's colours.
func (r *ReportsTab) style(size fyne.Size) charts.Style {
	scale := float32(1)
	if cv := r.m.Window.Canvas(); cv != nil && cv.Scale() > 0 {
		scale = cv.Scale()
	}
	return charts.Style{Width: float64(size.Width), Height: float64(size.Height), Scale: float64(scale),
		Background: theme.Color(theme.ColorNameBackground), Foreground: theme.Color(theme.ColorNameForeground)}
}

// redraw draws the selected chart at the view's size; on the UI goroutine.
func (c *chartView) redraw() {
	if c.r.ChartKind == nil || c.size.Width < 100 || c.size.Height < 100 {
		return
	}
	if c.busy {
		c.again = true
		return
	}
	c.busy = true
	kind, rep, st := c.r.kind(), c.r.Report, c.r.style(c.size)
	background(c.r.m.tk, func(context.Context) (image.Image, error) {
		return DrawChart(kind, rep, st)
	}, func(img image.Image, err error) {
		c.busy = false
		if err == nil {
			c.Image.Image = img
			c.Image.Refresh()
			c.Drawn++
		}
		if c.again {
			c.again = false
			c.redraw()
		}
	})
}
