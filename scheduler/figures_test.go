package scheduler

import (
	"testing"
	"time"
)

func TestTheCalendarHistoryAndReportsCountEveryStateUnderTheSameFigure(t *testing.T) {
	h := newHarness(t, paris(t, "2026-06-01 09:59"))
	h.schedule(Message{Body: "Soldes", At: "2026-06-01 10:00", Recipients: to("+33612345671", "+33612345672",
		"+33612345673", "+33612345674", "+33612345675", "+33612345676", "+33612345677")})
	h.clock.Set(paris(t, "2026-06-01 10:00"))
	h.pass()
	// Seven sent, then one each: delivered, failed, expired, skipped by the rules,
	// missed and unconfirmed (neither of the last three left), one still waiting.
	for i, st := range []State{Delivered, Failed, Expired, Skipped, Missed, Unconfirmed} {
		left := st == Delivered || st == Failed || st == Expired
		if _, err := h.db.W.Exec(`UPDATE deliveries SET state = ?, sent_at = CASE WHEN ? THEN sent_at ELSE '' END
			WHERE id = ?`, st, left, i+1); err != nil {
			t.Fatal(err)
		}
	}
	loc := paris(t, "2026-01-01 00:00").Location()
	from, to := time.Date(2026, 6, 1, 0, 0, 0, 0, loc), time.Date(2026, 6, 2, 0, 0, 0, 0, loc)
	counts, err := h.store.MonthCounts(t.Context(), 2026, time.June, loc)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := h.store.Summary(t.Context(), from, to)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := h.store.Report(t.Context(), ReportQuery{From: from, To: to, Loc: loc})
	if err != nil {
		t.Fatal(err)
	}
	want := DayOutcomes{Day: from, Delivered: 1, Waiting: 1, Failed: 2, Missed: 2, Skipped: 1}
	sum.Day = from
	if counts[1] != want || sum.DayOutcomes != want || len(rep.Days) != 1 || rep.Days[0] != want {
		t.Fatalf("calendar %+v\nhistory  %+v\nreport   %+v\nwant     %+v", counts[1], sum.DayOutcomes, rep.Days, want)
	}
	if sum.Sent != 4 || rep.Total.Sent != 4 || sum.Rate() != rep.Total.DeliveryRate || sum.Rate() != 0.25 {
		t.Fatalf("sent %d / %d, rate %v / %v; want 4 sent and 1/4 in both", sum.Sent, rep.Total.Sent, sum.Rate(), rep.Total.DeliveryRate)
	}
}
