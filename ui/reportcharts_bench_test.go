package ui

import (
	"testing"
	"time"

	"minuit/scheduler"
	"minuit/scheduler/reportfixture"
	"minuit/ui/charts"
)

// benchChart reads the report of all 1,000,000 deliveries of the fixture (1,000
// campaigns over a year), draws one chart at the file size (1800×720 pixels) and
// encodes it as PNG: what `minuit report --chart FILE.png --period all` does.
// Goal: ≤ 200 ms.
func benchChart(b *testing.B, k ChartKind) {
	st := reportfixture.Open(b)
	loc, _ := time.LoadLocation("Europe/Paris")
	for b.Loop() {
		rep, err := st.Report(b.Context(), scheduler.ReportQuery{Loc: loc})
		if err != nil || rep.Total.Recipients != reportfixture.Deliveries {
			b.Fatalf("report: %d deliveries, %v", rep.Total.Recipients, err)
		}
		img, err := DrawChart(k, rep, ChartFileStyle())
		if err != nil {
			b.Fatal(err)
		}
		if _, err := charts.PNG(img); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkChartDeliveriesPerDayAt1M(b *testing.B) { benchChart(b, ChartDeliveries) }
func BenchmarkChartOptOutRateAt1M(b *testing.B)       { benchChart(b, ChartOptOuts) }
func BenchmarkChartCostPerMonthAt1M(b *testing.B)     { benchChart(b, ChartCost) }
