package scheduler

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"minuit/internal/minuit"
	"minuit/internal/usererr"
	"minuit/scheduler/compliance"
)

func TestASundayCampaignShowsItsHoldAndSkipsTheDayItIsPlanned(t *testing.T) {
	h := newGateHarness(t, paris(t, "2026-05-30 12:00")) // a Saturday, eight days before
	id := h.schedule(Message{Body: "Soldes ce dimanche", Kind: minuit.Marketing, At: "2026-06-07 10:00",
		Recipients: to(alice, bob, carol, nobody)})
	m, err := h.store.Message(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	f, err := h.store.Forecast(t.Context(), m, h.dir, h.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	monday := paris(t, "2026-06-08 08:00")
	if f.Recipients != 4 || f.Send != 0 || len(f.Held) != 1 || len(f.Skipped) != 3 {
		t.Fatalf("forecast %+v, want 4 recipients: alice held, bob, carol and nobody skipped", f)
	}
	if h := f.Held[0]; h.To != alice || !h.Until.Equal(monday) || h.Reason != compliance.ReasonQuietHours || h.Note == "" {
		t.Errorf("hold %+v, want alice until Monday 08:00 for quiet hours, with the history's sentence", h)
	}
	reasons := map[string]compliance.Reason{}
	for _, s := range f.Skipped {
		reasons[s.To] = s.Reason
	}
	if reasons[bob] != compliance.ReasonOptedOut || reasons[carol] != compliance.ReasonOptedOut || reasons[nobody] != compliance.ReasonNoConsent {
		t.Errorf("skips %v, want bob and carol opted out, the unknown number without consent", reasons)
	}
}

func TestAStopReplyShowsInTheForecastAtOnce(t *testing.T) {
	h := newGateHarness(t, paris(t, "2026-06-01 09:00")) // a Monday
	id := h.schedule(Message{Body: "Nouveautés", Kind: minuit.Marketing, At: "2026-06-03 11:00", Recipients: to(alice)})
	m, err := h.store.Message(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	if f, err := h.store.Forecast(t.Context(), m, h.dir, h.clock.Now()); err != nil || f.Send != 1 {
		t.Fatalf("forecast %+v (%v), want alice sent on Wednesday", f, err)
	}
	h.dir.(*fakeDir).contacts[0].Consent = "opted-out" // her STOP, recorded by the contacts
	f, err := h.store.Forecast(t.Context(), m, h.dir, h.clock.Now())
	if err != nil || f.Send != 0 || len(f.Skipped) != 1 || f.Skipped[0].Reason != compliance.ReasonOptedOut {
		t.Fatalf("forecast %+v (%v), want her skipped as opted out", f, err)
	}
}

func TestATransactionalMessageIsForecastToLeaveOnTimeEvenOnSunday(t *testing.T) {
	h := newGateHarness(t, paris(t, "2026-06-01 09:00"))
	id := h.schedule(Message{Body: "Votre commande", Kind: minuit.Transactional, At: "2026-06-07 10:00", Recipients: to(alice, nobody)})
	m, err := h.store.Message(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	f, err := h.store.Forecast(t.Context(), m, h.dir, h.clock.Now())
	if err != nil || f.Send != 2 || len(f.Held)+len(f.Skipped) != 0 || !f.At.Equal(paris(t, "2026-06-07 10:00")) {
		t.Fatalf("forecast %+v (%v), want both on Sunday 10:00", f, err)
	}
}

func TestAForecastToAnUnknownGroupNamesIt(t *testing.T) {
	h := newGateHarness(t, paris(t, "2026-06-01 09:00"))
	h.store.Directory = unknownGroups{}
	m := Message{Body: "Promo", Kind: minuit.Marketing, At: "2026-06-03 11:00", TZ: "Europe/Paris",
		Recipients: []RecipientRef{{Kind: ToGroup, Value: "Nope"}}, Next: paris(t, "2026-06-03 11:00")}
	_, err := h.store.Forecast(t.Context(), m, unknownGroups{}, h.clock.Now())
	if got := usererr.Sentence(err); !strings.Contains(got, "There is no group “Nope”.") || strings.Contains(got, "scheduler:") {
		t.Fatalf("sentence %q (%v), want the plan check's words", got, err)
	}
}

// unknownGroups is a directory that knows no group.
type unknownGroups struct{}

func (unknownGroups) Resolve(_ context.Context, _ []int64, groups []string) ([]minuit.Recipient, error) {
	if len(groups) > 0 {
		return nil, fmt.Errorf("contacts: no group named %q: %w", groups[0], ErrUnknownGroup)
	}
	return nil, nil
}
