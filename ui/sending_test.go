package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"minuit/scheduler"
)

func TestComposeSaysHowLongACampaignTakesFromThePhone(t *testing.T) {
	h := newHarness(t)
	h.m.deps.Sending = func(context.Context) (Sending, error) {
		return Sending{PerHour: 60, Provider: "your phone"}, nil
	}
	c := h.compose()
	h.m.Settle()
	test.Type(c.Body, "Soldes")
	test.Type(c.To, "+33612345678, +33612345679, +33612345680")
	h.m.Settle()
	if !strings.Contains(c.Total.Text, "about 3 min from your phone at 60 texts an hour") {
		t.Errorf("total %q does not say how long the phone takes", c.Total.Text)
	}
}

func TestACampaignTimeIsWrittenInHoursAndMinutes(t *testing.T) {
	s := Sending{PerHour: 60, Provider: "your phone"}
	for n, want := range map[int]string{500: "about 8 h 20 from your phone at 60 texts an hour", 120: "about 2 h from your phone at 60 texts an hour"} {
		if got := s.campaignTime(n); got != want {
			t.Errorf("campaignTime(%d) = %q, want %q", n, got, want)
		}
	}
	if got := (Sending{}).campaignTime(500); got != "" {
		t.Errorf("an unpaced provider's campaign time is %q, want none", got)
	}
}

func TestTheAgendaSaysWhichTextsLeaveWithTheProviderAndWhichFromHere(t *testing.T) {
	now := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	s := Sending{HandsOff: true, ScheduleMin: 15 * time.Minute}
	msgs := []scheduler.Message{
		{ID: 1, Body: "Bientôt", Next: now.Add(5 * time.Minute), Status: scheduler.MessageActive, At: "2026-12-07 09:05", TZ: "UTC"},
		{ID: 2, Body: "Ce soir", Next: now.Add(10 * time.Hour), Status: scheduler.MessageActive, At: "2026-12-07 19:00", TZ: "UTC"},
	}
	m := &Main{loc: time.UTC, deps: Deps{Zone: "UTC", Now: func() time.Time { return now }}}
	agenda := m.dayAgenda(agendaInput{msgs: msgs, month: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC),
		where: func(at time.Time) string { return s.from(at, now) }}, now)
	if len(agenda) != 2 {
		t.Fatalf("agenda %+v, want two items", agenda)
	}
	if agenda[0].Status != "planned · from this computer" || agenda[1].Status != "planned · with the provider" {
		t.Errorf("statuses %q and %q", agenda[0].Status, agenda[1].Status)
	}
}
