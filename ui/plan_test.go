package ui

import (
	"testing"
	"time"

	"minuit/scheduler"
)

func TestAWeeklyMessageCountsOnEachOfItsDaysOfTheMonthAndNotBefore(t *testing.T) {
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	m := scheduler.Message{ID: 1, Body: "Happy hour", TZ: "Europe/Paris", At: "2031-03-04 18:00", RRule: "FREQ=WEEKLY",
		Status: scheduler.MessageActive, Recipients: []scheduler.RecipientRef{{Kind: scheduler.ToNumber, Value: "+33612345678"},
			{Kind: scheduler.ToNumber, Value: "+33612345679"}}}
	m.Next = time.Date(2031, 3, 11, 18, 0, 0, 0, loc) // the 4th is already materialised
	plan := monthPlan(monthInput{counts: map[int]scheduler.DayOutcomes{4: {Delivered: 2}}, msgs: []scheduler.Message{m}},
		2031, time.March, loc)
	for _, d := range []int{11, 18, 25} {
		if plan[d].Pending != 2 || len(plan[d].Lines) != 1 || plan[d].Lines[0].Body != "Happy hour" {
			t.Errorf("March %d: %+v, want 2 planned", d, plan[d])
		}
	}
	if plan[4].Pending != 0 || plan[4].Done() != 2 || len(plan) != 4 {
		t.Fatalf("plan = %+v, want the 4th done and three Tuesdays planned", plan)
	}
	main := &Main{loc: loc, deps: Deps{Zone: "Europe/Paris", Now: time.Now}}
	agenda := main.dayAgenda(agendaInput{msgs: []scheduler.Message{m}, month: time.Date(2031, 3, 1, 0, 0, 0, 0, loc),
		where: func(time.Time) string { return "from this computer" }}, time.Date(2031, 3, 25, 0, 0, 0, 0, loc))
	if len(agenda) != 1 || !agenda[0].Recurring || agenda[0].At.In(loc).Hour() != 18 {
		t.Fatalf("agenda of the 25th = %+v, want the recurring 18:00 occurrence", agenda)
	}
}
