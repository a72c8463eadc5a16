package app

import (
	"os"
	"testing"

	_ "e.minuit.local/earlyenv" // before Fyne reads the locale: LANG=C means English, quietly

	"minuit/ui/l10n"
)

// TestMain runs the tests in English, whatever the machine's language: they
// compare the words shown. Main chooses the language again from MINUIT_LANG (and
// so do the processes the tests start): it is set too. Tests of the French words
// set MINUIT_LANG=fr.
func TestMain(m *testing.M) {
	if err := os.Setenv(l10n.EnvLang, l10n.English); err != nil {
		panic(err)
	}
	if err := l10n.Use(l10n.English); err != nil {
		panic(err)
	}
	os.Exit(m.Run())
}
