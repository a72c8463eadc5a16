package ui

import (
	"context"
	"errors"
	"time"

	"minuit/contacts"
	"minuit/internal/minuit"
	"minuit/scheduler"
)

// storeForecast judges messages with the harness's stores, as app/ does.
type storeForecast struct {
	st *scheduler.Store
	cs *contacts.Store
}

func (f storeForecast) Draft(ctx context.Context, m scheduler.Message) (scheduler.Forecast, error) {
	return f.st.ForecastDraft(ctx, m, testDirectory{f.cs})
}

func (f storeForecast) Each(ctx context.Context, m scheduler.Message, at []time.Time) ([]scheduler.Forecast, error) {
	return f.st.ForecastEach(ctx, m, testDirectory{f.cs}, f.st.Now(), at)
}

// testDirectory is the contacts store as the scheduler's Directory and
// ConsentLookup (app/directory.go does the same for the real window).
type testDirectory struct{ cs *contacts.Store }

func (d testDirectory) Resolve(ctx context.Context, ids []int64, groups []string) ([]minuit.Recipient, error) {
	if d.cs == nil {
		return nil, errors.New("no contacts")
	}
	return d.cs.Resolve(ctx, ids, groups)
}

func (d testDirectory) Consent(ctx context.Context, numbers []string) (map[string]minuit.Recipient, error) {
	out := map[string]minuit.Recipient{}
	if d.cs == nil {
		return out, nil
	}
	for _, n := range numbers {
		c, ok, err := d.cs.ByNumber(ctx, n)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		rs, err := d.cs.Resolve(ctx, []int64{c.ID}, nil)
		if err != nil || len(rs) == 0 {
			return nil, err
		}
		out[n] = rs[0]
	}
	return out, nil
}

// withForecast gives the window a contacts store made of cards, with the given
// names opted in to marketing, and the rules' forecast over both stores.
func (h *harness) withForecast(cards string, optedIn ...string) *contacts.Store {
	h.t.Helper()
	cs, p := h.previewCards(cards, "shop.vcf")
	if _, err := cs.Commit(h.t.Context(), p); err != nil {
		h.t.Fatal(err)
	}
	for _, name := range optedIn {
		list, err := cs.List(h.t.Context(), contacts.Query{Text: name, Limit: 5})
		if err != nil || len(list) == 0 {
			h.t.Fatalf("no contact %q (%v)", name, err)
		}
		if err := cs.SetConsent(h.t.Context(), list[0].ID, minuit.ConsentOptedIn, "test", "said yes"); err != nil {
			h.t.Fatal(err)
		}
	}
	h.m.deps.Forecast = storeForecast{h.store, cs}
	return cs
}

// nextSunday is a Sunday at least two days ahead, at 10:00 in Paris, whose Monday
// is a working day.
func (h *harness) nextSunday() time.Time {
	d := h.now.AddDate(0, 0, 2)
	for d.Weekday() != time.Sunday || frenchHoliday(d.AddDate(0, 0, 1)) {
		d = d.AddDate(0, 0, 1)
	}
	return time.Date(d.Year(), d.Month(), d.Day(), 10, 0, 0, 0, h.loc)
}

// frenchHoliday reports the Mondays that are French public holidays (Easter and
// Whit Mondays move; 1 and 8 May, 14 July, 15 August, 1 and 11 November, 25
// December and 1 January may fall on one).
func frenchHoliday(d time.Time) bool {
	fixed := map[[2]int]bool{{1, 1}: true, {5, 1}: true, {5, 8}: true, {7, 14}: true, {8, 15}: true, {11, 1}: true,
		{11, 11}: true, {12, 25}: true}
	return fixed[[2]int{int(d.Month()), d.Day()}] || d.Month() == time.April || d.Month() == time.May || d.Month() == time.June
}

// showMonth moves the calendar to at's month and day and waits for it.
func (h *harness) showMonth(at time.Time) {
	h.t.Helper()
	at = at.In(h.loc)
	h.m.Calendar.show(time.Date(at.Year(), at.Month(), 1, 0, 0, 0, 0, h.loc), at.Day())
	h.m.Settle()
}
