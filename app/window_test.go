package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"minuit/internal/minuit"
	"minuit/scheduler"
	"minuit/ui"
)

func TestShowHistoryOnTheWindowsPortBringsItUpOnHistory(t *testing.T) {
	e, err := openEnv(t.Context(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	m := ui.NewMain(test.NewTempApp(t), uiDeps(t.Context(), e))
	if got := windowCommand(m, e.dir, "show history"); got != "ok" {
		t.Fatalf("the window answered %q to show history", got)
	}
	if m.Tabs.Selected().Text != "History" {
		t.Fatalf("the window shows %q", m.Tabs.Selected().Text)
	}
	if got := windowCommand(m, e.dir, "show nothing"); got != "" {
		t.Fatalf("an unknown command was answered %q", got)
	}
}

func TestTheWindowsForecastPortSaysASundayCampaignIsHeld(t *testing.T) {
	e, err := openEnv(t.Context(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	d := uiDeps(t.Context(), e)
	if d.Forecast == nil {
		t.Fatal("the window gets no forecast")
	}
	sunday := time.Now().AddDate(0, 0, 14)
	for sunday.Weekday() != time.Sunday {
		sunday = sunday.AddDate(0, 0, 1)
	}
	f, err := d.Forecast.Draft(t.Context(), scheduler.Message{Body: "Soldes", Kind: minuit.Marketing, TZ: "Europe/Paris",
		At: sunday.Format("2006-01-02") + " 10:00", Recipients: []scheduler.RecipientRef{{Kind: scheduler.ToNumber, Value: "+33612345678"}}})
	if err != nil {
		t.Fatal(err)
	}
	// A number that belongs to no contact has no consent: skipped, not held.
	if f.Recipients != 1 || len(f.Skipped) != 1 || !strings.Contains(f.Skipped[0].Note, "agreed") {
		t.Fatalf("forecast %+v", f)
	}
}
