package ui

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"minuit/scheduler"
	"minuit/scheduler/compliance"
	"minuit/scheduler/providers"
)

func TestEveryComplianceSettingIsEditableInTheWindow(t *testing.T) {
	h := newHarness(t)
	r := h.m.Settings.Rules
	if r.Quiet.Selected != labelOf(quietPresets(), "france") || r.CapMax.Text != "4" || r.CapDays.Text != "30" ||
		r.Footer.Text != scheduler.DefaultFooter {
		t.Fatalf("the form does not show the defaults: %q %q/%q %q", r.Quiet.Selected, r.CapMax.Text, r.CapDays.Text, r.Footer.Text)
	}
	r.Quiet.SetSelected(labelOf(quietPresets(), "custom"))
	r.Windows.SetText("mon-fri 09:00-19:00, sat 10:00-25:00")
	test.Tap(h.m.Settings.Save)
	h.m.Settle()
	if r.WindowsError.Hidden {
		t.Fatal("an impossible sending window was accepted")
	}
	if v, _ := h.store.Setting(t.Context(), scheduler.KeyQuiet, ""); v != "" {
		t.Fatalf("something was saved with a wrong field: quiet = %q", v)
	}
	r.Windows.SetText("mon-fri 09:00-19:00, sat 10:00-18:00")
	r.Holidays.SetChecked(false)
	r.CapMax.SetText("6")
	r.CapDays.SetText("14")
	r.CapAction.SetSelected(labelOf(capActions(), "skip"))
	r.NoFooter.SetChecked(true)
	r.OptOut.SetText("STOP, NON MERCI")
	r.OptIn.SetText("OUI")
	test.Tap(h.m.Settings.Save)
	h.m.Settle()
	rules, err := h.store.LoadRules(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	p := rules.Policy
	if !p.QuietEnabled || p.Quiet.Holidays != nil || p.Quiet.Days[time.Saturday].End != 18*time.Hour ||
		p.Quiet.Days[time.Sunday].End != 0 || p.Cap.Max != 6 || p.Cap.Per != 14*24*time.Hour ||
		p.CapAction != compliance.CapSkip || p.Footer != "" || strings.Join(rules.OptOut, "|") != "STOP|NON MERCI" ||
		strings.Join(rules.OptIn, "|") != "OUI" {
		t.Fatalf("saved rules %+v (opt-out %v, opt-in %v)", p, rules.OptOut, rules.OptIn)
	}
	h.m.Settings.Load()
	h.m.Settle()
	if r.Quiet.Selected != labelOf(quietPresets(), "custom") || !r.NoFooter.Checked || r.CapMax.Text != "6" {
		t.Fatalf("reloaded form: %q, no footer %v, cap %q", r.Quiet.Selected, r.NoFooter.Checked, r.CapMax.Text)
	}
}

func TestTheSavedNoticeIsInViewWithoutScrolling(t *testing.T) {
	h := newHarness(t)
	s := h.m.Settings
	content := h.m.Tabs.Items[len(h.m.Tabs.Items)-1].Content
	if inScroll(content, s.Saved) || inScroll(content, s.Save) {
		t.Fatal("Save and its notice scroll away with the form")
	}
	test.Tap(s.Save)
	h.m.Settle()
	if !strings.HasPrefix(s.Saved.Text, "Saved.") {
		t.Fatalf("notice %q", s.Saved.Text)
	}
}

func TestAnOldConnectionErrorGoesWhenSwitchingBackToTheSandbox(t *testing.T) {
	h := newHarness(t)
	s := h.m.Settings
	release := make(chan struct{})
	var asked atomic.Int32
	h.m.deps.TestProvider = func(context.Context, ProviderConfig) (string, error) {
		asked.Add(1)
		<-release
		return "", errors.New("the access key is not valid")
	}
	s.Providers.setSelected(providers.MessageBird)
	test.Tap(s.Test) // still testing MessageBird when…
	s.Providers.setSelected(providers.Sandbox)
	close(release)
	h.m.Settle()
	if s.TestResult.Text != "" {
		t.Fatalf("under the sandbox Settings shows %q", s.TestResult.Text)
	}
	if s.Test.Disabled() {
		t.Fatal("Test connection stays disabled")
	}
}

func TestSavingTheSandboxClearsThePauseTheOldProviderCausedAndTheBadgeFollows(t *testing.T) {
	h := newHarness(t)
	h.m.deps.Reload = func() string { return "" }
	h.m.SetNotice("Sending is paused: the access key is not valid. Your planned messages wait; fix the provider in Settings.")
	s := h.m.Settings
	s.Providers.setSelected(providers.MessageBird)
	test.Type(s.Providers.Fields[providers.KeyMBKey], "live_abc123")
	test.Tap(s.Save)
	h.m.Settle()
	if !strings.HasPrefix(h.m.Badge.Text, "MessageBird") || !strings.Contains(h.m.Window.Title(), "MessageBird") {
		t.Fatalf("badge %q, title %q after choosing MessageBird", h.m.Badge.Text, h.m.Window.Title())
	}
	if h.m.Notice.Visible() {
		t.Fatal("the old pause notice stays after the sender took the new provider")
	}
	s.Providers.setSelected(providers.Sandbox)
	test.Tap(s.Save)
	h.m.Settle()
	if h.m.Badge.Text != "Sandbox: nothing is really sent" {
		t.Fatalf("badge %q after going back to the sandbox", h.m.Badge.Text)
	}
}
