package ui

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"minuit/contacts"
	"minuit/internal/db"
	"minuit/internal/minuit"
	"minuit/scheduler"
)

// harness is a window over a real store in a temporary folder.
type harness struct {
	t     *testing.T
	app   fyne.App
	store *scheduler.Store
	m     *Main
	now   time.Time
	loc   *time.Location
	woken int
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	d, err := db.Open(filepath.Join(t.TempDir(), "minuit.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = d.Close() })
	st, err := scheduler.Open(t.Context(), d, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, store: st, now: time.Now().In(loc), loc: loc}
	h.app = test.NewTempApp(t)
	h.m = NewMain(h.app, Deps{Store: st, Zone: "Europe/Paris", Now: func() time.Time { return h.now },
		Wake: func() { h.woken++ }, ProviderLabel: sandboxLabel})
	h.m.tk.queue = make(chan func(), 4096)
	h.m.Start()
	h.m.Settle()
	return h
}

// compose opens the compose window with the toolbar button.
func (h *harness) compose() *Compose {
	var c *Compose
	h.m.OnOpenCompose = func(x *Compose) { c = x }
	test.Tap(h.m.NewMessage)
	h.m.Settle()
	if c == nil {
		h.t.Fatal("the New message button opened no compose window")
	}
	return c
}

// schedule stores a message directly, at.
func (h *harness) schedule(at time.Time, rrule string, to ...string) int64 {
	h.t.Helper()
	m := scheduler.Message{Body: "Your order is ready " + to[0], Kind: minuit.Transactional, TZ: "Europe/Paris",
		At: at.In(h.loc).Format(scheduler.WallLayout), RRule: rrule}
	for _, n := range to {
		m.Recipients = append(m.Recipients, scheduler.RecipientRef{Kind: scheduler.ToNumber, Value: n})
	}
	id, err := h.store.CreateMessage(h.t.Context(), m)
	if err != nil {
		h.t.Fatal(err)
	}
	return id
}

// dayCell returns the grid cell of day in the shown month.
func (h *harness) dayCell(day int) *DayCell {
	for _, c := range h.m.Calendar.Cells {
		if c.Day == day {
			return c
		}
	}
	h.t.Fatalf("day %d is not in the grid", day)
	return nil
}

// inTwoDays is a day certainly in the future, at 09:00 in Paris.
func (h *harness) inTwoDays() time.Time {
	d := h.now.AddDate(0, 0, 2)
	return time.Date(d.Year(), d.Month(), d.Day(), 9, 0, 0, 0, h.loc)
}

// previewCards gives the window a real contacts store in the same database and
// previews importing cards (vCard text) into it, read as French numbers.
func (h *harness) previewCards(cards, source string) (*contacts.Store, *contacts.Preview) {
	h.t.Helper()
	cs, err := contacts.Open(h.t.Context(), h.store.DB(), time.Now)
	if err != nil {
		h.t.Fatal(err)
	}
	h.m.deps.Contacts = cs
	p, err := cs.Preview(h.t.Context(), strings.NewReader(cards), contacts.ImportOptions{Source: source, Region: "FR"})
	if err != nil {
		h.t.Fatal(err)
	}
	return cs, p
}
