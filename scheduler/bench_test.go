package scheduler

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

var (
	bigOnce sync.Once
	bigH    *harness
)

// bigStore is a store with 1,000,000 deliveries, one a minute back from June 2026.
// It is built once (about ten seconds) in the system's temp folder and reused by
// later runs; delete minuit-bench-1m.db there to rebuild it.
func bigStore(b *testing.B) *harness {
	bigOnce.Do(func() {
		path := filepath.Join(os.TempDir(), "minuit-bench-1m.db")
		h := &harness{t: b, clock: newFakeClock(time.Date(2026, 6, 30, 12, 0, 0, 0, time.UTC)), prov: newRecorder()}
		h.db, h.store = openAt(b, path, h.clock)
		h.restart()
		var n int
		if err := h.db.R.QueryRow(`SELECT count(*) FROM deliveries`).Scan(&n); err != nil {
			b.Fatal(err)
		}
		if n != 1_000_000 {
			if _, err := h.db.W.Exec(`DELETE FROM deliveries`); err != nil {
				b.Fatal(err)
			}
			seedDeliveries(b, h, 1_000_000, time.Date(2026, 6, 30, 12, 0, 0, 0, time.UTC), time.Minute)
		}
		if err := h.store.FoldReports(b.Context()); err != nil { // the calendar's counts, before timing
			b.Fatal(err)
		}
		bigH = h
	})
	return bigH
}

// BenchmarkHistoryPageAt1M reads a page of 100 at a random depth of 1,000,000
// deliveries through the keyset cursor. Goal: ≤ 5 ms.
func BenchmarkHistoryPageAt1M(b *testing.B) {
	h := bigStore(b)
	newest := time.Date(2026, 6, 30, 12, 0, 0, 0, time.UTC)
	r := rand.New(rand.NewPCG(1, 2))
	for b.Loop() {
		depth := r.IntN(999_000)
		cur := Cursor{Due: newest.Add(-time.Duration(depth) * time.Minute), ID: 1 << 62}
		ds, _, err := h.store.History(b.Context(), HistoryQuery{Limit: 100, After: cur})
		if err != nil || len(ds) != 100 {
			b.Fatalf("page: %d rows, %v", len(ds), err)
		}
	}
}

// BenchmarkMonthCountsAt1M counts a calendar month (≈ 43,000 deliveries) by day and
// state in 1,000,000. Goal: ≤ 20 ms.
func BenchmarkMonthCountsAt1M(b *testing.B) {
	h := bigStore(b)
	loc, _ := time.LoadLocation("Europe/Paris")
	for b.Loop() {
		c, err := h.store.MonthCounts(b.Context(), 2026, time.March, loc)
		if err != nil || len(c) != 31 {
			b.Fatalf("month counts: %d days, %v", len(c), err)
		}
	}
}
