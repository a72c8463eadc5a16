package scheduler

import (
	"testing"
	"time"

	"minuit/internal/db"
)

// seedDeliveries inserts n deliveries of one message, one every step back from
// newest, with states cycling through sent, delivered, failed, scheduled. Their
// message is planned far ahead: it is only what the deliveries belong to.
func seedDeliveries(tb testing.TB, h *harness, n int, newest time.Time, step time.Duration) {
	tb.Helper()
	id := h.schedule(Message{Body: "seed", At: "2099-01-01 00:00", Recipients: to("+33612345678")})
	_, err := h.db.W.Exec(`WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i + 1 < ?)
		INSERT INTO deliveries (message_id, occurrence, recipient, originator, kind, body, segments, state, due, created_at, updated_at)
		SELECT ?, strftime('%Y-%m-%dT%H:%M:%f000Z', ?, '-' || (i * ?) || ' seconds'), '+336' || printf('%08d', i), '', 'transactional', 'x', 1,
			CASE i % 4 WHEN 0 THEN 'sent' WHEN 1 THEN 'delivered' WHEN 2 THEN 'failed' ELSE 'scheduled' END,
			'2020-01-01T00:00:00.000000Z', '', '' FROM seq`,
		n, id, newest.UTC().Format("2006-01-02 15:04:05"), int64(step/time.Second))
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := h.db.W.Exec(`ANALYZE`); err != nil {
		tb.Fatal(err)
	}
}

func TestSeededTimestampsHaveTheStoreFormat(t *testing.T) {
	h := newHarness(t, paris(t, "2026-06-01 10:00"))
	seedDeliveries(t, h, 3, time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC), time.Hour)
	var occ string
	if err := h.db.R.QueryRow(`SELECT max(occurrence) FROM deliveries WHERE body = 'x'`).Scan(&occ); err != nil {
		t.Fatal(err)
	}
	if got, err := db.ParseTime(occ); err != nil || !got.Equal(time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)) {
		t.Fatalf("seeded %q (%v)", occ, err)
	}
}

func TestHistoryPagesNewestFirstWithoutGapsOrRepeats(t *testing.T) {
	h := newHarness(t, paris(t, "2026-06-01 10:00"))
	seedDeliveries(t, h, 250, time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC), time.Hour)
	seen := map[int64]bool{}
	var last time.Time
	var cur Cursor
	pages := 0
	for {
		ds, next, err := h.store.History(t.Context(), HistoryQuery{Limit: 100, After: cur})
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, d := range ds {
			if seen[d.ID] {
				t.Fatalf("delivery %d on two pages", d.ID)
			}
			if !last.IsZero() && d.Due.After(last) {
				t.Fatalf("not newest first: %v after %v", d.Due, last)
			}
			seen[d.ID], last = true, d.Due
		}
		if next == (Cursor{}) {
			break
		}
		cur = next
	}
	if len(seen) != 250 || pages != 3 {
		t.Fatalf("saw %d deliveries in %d pages, want 250 in 3", len(seen), pages)
	}
}

func TestHistoryFiltersByStateAndNumber(t *testing.T) {
	h := newHarness(t, paris(t, "2026-06-01 10:00"))
	seedDeliveries(t, h, 40, time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC), time.Hour)
	ds, _, err := h.store.History(t.Context(), HistoryQuery{States: []State{Failed}})
	if err != nil || len(ds) != 10 {
		t.Fatalf("failed = %d (%v), want 10", len(ds), err)
	}
	ds, _, err = h.store.History(t.Context(), HistoryQuery{Search: "+33 6 00 00 00 07"})
	if err != nil || len(ds) != 1 || ds[0].To != "+33600000007" {
		t.Fatalf("search = %+v (%v), want +33600000007", ds, err)
	}
}

func TestMonthCountsFoldsDeliveriesIntoLocalDays(t *testing.T) {
	h := newHarness(t, paris(t, "2026-06-01 10:00"))
	// 48 deliveries, one an hour back from 2 June 23:30 UTC (3 June 01:30 in Paris).
	seedDeliveries(t, h, 48, time.Date(2026, 6, 2, 23, 30, 0, 0, time.UTC), time.Hour)
	loc := paris(t, "2026-01-01 00:00").Location()
	counts, err := h.store.MonthCounts(t.Context(), 2026, time.June, loc)
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, c := range counts {
		total += c.Total()
	}
	// In Paris: 2 on 3 June (00:30, 01:30), 24 on 2 June, 22 on 1 June (02:30–23:30).
	if counts[3].Total() != 2 || total != 48 {
		t.Fatalf("counts = %+v (total %d), want 2 on the 3rd and 48 in all", counts, total)
	}
	if counts[2].Failed != 6 {
		t.Fatalf("failed on the 2nd = %d, want 6 (every fourth failed)", counts[2].Failed)
	}
}

func TestCalendarCountsFollowEveryStateChange(t *testing.T) {
	h := newHarness(t, paris(t, "2026-06-01 10:00"))
	h.prov.fail = []error{&ProviderError{Class: Permanent, Reason: "the number is not valid"}}
	h.schedule(Message{Body: "A", At: "2026-06-01 10:00", Recipients: to("+33612345678")})
	h.schedule(Message{Body: "B", At: "2026-06-01 10:00", Recipients: to("+33698765432")})
	h.schedule(Message{Body: "C", At: "2026-06-01 18:00", Recipients: to("+33611111111")})
	h.pass()
	h.clock.Set(paris(t, "2026-06-01 17:59"))
	h.pass()
	counts, err := h.store.MonthCounts(t.Context(), 2026, time.June, paris(t, "2026-01-01 00:00").Location())
	if err != nil {
		t.Fatal(err)
	}
	got := counts[1]
	if want := (DayOutcomes{Day: got.Day, Pending: 1, Waiting: 1, Failed: 1}); got != want {
		t.Fatalf("1 June = %+v, want %+v", got, want)
	}
}
