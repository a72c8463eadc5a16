package ui

import (
	"context"
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

func TestSettingsSayWhatIsWrongThenSaveTheProviderAndHandTheKeyToTheKeychain(t *testing.T) {
	h := newHarness(t)
	var saved string
	h.m.deps.SaveKey = func(key string) (string, error) { saved = key; return "The key is in the system keychain.", nil }
	s := h.m.Settings
	s.Provider.SetSelected(labelMessageBird)
	test.Type(s.Key, "live_abc123")
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
	if s.Key.Text != "" {
		t.Fatal("the key is still on screen after saving")
	}
	for key, want := range map[string]string{KeyProvider: "messagebird", KeyRegion: "BE"} {
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
		return "", errors.New("messagebird: the access key is not valid")
	}
	test.Tap(h.m.Settings.Test)
	h.m.Settle()
	if got := h.m.Settings.TestResult.Text; got != "The connection failed: The access key is not valid." {
		t.Fatalf("test result %q", got)
	}
}
