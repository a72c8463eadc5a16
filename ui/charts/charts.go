// Package charts draws the Reports tab's charts (deliveries per day by outcome,
// opt-out rate per campaign, cost per month) with gonum.org/v1/plot into images
// and PNG files. It has no Fyne and no words of its own: the window and the CLI
// give it their translated labels, the size and the screen's scale, so that a
// chart is drawn at the screen's own pixel density and reads crisp on HiDPI.
package charts

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// Style is how and how big a chart is drawn.
type Style struct {
	// Width and Height are in device-independent units (Fyne's, or CSS pixels);
	// the image has Width×Scale by Height×Scale pixels.
	Width, Height float64
	// Scale is the screen's pixels per unit (the canvas scale); 0 means 1.
	Scale float64
	// Background and Foreground colour the chart (the window passes its theme's);
	// nil: white and near-black.
	Background, Foreground color.Color
	// Title is drawn above the chart ("" for none).
	Title string
}

// Limits of a chart's size: at least a thumbnail, at most a poster.
const (
	minSide   = 80
	maxPixels = 8192
)

// ErrSize says a Style's size cannot be drawn.
var ErrSize = errors.New("charts: the chart is too small or too large to draw")

// pixels checks the style and returns the image's size in pixels and its DPI.
func (s Style) pixels() (w, h vg.Length, dpi int, err error) {
	scale := s.Scale
	if scale == 0 {
		scale = 1
	}
	if math.IsNaN(scale) || scale < 0.25 || scale > 8 || math.IsNaN(s.Width) || math.IsNaN(s.Height) ||
		s.Width < minSide || s.Height < minSide || s.Width*scale > maxPixels || s.Height*scale > maxPixels {
		return 0, 0, 0, fmt.Errorf("%w (%gx%g at scale %g)", ErrSize, s.Width, s.Height, s.Scale)
	}
	// One unit is one point at 72 DPI; the DPI carries the scale into fonts and lines.
	return vg.Length(s.Width), vg.Length(s.Height), int(math.Round(72 * scale)), nil
}

func (s Style) colors() (bg, fg color.Color) {
	bg, fg = s.Background, s.Foreground
	if bg == nil {
		bg = color.White
	}
	if fg == nil {
		fg = color.RGBA{R: 0x22, G: 0x22, B: 0x22, A: 0xff}
	}
	return bg, fg
}

// newPlot is a plot in the style's colours with its title.
func (s Style) newPlot() *plot.Plot {
	bg, fg := s.colors()
	p := plot.New()
	p.BackgroundColor = bg
	p.Title.Text = s.Title
	p.Title.TextStyle.Color = fg
	p.Title.TextStyle.Font.Size = font.Length(14)
	p.Title.TextStyle.Font.Variant = "Sans"
	p.Title.Padding = vg.Points(6)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Color = fg
		a.Label.TextStyle.Color = fg
		a.Tick.Label.Color = fg
		a.Tick.Color = fg
		a.Tick.Label.Font.Size = font.Length(11)
		a.Label.TextStyle.Font.Size = font.Length(12)
		a.Tick.Label.Font.Variant, a.Label.TextStyle.Font.Variant = "Sans", "Sans"
	}
	p.Legend.TextStyle.Color = fg
	p.Legend.TextStyle.Font.Size = font.Length(11)
	p.Legend.TextStyle.Font.Variant = "Sans"
	p.Legend.Top = true
	return p
}

// render draws p into an image of the style's size in pixels.
func (s Style) render(p *plot.Plot) (image.Image, error) {
	w, h, dpi, err := s.pixels()
	if err != nil {
		return nil, err
	}
	bg, _ := s.colors()
	c := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(dpi), vgimg.UseBackgroundColor(bg))
	p.Draw(draw.New(c))
	return c.Image(), nil
}

// PNG encodes a chart for a file.
func PNG(img image.Image) ([]byte, error) {
	var b bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&b, img); err != nil {
		return nil, fmt.Errorf("charts: encode PNG: %w", err)
	}
	return b.Bytes(), nil
}

// everyNth labels the bars 0..n-1 with names, keeping about maxLabels of them
// readable: the others get a tick without a label.
func everyNth(names []string, maxLabels int) plot.ConstantTicks {
	step := 1
	if maxLabels > 0 && len(names) > maxLabels {
		step = (len(names) + maxLabels - 1) / maxLabels
	}
	ticks := make(plot.ConstantTicks, len(names))
	for i, n := range names {
		ticks[i] = plot.Tick{Value: float64(i)}
		if i%step == 0 {
			ticks[i].Label = n
		}
	}
	return ticks
}

// barWidth is the width of n bars side by side on a plot w wide.
func barWidth(w float64, n int) vg.Length {
	if n < 1 {
		n = 1
	}
	bw := (w - 80) / float64(n) * 0.75
	return vg.Length(max(1, min(bw, 64)))
}

// wholeTicks marks a count axis with whole numbers only: the default ticks, the
// fractional ones (2.5 texts) left unlabelled.
var wholeTicks = plot.TickerFunc(func(lo, hi float64) []plot.Tick {
	if hi-lo <= 10 { // a few texts: every one
		var ticks []plot.Tick
		for v := math.Ceil(lo); v <= hi; v++ {
			ticks = append(ticks, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'f', 0, 64)})
		}
		return ticks
	}
	ticks := plot.DefaultTicks{}.Ticks(lo, hi)
	for i, t := range ticks {
		if t.Label == "" {
			continue
		}
		if t.Value != math.Trunc(t.Value) {
			ticks[i].Label = ""
			continue
		}
		ticks[i].Label = strconv.FormatFloat(t.Value, 'f', 0, 64)
	}
	return ticks
})
