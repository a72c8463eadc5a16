package scheduler_test

import (
	"testing"
	"time"

	"minuit/scheduler"
	"minuit/scheduler/reportfixture"
)

// BenchmarkReportAllTimeAt1M reads the report of every message over all time from
// 1,000,000 deliveries (1,000 campaigns, 2,000 STOP replies). Goal: ≤ 200 ms.
func BenchmarkReportAllTimeAt1M(b *testing.B) {
	st := reportfixture.Open(b)
	loc, _ := time.LoadLocation("Europe/Paris")
	for b.Loop() {
		r, err := st.Report(b.Context(), scheduler.ReportQuery{Loc: loc})
		if err != nil || len(r.Messages) != 1000 || r.Total.Recipients != reportfixture.Deliveries {
			b.Fatalf("report: %d messages, %d deliveries, %v", len(r.Messages), r.Total.Recipients, err)
		}
	}
}

// BenchmarkReport90DaysAt1M reads the last 90 days' report (about 250,000
// deliveries) from 1,000,000. Goal: ≤ 200 ms.
func BenchmarkReport90DaysAt1M(b *testing.B) {
	st := reportfixture.Open(b)
	loc, _ := time.LoadLocation("Europe/Paris")
	to := time.Date(2026, 7, 1, 0, 0, 0, 0, loc)
	for b.Loop() {
		r, err := st.Report(b.Context(), scheduler.ReportQuery{From: to.AddDate(0, 0, -90), To: to, Loc: loc})
		if err != nil || len(r.Days) != 90 || r.Total.Sent == 0 {
			b.Fatalf("report: %d days, %+v, %v", len(r.Days), r.Total, err)
		}
	}
}
