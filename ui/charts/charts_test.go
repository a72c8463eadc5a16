package charts

import (
	"errors"
	"image/color"
	"os"
	"testing"
	"time"

	"minuit/scheduler"
)

// days is n days of deliveries from 1 March 2026, mostly delivered.
func days(n int) []scheduler.DayOutcomes {
	out := make([]scheduler.DayOutcomes, n)
	for i := range out {
		out[i] = scheduler.DayOutcomes{Day: time.Date(2026, 3, 1+i, 0, 0, 0, 0, time.UTC), Delivered: 900 + i%7*30,
			Waiting: 20, Failed: 15 + i%5, Missed: i % 3, Skipped: 10, Pending: 0}
	}
	return out
}

var labels = DayLabels{Delivered: "Delivered", Waiting: "Waiting for report", Failed: "Failed", Missed: "Missed",
	Skipped: "Not sent (rules)", Pending: "To send", Axis: "Deliveries",
	Date: func(t time.Time) string { return t.Format("2 Jan") }}

func TestAChartHasThePixelsOfItsSizeTimesTheScreenScale(t *testing.T) {
	for _, scale := range []float64{1, 2, 1.5} {
		img, err := DeliveriesPerDay(days(30), labels, Style{Width: 600, Height: 300, Scale: scale, Title: "Deliveries"})
		if err != nil {
			t.Fatal(err)
		}
		if b := img.Bounds(); b.Dx() != int(600*scale) || b.Dy() != int(300*scale) {
			t.Fatalf("scale %g: %v, want %gx%g", scale, b, 600*scale, 300*scale)
		}
	}
}

func TestAChartIsDrawnInTheColoursItIsGiven(t *testing.T) {
	bg := color.RGBA{R: 0x10, G: 0x20, B: 0x30, A: 0xff}
	img, err := CostPerMonth([]scheduler.MonthCost{{Month: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Cost: 12}},
		CostLabels{Axis: "Cost"}, Style{Width: 300, Height: 200, Background: bg})
	if err != nil {
		t.Fatal(err)
	}
	if r, g, b, _ := img.At(1, 1).RGBA(); r>>8 != 0x10 || g>>8 != 0x20 || b>>8 != 0x30 {
		t.Fatalf("corner = %v, want the background", img.At(1, 1))
	}
}

func TestDeliveriesPerDayPaintsEachOutcomeInItsColour(t *testing.T) {
	only := []scheduler.DayOutcomes{{Day: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), Failed: 10}}
	img, err := DeliveriesPerDay(only, labels, Style{Width: 300, Height: 300})
	if err != nil {
		t.Fatal(err)
	}
	reds, greens := 0, 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			switch c := color.RGBAModel.Convert(img.At(x, y)).(color.RGBA); c {
			case red:
				reds++
			case green:
				greens++
			}
		}
	}
	if reds < 1000 || greens != 0 {
		t.Fatalf("%d red and %d green pixels; want a red bar and no green", reds, greens)
	}
}

func TestAChartTooSmallOrTooLargeIsRefused(t *testing.T) {
	for _, s := range []Style{{Width: 10, Height: 300}, {Width: 600, Height: 300, Scale: 100}, {Width: 1e9, Height: 300}} {
		if _, err := DeliveriesPerDay(days(3), labels, s); !errors.Is(err, ErrSize) {
			t.Fatalf("%+v: %v, want ErrSize", s, err)
		}
	}
}

func TestChartsOfNothingStillDraw(t *testing.T) {
	if _, err := DeliveriesPerDay(nil, labels, Style{Width: 300, Height: 200}); err != nil {
		t.Fatal(err)
	}
	if _, err := OptOutRates(nil, RateLabels{}, Style{Width: 300, Height: 200}); err != nil {
		t.Fatal(err)
	}
	if _, err := CostPerMonth(nil, CostLabels{}, Style{Width: 300, Height: 200}); err != nil {
		t.Fatal(err)
	}
}

func TestWriteSample(t *testing.T) {
	dir := os.Getenv("CHARTS_SAMPLE")
	if dir == "" {
		t.Skip("set CHARTS_SAMPLE=DIR to write sample charts")
	}
	img, _ := DeliveriesPerDay(days(90), labels, Style{Width: 800, Height: 320, Scale: 2, Title: "Deliveries per day"})
	b, _ := PNG(img)
	_ = os.WriteFile(dir+"/days.png", b, 0o644)
	rs := []scheduler.MessageReport{{MessageID: 3, OptOutRate: 0.012}, {MessageID: 4, OptOutRate: 0.02}, {MessageID: 9, OptOutRate: 0.004}}
	img, _ = OptOutRates(rs, RateLabels{Axis: "Opt-outs (% of sent)"}, Style{Width: 800, Height: 320, Title: "Opt-out rate per campaign"})
	b, _ = PNG(img)
	_ = os.WriteFile(dir+"/optouts.png", b, 0o644)
}

func BenchmarkDeliveriesPerDay90Days(b *testing.B) {
	d := days(90)
	for b.Loop() {
		img, err := DeliveriesPerDay(d, labels, Style{Width: 900, Height: 320, Scale: 2})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := PNG(img); err != nil {
			b.Fatal(err)
		}
	}
}
