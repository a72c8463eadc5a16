package ui

import (
	"context"
	"minuit/internal/minuit"
	"minuit/scheduler"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"minuit/scheduler/providers"
)

func TestSettingsSayWhatIsWrongThenSaveTheProviderAndHandTheKeyToTheKeychain(t *testing.T) {
	h := newHarness(t)
	var saved string
	h.m.deps.SaveSecret = func(name, key string) (string, error) {
		if name == providers.KeyMBKey {
			saved = key
		}
		return "The key is in the system keychain.", nil
	}
	s := h.m.Settings
	s.Providers.setSelected(providers.MessageBird)
	test.Type(s.Providers.Fields[providers.KeyMBKey], "live_abc123")
	s.Region.SetText("F")
	test.Tap(s.Save)
	h.m.Settle()
	if s.RegionError.Hidden || saved != "" {
		t.Fatalf("a one-letter country was accepted (error hidden=%v, key saved %q)", s.RegionError.Hidden, saved)
	}
	s.Region.SetText("be")
	test.Tap(s.Save)
	h.m.Settle()
	if saved != "live_abc123" {
		t.Fatalf("key handed to the keychain = %q", saved)
	}
	if s.Providers.Fields[providers.KeyMBKey].Text != "" {
		t.Fatal("the key is still on screen after saving")
	}
	for key, want := range map[string]string{minuit.KeyProvider: "messagebird", minuit.KeyRegion: "BE"} {
		if got, err := h.store.Setting(t.Context(), key, ""); err != nil || got != want {
			t.Fatalf("setting %s = %q (%v), want %q", key, got, err, want)
		}
	}
	if !strings.Contains(s.Saved.Text, "keychain") {
		t.Fatalf("saved message %q does not say where the key went", s.Saved.Text)
	}
}

func TestTestConnectionReportsAPlainError(t *testing.T) {
	h := newHarness(t)
	h.m.deps.TestProvider = func(context.Context, ProviderConfig) (string, error) {
		return "", &scheduler.ProviderError{Class: scheduler.Permanent, Reason: "the access key is not valid"}
	}
	test.Tap(h.m.Settings.Test)
	h.m.Settle()
	if got := h.m.Settings.TestResult.Text; got != "The connection failed: The access key is not valid." {
		t.Fatalf("test result %q", got)
	}
}

func TestEachProviderShowsOnlyItsOwnFieldsAndSavesThemUnderItsKeys(t *testing.T) {
	h := newHarness(t)
	secrets := map[string]string{}
	h.m.deps.SaveSecret = func(name, v string) (string, error) { secrets[name] = v; return "", nil }
	reloaded := 0
	h.m.deps.Reload = func() string { reloaded++; return "" }
	s := h.m.Settings
	for _, spec := range providers.All() {
		s.Providers.setSelected(spec.Name)
		for name, box := range s.Providers.boxes {
			if box.Visible() != (name == spec.Name) {
				t.Errorf("with %s selected, the fields of %s are visible=%v", spec.Name, name, box.Visible())
			}
		}
		if s.Providers.Note.Text != spec.Note {
			t.Errorf("%s: note %q, want %q", spec.Name, s.Providers.Note.Text, spec.Note)
		}
		if s.Providers.handBox.Visible() != spec.HandsOff {
			t.Errorf("%s: the hand-off choice is visible=%v, want %v", spec.Name, s.Providers.handBox.Visible(), spec.HandsOff)
		}
	}
	s.Providers.setSelected(providers.Twilio)
	test.Type(s.Providers.Fields[providers.KeyTwilioSID], "AC0123456789abcdef0123456789abcdef")
	test.Type(s.Providers.Fields[providers.KeyTwilioToken], "tok3n")
	test.Type(s.Providers.Fields[providers.KeyTwilioMSS], "MG0123456789abcdef0123456789abcdef")
	s.Providers.HandOff.SetChecked(false)
	test.Tap(s.Save)
	h.m.Settle()
	for key, want := range map[string]string{minuit.KeyProvider: "twilio", providers.KeyTwilioSID: "AC0123456789abcdef0123456789abcdef",
		providers.KeyTwilioMSS: "MG0123456789abcdef0123456789abcdef", minuit.KeyHandOff: "off"} {
		if got, _ := h.store.Setting(t.Context(), key, ""); got != want {
			t.Errorf("setting %s = %q, want %q", key, got, want)
		}
	}
	if got, _ := h.store.Setting(t.Context(), providers.KeyTwilioToken, ""); got != "" {
		t.Errorf("the auth token was stored in the database: %q", got)
	}
	if secrets[providers.KeyTwilioToken] != "tok3n" || s.Providers.Fields[providers.KeyTwilioToken].Text != "" {
		t.Errorf("the token went to %v and the entry still shows %q", secrets, s.Providers.Fields[providers.KeyTwilioToken].Text)
	}
	if reloaded != 1 || !strings.Contains(s.Saved.Text, "uses it now") {
		t.Errorf("reloaded %d times, saved message %q", reloaded, s.Saved.Text)
	}
}
