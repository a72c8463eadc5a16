package app

import (
	"strings"
	"testing"

	"minuit/ui/l10n"
)

// french runs the CLI test in French (MINUIT_LANG=fr), back to English after.
func french(t *testing.T) {
	t.Setenv(l10n.EnvLang, l10n.French)
	t.Cleanup(func() { _ = l10n.Use(l10n.English) })
}

func TestMinuitLangFrSpeaksFrenchOnTheCommandLine(t *testing.T) {
	dir := t.TempDir()
	french(t)
	_, stderr, code := runMinuit(t, dir, "schedule", "--to", "+33612345678", "--at", "2020-01-01 09:00", "--tz", "Europe/Paris", "Bonjour")
	if code == 0 || !strings.Contains(stderr, "est déjà passée") {
		t.Errorf("a past time in French: code %d, %q", code, stderr)
	}
	out, _, code := runMinuit(t, dir, "list")
	if code != 0 || !strings.HasPrefix(out, "ID  PROCHAIN") {
		t.Errorf("list in French: code %d, %q", code, out)
	}
	_, stderr, _ = runMinuit(t, dir, "nonsense")
	if !strings.Contains(stderr, "Utilisation\u00a0:") || !strings.Contains(stderr, "Commande inconnue \"nonsense\"") {
		t.Errorf("usage in French: %q", stderr)
	}
}

func TestTheSettingChoosesTheLanguageAndMinuitLangWins(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(l10n.EnvLang, "")
	t.Cleanup(func() { _ = l10n.Use(l10n.English) })
	if _, stderr, code := runMinuit(t, dir, "list"); code != 0 {
		t.Fatal(stderr)
	}
	e, err := openEnv(t.Context(), dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.store.SetSetting(t.Context(), l10n.SettingKey, l10n.French); err != nil {
		t.Fatal(err)
	}
	_ = e.Close()
	if out, _, _ := runMinuit(t, dir, "list"); !strings.HasPrefix(out, "ID  PROCHAIN") {
		t.Errorf("the setting says French, list says %q", out)
	}
	t.Setenv(l10n.EnvLang, l10n.English)
	if out, _, _ := runMinuit(t, dir, "list"); !strings.HasPrefix(out, "ID  NEXT") {
		t.Errorf("MINUIT_LANG=en over the setting, list says %q", out)
	}
}
