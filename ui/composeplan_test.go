package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"minuit/internal/minuit"
	"minuit/scheduler"
)

func TestComposeRefusesWhatTheStoreRefusesWithTheSameSentencesAndTellsAboutDSTGaps(t *testing.T) {
	h := newHarness(t)
	c := h.compose()
	test.Type(c.To, "+33612345678")
	test.Type(c.Body, strings.Repeat("a", 11*153))
	c.setDate(time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC))
	c.Time.SetText("10:00")
	c.Repeat.SetSelected("Custom rule…")
	c.Rule.SetText("FREQ=SECONDLY")
	test.Tap(c.Save)
	h.m.Settle()

	// The store, asked the same plan, says the same sentences.
	_, err := h.store.CreateMessage(t.Context(), scheduler.Message{Body: c.Body.Text, Kind: minuit.Transactional,
		TZ: "Europe/Paris", At: "2020-01-01 10:00", RRule: "FREQ=SECONDLY",
		Recipients: []scheduler.RecipientRef{{Kind: scheduler.ToNumber, Value: "+33612345678"}}})
	errs, _ := err.(scheduler.PlanErrors)
	want := map[string]string{}
	for _, e := range errs {
		want[e.Field] = e.Text
	}
	for field, label := range map[string]string{scheduler.FieldText: c.BodyError.Text, scheduler.FieldRepeat: c.RuleError.Text} {
		if want[field] == "" || label != want[field] {
			t.Errorf("%s: the window says %q, the store %q", field, label, want[field])
		}
	}
	if !strings.Contains(c.BodyError.Text, "11 SMS") || !strings.Contains(c.RuleError.Text, "FREQ=SECONDLY repeats more often") {
		t.Errorf("text %q, rule %q", c.BodyError.Text, c.RuleError.Text)
	}
	c.Repeat.SetSelected("Once")
	test.Tap(c.Save)
	h.m.Settle()
	if !strings.HasPrefix(c.WhenError.Text, "The send time 2020-01-01 10:00 is already past") {
		t.Errorf("a past time: %q", c.WhenError.Text)
	}
	if ms, err := h.store.Messages(t.Context(), true); err != nil || len(ms) != 0 {
		t.Fatalf("%d messages stored (%v) from refused plans", len(ms), err)
	}

	// Next year's last Sunday of March: 02:30 does not exist in Paris.
	end := time.Date(h.now.Year()+1, 3, 31, 0, 0, 0, 0, time.UTC)
	change := end.AddDate(0, 0, -int(end.Weekday()))
	c.Body.SetText("Ouvert dimanche")
	c.setDate(change)
	c.Time.SetText("02:30")
	if c.WhenNote.Hidden || c.WhenNote.Text != "02:30 does not exist on "+change.Format("2 January")+" in Europe/Paris: sending at 03:30." {
		t.Fatalf("DST note hidden=%v %q", c.WhenNote.Hidden, c.WhenNote.Text)
	}
	test.Tap(c.Save)
	h.m.Settle()
	ms, err := h.store.Messages(t.Context(), true)
	if err != nil || len(ms) != 1 || ms[0].Next.In(h.loc).Format("15:04") != "03:30" {
		t.Fatalf("messages = %+v (%v), want one at 03:30 (save error %q)", ms, err, c.SaveError.Text)
	}
}

func TestComposeSendNowIsAcceptedWhateverTheDateFieldsSay(t *testing.T) {
	h := newHarness(t)
	c := h.compose()
	test.Type(c.To, "+33612345678")
	test.Type(c.Body, "Tout de suite")
	c.setDate(time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC))
	test.Tap(c.Now)
	test.Tap(c.Save)
	h.m.Settle()
	ms, err := h.store.Messages(t.Context(), true)
	if err != nil || len(ms) != 1 || ms[0].Next.Before(h.now.Add(-time.Minute)) || ms[0].Next.After(time.Now()) {
		t.Fatalf("messages = %+v (%v), want one due now (save error %q)", ms, err, c.SaveError.Text)
	}
}
