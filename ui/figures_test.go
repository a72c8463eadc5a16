package ui

import (
	"strings"
	"testing"
	"time"

	"minuit/scheduler"
	"minuit/ui/l10n"
)

// setStates gives the deliveries of the harness's store, oldest first, these
// states; those that never left lose their sent time.
func (h *harness) setStates(states ...scheduler.State) {
	h.t.Helper()
	for i, st := range states {
		left := st == scheduler.Delivered || st == scheduler.Failed || st == scheduler.Expired || st == scheduler.Sent
		_, err := h.store.DB().W.Exec(`UPDATE deliveries SET state = ?, sent_at = CASE WHEN ? THEN sent_at ELSE '' END
			WHERE id = (SELECT id FROM deliveries ORDER BY id LIMIT 1 OFFSET ?)`, st, left, i)
		if err != nil {
			h.t.Fatal(err)
		}
	}
}

func TestADayWithFailuresAndComplianceSkipsSaysBothApart(t *testing.T) {
	h := newHarness(t)
	h.schedule(time.Now(), "", "+33612345671", "+33612345672", "+33612345673", "+33612345674", "+33612345675", "+33612345676")
	h.sendDue()
	h.setStates(scheduler.Failed, scheduler.Failed, scheduler.Failed, scheduler.Skipped, scheduler.Skipped, scheduler.Skipped)
	h.showMonth(h.now)
	c := h.dayCell(h.now.Day())
	if c.ProblemText() != "3 failed" || c.SkippedText() != "3 skipped" {
		t.Fatalf("the day says %q and %q, want \"3 failed\" and \"3 skipped\"", c.ProblemText(), c.SkippedText())
	}
}

func TestHistorysSummaryAndTheReportAgreeOnOneDeliveredOneFailedOneExpired(t *testing.T) {
	h := newHarness(t)
	h.schedule(time.Now(), "", "+33612345671", "+33612345672", "+33612345673")
	h.sendDue()
	h.setStates(scheduler.Delivered, scheduler.Failed, scheduler.Expired)
	h.m.Tabs.SelectIndex(2)
	h.m.Settle()
	rep, err := h.store.Report(t.Context(), scheduler.ReportQuery{})
	if err != nil {
		t.Fatal(err)
	}
	want := l10n.Percent(rep.Total.DeliveryRate)
	if rep.Total.Sent != 3 || !strings.Contains(h.m.History.Summary.Text, "delivery rate "+want) ||
		!strings.Contains(h.m.History.Summary.Text, "2 failed") {
		t.Fatalf("history says %q; minuit report: %d sent, delivery rate %s", h.m.History.Summary.Text, rep.Total.Sent, want)
	}
}
