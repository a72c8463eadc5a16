package ui

import (
	"os"
	"testing"

	_ "e.minuit.local/earlyenv" // before Fyne reads the locale: LANG=C means English, quietly

	"minuit/ui/l10n"
)

// TestMain runs the tests in English, whatever the machine's language: they
// compare the words shown. Tests of the French words switch with l10n.Use.
func TestMain(m *testing.M) {
	if err := l10n.Use(l10n.English); err != nil {
		panic(err)
	}
	os.Exit(m.Run())
}
