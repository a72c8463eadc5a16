package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"minuit/internal/minuit"
	"minuit/scheduler"
)

const birthdayCards = `BEGIN:VCARD
VERSION:3.0
FN:Marie Dupont
TEL;TYPE=CELL:+33 6 12 34 56 78
BDAY:1990-12-05
CATEGORIES:Birthdays
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Paul Martin
TEL;TYPE=CELL:+33 6 98 76 54 32
BDAY:--12-20
CATEGORIES:Birthdays
END:VCARD
`

func TestABirthdayMessageToAGroupCountsOnEachContactsBirthdayAndIsInTheAgenda(t *testing.T) {
	h := newHarness(t)
	cs, p := h.previewCards(birthdayCards, "bdays.vcf")
	if _, err := cs.Commit(t.Context(), p); err != nil {
		t.Fatal(err)
	}
	_, err := h.store.CreateMessage(t.Context(), scheduler.Message{Body: "Happy birthday from the shop, {first_name}!",
		Kind: minuit.Transactional, TZ: "Europe/Paris", At: "2026-01-01 10:00", Birthday: true,
		Recipients: []scheduler.RecipientRef{{Kind: scheduler.ToGroup, Value: "Birthdays"}}})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().In(h.loc)
	year := now.Year()
	if now.Month() == time.December {
		year++ // the 5th may be past already: look at next December
	}
	h.m.Calendar.Month = time.Date(year, time.December, 1, 0, 0, 0, 0, h.loc)
	h.m.Calendar.onMove(0)
	h.m.Settle()
	for _, d := range []int{5, 20} {
		if n := h.dayCell(d).Info.Pending; n != 1 {
			t.Errorf("December %d: %d planned, want the birthday message", d, n)
		}
	}
	if n := h.dayCell(6).Info.Pending; n != 0 {
		t.Errorf("December 6: %d planned, want none", n)
	}
	test.Tap(h.dayCell(20))
	h.m.Settle()
	a := h.m.Calendar.Agenda
	if len(a) != 1 || a[0].To != "Paul Martin" || a[0].Status != "Birthday" || a[0].At.In(h.loc).Format("15:04") != "10:00" ||
		!strings.HasPrefix(a[0].Body, "Happy birthday") {
		t.Fatalf("agenda of December 20 = %+v, want Paul Martin's birthday at 10:00", a)
	}
	if h.m.Calendar.Empty.Visible() {
		t.Fatal("the agenda says nothing is planned on a birthday")
	}
}

type fakeResolver []minuit.Recipient

func (f fakeResolver) Resolve(context.Context, []int64, []string) ([]minuit.Recipient, error) {
	return f, nil
}

func TestABirthdayAlreadyMaterialisedIsNotCountedTwice(t *testing.T) {
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	m := scheduler.Message{ID: 7, Body: "Happy birthday", TZ: "Europe/Paris", At: "2031-01-01 09:30", Birthday: true,
		Status: scheduler.MessageActive, Recipients: []scheduler.RecipientRef{{Kind: scheduler.ToGroup, Value: "All"}}}
	m.Next = time.Date(2031, 12, 10, 9, 30, 0, 0, loc) // the 5th is already a delivery
	r := fakeResolver{{ContactID: 1, Name: "Marie", Birthday: minuit.Birthday{Year: 1990, Month: 12, Day: 5}},
		{ContactID: 2, Name: "Paul", Birthday: minuit.Birthday{Month: 12, Day: 20}},
		{ContactID: 3, Name: "No birthday"}}
	from := time.Date(2031, 12, 1, 0, 0, 0, 0, loc)
	bs, err := birthdaysIn(t.Context(), r, []scheduler.Message{m}, from, from.AddDate(0, 1, 0))
	if err != nil {
		t.Fatal(err)
	}
	plan := monthPlan(monthInput{counts: map[int]scheduler.DayOutcomes{5: {Waiting: 1}}, msgs: []scheduler.Message{m}, births: bs},
		2031, time.December, loc)
	if plan[5].Pending != 0 || plan[5].Done() != 1 || plan[20].Pending != 1 || len(plan) != 2 {
		t.Fatalf("plan = %+v, want the 5th sent once and the 20th planned", plan)
	}
}
