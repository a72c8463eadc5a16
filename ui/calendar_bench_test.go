package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"minuit/scheduler/reportfixture"
)

// BenchmarkMonthSwitchAt1M switches the calendar between two months of the
// report fixture (1,000,000 deliveries over a year, about 83,000 a month) with
// Fyne's test driver: the tap, every read of the month and the cells' refresh.
// Beside it, the store's month queries alone. Goal: ≤ 100 ms a switch.
func BenchmarkMonthSwitchAt1M(b *testing.B) {
	st := reportfixture.Open(b)
	loc, _ := time.LoadLocation("Europe/Paris")
	b.Run("window", func(b *testing.B) {
		a := test.NewTempApp(b)
		m := NewMain(a, Deps{Store: st, Zone: "Europe/Paris", Now: func() time.Time { return reportfixture.End }})
		m.tk.queue = make(chan func(), 64)
		m.Window.Resize(m.Window.Canvas().Size().Max(m.Window.Content().MinSize()))
		m.Start()
		m.Settle()
		back := true
		for b.Loop() {
			if back {
				test.Tap(m.Calendar.Prev)
			} else {
				test.Tap(m.Calendar.Next)
			}
			back = !back
			m.Settle()
		}
		if m.Calendar.Plan[15].Total() == 0 {
			b.Fatalf("the month shows nothing on the 15th: %+v", m.Calendar.Plan[15])
		}
	})
	b.Run("store", func(b *testing.B) {
		for b.Loop() {
			c, err := st.MonthCounts(b.Context(), 2026, time.May, loc)
			if err != nil || len(c) == 0 {
				b.Fatalf("month counts: %d days, %v", len(c), err)
			}
			if _, err := st.MonthMessages(b.Context(), 2026, time.May, loc); err != nil {
				b.Fatal(err)
			}
		}
	})
}
