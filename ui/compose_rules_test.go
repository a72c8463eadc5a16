package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"minuit/internal/minuit"
	"minuit/scheduler"
	"minuit/ui/l10n"
)

const ruleCards = `BEGIN:VCARD
VERSION:3.0
FN:Alice Martin
TEL;TYPE=CELL:+33 6 12 34 56 78
CATEGORIES:Clients
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Bruno Petit
TEL;TYPE=CELL:+33 6 98 76 54 32
CATEGORIES:Clients
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Chloé Durand
TEL;TYPE=CELL:+33 6 11 22 33 44
CATEGORIES:Clients
END:VCARD
`

// button finds a button by its text among what a canvas shows (overlays first).
func button(c fyne.Canvas, text string) *widget.Button {
	roots := c.Overlays().List()
	roots = append(roots, c.Content())
	for _, r := range roots {
		for _, o := range test.LaidOutObjects(r) {
			if b, ok := o.(*widget.Button); ok && b.Text == text {
				return b
			}
		}
	}
	return nil
}

func TestComposeSaysASundayCampaignWillBeHeldUntilMondayBeforeSaving(t *testing.T) {
	h := newHarness(t)
	h.withForecast(ruleCards, "Alice")
	sunday := h.nextSunday()
	c := h.compose()
	test.Type(c.To, "+33612345678")
	test.Type(c.Body, "Soldes d'hiver")
	c.Kind.SetSelected("Marketing")
	c.setDate(sunday)
	c.Time.SetText("10:00")
	h.m.Settle()
	monday := time.Date(sunday.Year(), sunday.Month(), sunday.Day()+1, 8, 0, 0, 0, h.loc)
	want := "Will be held until " + l10n.DayMonth(monday) + ", 08:00: Sunday is closed."
	if c.Skips.Hidden || c.Skips.Text != want {
		t.Fatalf("compose says %q (hidden %v), want %q", c.Skips.Text, c.Skips.Hidden, want)
	}
}

func TestComposeCountsAGroupsRecipientsAndTheTotalCostBeforeSaving(t *testing.T) {
	h := newHarness(t)
	h.withForecast(ruleCards)
	if err := h.store.SetSetting(t.Context(), minuit.KeyPricePerPart, "0.07"); err != nil {
		t.Fatal(err)
	}
	c := h.compose()
	c.picked = append(c.picked, scheduler.RecipientRef{Kind: scheduler.ToGroup, Value: "Clients"})
	c.onRecipients()
	test.Type(c.Body, strings.Repeat("a", 200))
	h.m.Settle()
	if want := "3 recipients × 2 SMS = 6 SMS ≈ €0.42"; !strings.HasPrefix(c.Total.Text, want) {
		t.Fatalf("total %q, want it to start with %q", c.Total.Text, want)
	}
}

func TestSavingAMessageEveryRecipientWouldBeSkippedFromAsksFirst(t *testing.T) {
	h := newHarness(t)
	h.withForecast(ruleCards) // nobody agreed to marketing
	c := h.compose()
	test.Type(c.To, "+33698765432, +33611223344")
	test.Type(c.Body, "Soldes")
	c.Kind.SetSelected("Marketing")
	c.setDate(h.inTwoDays())
	c.Time.SetText("11:00")
	h.m.Settle()
	if !strings.HasPrefix(c.Skips.Text, "No recipient will get it: 2 no consent") {
		t.Fatalf("compose says %q", c.Skips.Text)
	}
	test.Tap(c.Save)
	h.m.Settle()
	if ms, _ := h.store.Messages(t.Context(), true); len(ms) != 0 {
		t.Fatal("saved without asking although nobody will get it")
	}
	yes := button(c.Window.Canvas(), "Save anyway")
	if yes == nil {
		t.Fatal("no question asked before saving a message nobody will get")
	}
	test.Tap(yes)
	h.m.Settle()
	if ms, _ := h.store.Messages(t.Context(), true); len(ms) != 1 {
		t.Fatalf("%d messages stored after confirming, want 1", len(ms))
	}
}

func TestThePreviewOfAMarketingMessageShowsTheStopFooterItCounts(t *testing.T) {
	h := newHarness(t)
	c := h.compose()
	test.Type(c.Body, "Soldes ce week-end")
	c.Kind.SetSelected("Marketing")
	if !strings.HasSuffix(c.Preview.Text, "Soldes ce week-end\n"+scheduler.DefaultFooter) &&
		!strings.HasSuffix(c.Preview.Text, "Soldes ce week-end "+scheduler.DefaultFooter) {
		t.Fatalf("preview %q does not end with the footer that is counted", c.Preview.Text)
	}
}

func TestTheCalendarShowsAHeldCampaignOnTheDayItLeavesAndItsSkippedRecipients(t *testing.T) {
	h := newHarness(t)
	h.withForecast(ruleCards, "Alice")
	sunday := h.nextSunday()
	for sunday.AddDate(0, 0, 1).Month() != sunday.Month() {
		sunday = sunday.AddDate(0, 0, 7)
	}
	_, err := h.store.CreateMessage(t.Context(), scheduler.Message{Body: "Soldes d'hiver", Kind: minuit.Marketing,
		TZ: "Europe/Paris", At: sunday.Format(scheduler.WallLayout),
		Recipients: []scheduler.RecipientRef{{Kind: scheduler.ToGroup, Value: "Clients"}}})
	if err != nil {
		t.Fatal(err)
	}
	h.showMonth(sunday)
	sun, mon := h.dayCell(sunday.Day()), h.dayCell(sunday.Day()+1)
	if sun.Info.Pending != 0 || sun.SkippedText() != "2 skipped" || mon.Info.Pending != 1 ||
		len(mon.Info.Lines) != 1 || !mon.Info.Lines[0].Held || mon.LineTexts()[0] != "08:00 Soldes d'hiver" {
		t.Fatalf("Sunday %+v %q, Monday %+v %v: want Alice on Monday 08:00, two skipped on Sunday",
			sun.Info.DayOutcomes, sun.SkippedText(), mon.Info.DayOutcomes, mon.LineTexts())
	}
	var held, skipped bool
	for _, it := range h.m.Calendar.Agenda {
		held = held || it.Held && it.Status == "held until "+l10n.Short(sunday.AddDate(0, 0, 1))+" 08:00: Sunday is closed"
		skipped = skipped || it.Skipped && strings.HasPrefix(it.Status, "2 will be skipped: 2 no consent") &&
			strings.Contains(it.To, "+33698765432")
	}
	if !held || !skipped {
		t.Fatalf("Sunday's agenda %+v: want Alice held until Monday 08:00 and two recipients skipped", h.m.Calendar.Agenda)
	}
}
