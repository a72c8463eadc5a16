package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"minuit/internal/minuit"
	"minuit/scheduler"
	"minuit/scheduler/sms"
)

func TestComposingAndSavingAMessagePutsItInTheCalendar(t *testing.T) {
	h := newHarness(t)
	day := h.inTwoDays()
	c := h.compose()
	test.Type(c.To, "+33612345678, 06 98 76 54 32")
	c.setDate(day)
	c.Time.SetText("09:00")
	test.Type(c.Body, "Your order is ready")
	test.Tap(c.Save)
	h.m.Settle()

	if !c.SaveError.Hidden {
		t.Fatalf("save failed: %q", c.SaveError.Text)
	}
	cell := h.dayCell(day.Day())
	if cell.Info.Pending != 2 || cell.CountText() != "2 planned" {
		t.Fatalf("the %d shows %+v (%q), want 2 planned", day.Day(), cell.Info, cell.CountText())
	}
	if len(h.m.Calendar.Agenda) != 1 || h.m.Calendar.Agenda[0].Body != "Your order is ready" {
		t.Fatalf("agenda of the day = %+v, want the new message", h.m.Calendar.Agenda)
	}
	if h.woken == 0 {
		t.Fatal("the sender was not woken after saving")
	}
}

func TestTypedNumbersAreValidatedAsYouTypeAndSavingSaysWhatIsWrong(t *testing.T) {
	h := newHarness(t)
	c := h.compose()
	test.Type(c.To, "+33612345678, 12")
	if c.ToError.Hidden || !strings.Contains(c.ToError.Text, "“12”") {
		t.Fatalf("the invalid number is not shown in red: hidden=%v %q", c.ToError.Hidden, c.ToError.Text)
	}
	c.Sender.SetText("My Shop Is Great")
	test.Tap(c.Save)
	h.m.Settle()
	if c.BodyError.Text != "The message text is empty." {
		t.Fatalf("body error = %q", c.BodyError.Text)
	}
	if c.SenderError.Hidden {
		t.Fatal("an invalid sender ID was accepted")
	}
	ms, err := h.store.Messages(t.Context(), true)
	if err != nil || len(ms) != 0 {
		t.Fatalf("messages stored after a failed save: %d (%v)", len(ms), err)
	}
}

func TestTheSegmentCounterCountsGSM7ExtensionCharactersAndUCS2(t *testing.T) {
	h := newHarness(t)
	c := h.compose()
	cases := []struct{ body, counter, forced string }{
		{"Hello", "5 characters · GSM-7 · 1 SMS of 160 · 155 left", ""},
		{"Price 5€ {ok}", "16 characters · GSM-7 · 1 SMS of 160 · 144 left", ""},
		{strings.Repeat("a", 161), "161 characters · GSM-7 · 2 SMS of 153 · 145 left", ""},
		{"Bonne fête", "10 characters · UCS-2 · 1 SMS of 70 · 60 left", "“ê”"},
		{strings.Repeat("é", 10) + strings.Repeat("ê", 61), "71 characters · UCS-2 · 2 SMS of 67 · 63 left", "“ê”"},
	}
	for _, tc := range cases {
		c.Body.SetText("")
		test.Type(c.Body, tc.body)
		if c.Counter.Text != tc.counter {
			t.Errorf("%.20q: counter %q, want %q", tc.body, c.Counter.Text, tc.counter)
		}
		if tc.forced == "" && !c.Forced.Hidden {
			t.Errorf("%.20q: UCS-2 warning shown for a GSM-7 body: %q", tc.body, c.Forced.Text)
		}
		if tc.forced != "" && (c.Forced.Hidden || !strings.HasPrefix(c.Forced.Text, tc.forced)) {
			t.Errorf("%.20q: UCS-2 warning %q, want it to name %s", tc.body, c.Forced.Text, tc.forced)
		}
	}
}

func TestAMarketingMessageCountsItsStopFooter(t *testing.T) {
	h := newHarness(t)
	c := h.compose()
	test.Type(c.Body, strings.Repeat("a", 150))
	if !strings.Contains(c.Counter.Text, "1 SMS of 160") {
		t.Fatalf("transactional counter %q, want 1 SMS", c.Counter.Text)
	}
	c.Kind.SetSelected("Marketing")
	if !strings.Contains(c.Counter.Text, "2 SMS of 153") || !strings.Contains(c.Counter.Text, "STOP footer") {
		t.Fatalf("marketing counter %q, want 2 SMS with the STOP footer counted", c.Counter.Text)
	}
}

func TestWithRevenueTrackingTheCounterCountsTheTaggedLinks(t *testing.T) {
	h := newHarness(t)
	if err := h.store.SetSetting(t.Context(), scheduler.KeyUTM, "on"); err != nil {
		t.Fatal(err)
	}
	c := h.compose()
	body := "Soldes sur https://boutique.example/soldes " + strings.Repeat("a", 60)
	test.Type(c.Body, body)
	c.Kind.SetSelected("Marketing")
	want := sms.Count(scheduler.SentText(body, minuit.Marketing, scheduler.FooterText(scheduler.DefaultFooter), "100000"))
	if want.Parts != 2 || !strings.Contains(c.Counter.Text, "2 SMS") || !strings.Contains(c.Counter.Text, "tracked links") {
		t.Fatalf("counter %q, want the %d parts of the text with its tagged link and footer", c.Counter.Text, want.Parts)
	}
}

func TestCtrlNOpensANewMessageAndNewMessageOnADayPrefillsTheDate(t *testing.T) {
	h := newHarness(t)
	var opened []*Compose
	h.m.OnOpenCompose = func(c *Compose) { opened = append(opened, c) }
	ctrlN := &desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault}
	h.m.Window.Canvas().(fyne.Shortcutable).TypedShortcut(ctrlN)
	h.m.Settle()
	if len(opened) != 1 || opened[0].editID != 0 {
		t.Fatalf("Ctrl+N opened %d compose windows, want one new message", len(opened))
	}
	opened = nil
	test.Tap(h.m.Calendar.NewOnDay)
	h.m.Settle()
	if len(opened) != 1 || opened[0].wallDate() != h.now.Format("2006-01-02") || opened[0].Time.Text != "09:00" {
		t.Fatalf("New message on this day opened %d windows, date %q", len(opened), opened[0].wallDate())
	}
}
