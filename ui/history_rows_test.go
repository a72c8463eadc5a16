package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"minuit/internal/db"
)

// historyRow renders history row i as the list does and returns its who, status
// and text labels.
func (h *harness) historyRow(i int) (who, status, text string) {
	o := newHistoryRow()
	h.m.History.updateRow(i, o)
	mid := o.(*fyne.Container).Objects[0].(*fyne.Container)
	top := mid.Objects[0].(*fyne.Container)
	return top.Objects[1].(*widget.Label).Text, top.Objects[0].(*widget.Label).Text, mid.Objects[1].(*widget.Label).Text
}

func TestHistoryRowsShowTheContactsNameAndTheMessageText(t *testing.T) {
	h := newHarness(t)
	h.withForecast(ruleCards)
	h.schedule(time.Now(), "", "+33612345678", "+33600000001")
	h.sendDue()
	h.m.Tabs.SelectIndex(2)
	h.m.Settle()
	found := map[string]string{}
	for i := range h.m.History.Rows {
		who, _, text := h.historyRow(i)
		found[who] = text
	}
	if found["Alice Martin · +33612345678"] != "Your order is ready +33612345678" || found["+33600000001"] == "" {
		t.Fatalf("rows %q, want Alice Martin by name with the text, the unknown number alone", found)
	}
}

func TestAHeldDeliverySaysUntilWhen(t *testing.T) {
	h := newHarness(t)
	h.schedule(time.Now(), "", "+33612345678")
	h.sendDue()
	until := time.Now().Add(48 * time.Hour).Truncate(time.Minute)
	if _, err := h.store.DB().W.Exec(`UPDATE deliveries SET state = 'scheduled', sent_at = '', due = ?, held_until = ?,
		policy_reason = 'quiet-hours'`, db.FormatTime(until), db.FormatTime(until)); err != nil {
		t.Fatal(err)
	}
	h.m.Tabs.SelectIndex(2)
	h.m.Settle()
	_, status, _ := h.historyRow(0)
	if want := "held until " + h.m.shortWhen(until, "Europe/Paris"); !strings.HasPrefix(status, want) {
		t.Fatalf("the held delivery says %q, want %q", status, want)
	}
}
