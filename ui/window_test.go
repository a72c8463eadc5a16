package ui

import (
	"image/color"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"minuit/internal/minuit"
	"minuit/scheduler"
)

func TestTimesShowInTheMessagesOwnZoneAndSayWhichWhenItIsNotTheComputers(t *testing.T) {
	h := newHarness(t) // the computer is in Paris
	day := h.inTwoDays()
	ny, _ := time.LoadLocation("America/New_York")
	_, err := h.store.CreateMessage(t.Context(), scheduler.Message{Body: "Store opening", Kind: minuit.Transactional,
		TZ: "America/New_York", At: day.Format("2006-01-02") + " 02:00",
		Recipients: []scheduler.RecipientRef{{Kind: scheduler.ToNumber, Value: "+33612345678"}}})
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(day.Year(), day.Month(), day.Day(), 2, 0, 0, 0, ny)
	h.showMonth(at)
	if len(h.m.Calendar.Agenda) != 1 {
		t.Fatalf("agenda %+v, want the New York message", h.m.Calendar.Agenda)
	}
	row := newAgendaRow()
	h.m.Calendar.updateAgendaRow(0, row)
	clock := row.(*fyne.Container).Objects[0].(*fyne.Container).Objects[1].(*widget.Label).Text
	if clock != "02:00 New York" {
		t.Fatalf("the agenda shows %q, want the message's own 02:00 labelled New York", clock)
	}
}

func TestComposeOffersZonesByCityAndSaysWhenTheTimesAreNotTheComputers(t *testing.T) {
	h := newHarness(t)
	c := h.compose()
	for _, o := range c.Zone.Options {
		if strings.Contains(o, "/") || strings.Contains(o, "_") {
			t.Fatalf("zone %q is not a city", o)
		}
	}
	if c.Zone.Selected != "Paris" || !c.ZoneNote.Hidden {
		t.Fatalf("zone %q, note %q: want Paris, the computer's, without a note", c.Zone.Selected, c.ZoneNote.Text)
	}
	c.Zone.SetSelected("New York")
	if c.zone() != "America/New_York" || c.ZoneNote.Hidden || !strings.Contains(c.ZoneNote.Text, "New York time") {
		t.Fatalf("zone %q, note %q", c.zone(), c.ZoneNote.Text)
	}
}

func TestTheSendDayIsPickedInACalendar(t *testing.T) {
	h := newHarness(t)
	c := h.compose()
	test.Tap(c.Date)
	day := button(c.Window.Canvas(), "15")
	if day == nil {
		t.Fatal("the date button opened no calendar")
	}
	test.Tap(day)
	if !strings.HasSuffix(c.wallDate(), "-15") || !strings.Contains(c.Date.Text, " 15 ") {
		t.Fatalf("picked the 15th, the message is on %s (%q)", c.wallDate(), c.Date.Text)
	}
	if len(c.Window.Canvas().Overlays().List()) != 0 && c.Window.Canvas().Overlays().Top().Visible() {
		t.Fatal("the calendar stays open after a day was picked")
	}
}

func TestClosingComposeAsksBeforeLosingWhatWasTyped(t *testing.T) {
	h := newHarness(t)
	c := h.compose()
	test.Type(c.Body, "Joyeux Noël")
	test.Tap(c.Close)
	if button(c.Window.Canvas(), "Discard") == nil || button(c.Window.Canvas(), "Keep editing") == nil {
		t.Fatal("closing lost the typed message without asking")
	}
	empty := h.compose()
	test.Tap(empty.Close)
	if button(empty.Window.Canvas(), "Discard") != nil {
		t.Fatal("closing an untouched message asked about discarding")
	}
}

func TestCalendarCellsShowTheFirstWordsOfEachMessage(t *testing.T) {
	h := newHarness(t)
	day := h.inTwoDays()
	h.schedule(day, "", "+33612345678")
	h.schedule(day.Add(2*time.Hour), "", "+33698765432")
	h.showMonth(day)
	lines := h.dayCell(day.Day()).LineTexts()
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "09:00 Your order is ready") || !strings.HasPrefix(lines[1], "11:00 Your order") {
		t.Fatalf("the day's lines %q, want each message's time and first words", lines)
	}
}

