package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"minuit/scheduler"
	"minuit/scheduler/sandbox"
)

// sendDue runs one engine pass with the sandbox provider.
func (h *harness) sendDue() {
	h.t.Helper()
	prov, err := sandbox.New(h.t.Context(), h.store.DB(), time.Now)
	if err != nil {
		h.t.Fatal(err)
	}
	eng := scheduler.New(scheduler.Config{Store: h.store, Provider: prov})
	if _, err := eng.Pass(h.t.Context()); err != nil {
		h.t.Fatal(err)
	}
}

func TestHistoryShowsAFailureWithItsReasonAndSendsItAgain(t *testing.T) {
	h := newHarness(t)
	h.schedule(time.Now(), "", "+33612349990")
	h.sendDue()
	h.m.Tabs.SelectIndex(2)
	h.m.Settle()
	hi := h.m.History
	if len(hi.Rows) != 1 || hi.Rows[0].State != scheduler.Failed {
		t.Fatalf("history rows %+v, want one failed delivery", hi.Rows)
	}
	if !strings.Contains(hi.Summary.Text, "1 failed") {
		t.Fatalf("summary %q does not count the failure", hi.Summary.Text)
	}
	hi.List.Select(0)
	h.m.Settle()
	if !strings.Contains(hi.Detail.Text, "the number is not valid") {
		t.Fatalf("detail %q does not say why", hi.Detail.Text)
	}
	if hi.SendAgain.Disabled() || !hi.CancelBtn.Disabled() {
		t.Fatal("a failed delivery must offer Send again, not Cancel")
	}
	test.Tap(hi.SendAgain)
	h.m.Settle()
	d, _, err := h.store.Delivery(t.Context(), hi.current.ID)
	if err != nil || d.State != scheduler.Scheduled {
		t.Fatalf("after Send again: %q (%v), want scheduled", d.State, err)
	}
	if len(hi.Rows) != 1 || hi.Rows[0].State != scheduler.Scheduled {
		t.Fatalf("the list was not refreshed: %+v", hi.Rows)
	}
}

func TestHistoryPagesByKeysetAndFiltersByStatus(t *testing.T) {
	h := newHarness(t)
	var to []string
	for i := 0; i < 230; i++ {
		to = append(to, fmt.Sprintf("+336123%05d", 10000+i))
	}
	h.schedule(time.Now(), "", to...)
	h.schedule(time.Now(), "", "+33612349990")
	h.sendDue()
	h.m.Tabs.SelectIndex(2)
	h.m.Settle()
	hi := h.m.History
	if len(hi.Rows) != historyPage || !hi.more {
		t.Fatalf("first page has %d rows (more=%v), want %d and more", len(hi.Rows), hi.more, historyPage)
	}
	hi.loadMore()
	h.m.Settle()
	if len(hi.Rows) != 231 || hi.more {
		t.Fatalf("after the second page: %d rows (more=%v), want 231 and no more", len(hi.Rows), hi.more)
	}
	seen := map[int64]bool{}
	for _, r := range hi.Rows {
		if seen[r.ID] {
			t.Fatalf("delivery %d listed twice across pages", r.ID)
		}
		seen[r.ID] = true
	}
	hi.StatusFilter.SetSelected("Failed")
	h.m.Settle()
	if len(hi.Rows) != 1 || hi.Rows[0].To != "+33612349990" {
		t.Fatalf("Failed filter shows %d rows, want the one failure: %+v", len(hi.Rows), hi.Rows[:2])
	}
}

func TestHistoryCustomDatesShowOnlyDeliveriesPlannedBetweenThem(t *testing.T) {
	h := newHarness(t)
	h.schedule(time.Now(), "", "+33612345678")
	h.sendDue()
	h.m.Tabs.SelectIndex(2)
	h.m.Settle()
	hi := h.m.History
	if hi.From.Visible() {
		t.Fatal("the date fields show before Custom dates is chosen")
	}
	hi.RangeFilter.SetSelected(customRange())
	if !hi.From.Visible() || !hi.To.Visible() {
		t.Fatal("Custom dates shows no date fields")
	}
	today := time.Now().In(h.loc).Format("2006-01-02")
	hi.From.SetText("2020-01-01")
	hi.To.SetText("2020-12-31")
	h.m.Settle()
	if len(hi.Rows) != 0 {
		t.Fatalf("2020 shows %d deliveries, want none", len(hi.Rows))
	}
	hi.To.SetText(today)
	h.m.Settle()
	if len(hi.Rows) != 1 {
		t.Fatalf("2020-01-01 to today shows %d deliveries, want 1", len(hi.Rows))
	}
}