func TestADaysBirthdaysShowAsOneLine(t *testing.T) {
	h := newHarness(t)
	var cards strings.Builder
	for i, n := range []string{"Marie", "Paul", "Léa"} {
		cards.WriteString("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:" + n + "\r\nTEL;TYPE=CELL:+3361234567" + string(rune('1'+i)) +
			"\r\nBDAY:--12-20\r\nCATEGORIES:Birthdays\r\nEND:VCARD\r\n")
	}
	cs, p := h.previewCards(cards.String(), "b.vcf")
	if _, err := cs.Commit(t.Context(), p); err != nil {
		t.Fatal(err)
	}
	if _, err := h.store.CreateMessage(t.Context(), scheduler.Message{Body: "Bon anniversaire {first_name} !",
		Kind: minuit.Transactional, TZ: "Europe/Paris", At: "2026-01-01 10:00", Birthday: true,
		Recipients: []scheduler.RecipientRef{{Kind: scheduler.ToGroup, Value: "Birthdays"}}}); err != nil {
		t.Fatal(err)
	}
	year := h.now.Year()
	if h.now.Month() == time.December && h.now.Day() >= 20 {
		year++
	}
	h.showMonth(time.Date(year, time.December, 20, 12, 0, 0, 0, h.loc))
	if lines := h.dayCell(20).LineTexts(); len(lines) != 1 || lines[0] != "10:00 3 birthdays" {
		t.Fatalf("December 20 shows %q, want one line for its three birthdays", lines)
	}
}

func TestClosingWithoutATrayOffersKeepSendingAsTheDefaultAnswer(t *testing.T) {
	h := newHarness(t)
	kept, stopped := 0, 0
	keep := AskKeepSending(h.m.Window, func() { kept++ }, func() { stopped++ })
	stop := button(h.m.Window.Canvas(), "Stop sending and quit")
	if keep.Text != "Keep sending" || keep.Importance != widget.HighImportance || stop == nil ||
		stop.Importance == widget.HighImportance {
		t.Fatalf("highlighted %q (%v); Stop %v", keep.Text, keep.Importance, stop)
	}
	if h.m.Window.Canvas().Focused() != keep {
		t.Fatal("Keep sending does not have the focus: Enter would not choose it")
	}
	test.Tap(keep)
	if kept != 1 || stopped != 0 {
		t.Fatalf("kept %d, stopped %d", kept, stopped)
	}
}

func TestTheTitleFollowsTheSystemsLightOrDarkSetting(t *testing.T) {
	h := newHarness(t)
	h.app.Settings().SetTheme(variantTheme{theme.DefaultTheme(), theme.VariantLight}) // the system says light
	light := h.m.Title.Color
	h.app.Settings().SetTheme(variantTheme{theme.DefaultTheme(), theme.VariantDark}) // then dark
	if h.m.Title.Color == light || h.m.Title.Color != theme.Color(theme.ColorNameForeground) {
		t.Fatalf("in dark the title is %v, as in light (%v)", h.m.Title.Color, light)
	}
}

func TestAFirstStartSaysWhatToDoNextUntilSomethingIsPlanned(t *testing.T) {
	h := newHarness(t)
	if !h.m.Welcome.Visible() || h.m.WelcomeImport == nil || h.m.WelcomePlan == nil || h.m.WelcomeProvider == nil {
		t.Fatal("a first start says nothing about what to do")
	}
	test.Tap(h.m.WelcomeProvider)
	if h.m.Tabs.Selected().Text != "Settings" {
		t.Fatalf("Choose your SMS provider opened %q", h.m.Tabs.Selected().Text)
	}
	h.schedule(h.inTwoDays(), "", "+33612345678")
	h.m.changed()
	h.m.Settle()
	if h.m.Welcome.Visible() {
		t.Fatal("the first start's guide stays once a message is planned")
	}
}

// variantTheme is the default theme in one variant, as the system would choose it.
type variantTheme struct {
	fyne.Theme
	v fyne.ThemeVariant
}

func (t variantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.v)
}

// inScroll reports whether o is inside a scrolled container under root.
func inScroll(root, o fyne.CanvasObject) bool {
	for _, x := range test.LaidOutObjects(root) {
		if s, ok := x.(*container.Scroll); ok {
			for _, y := range test.LaidOutObjects(s.Content) {
				if y == o {
					return true
				}
			}
		}
	}
	return false
}
