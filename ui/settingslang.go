package ui

import (
	"fyne.io/fyne/v2/lang"

	"minuit/ui/l10n"
)

// The Language choice of Settings, stored under l10n.SettingKey: the computer's
// language ("" in the store), French or English. The languages are named in
// their own words, as language pickers do.
var languageValues = []string{l10n.System, l10n.French, l10n.English}

func languageChoices() []string {
	return []string{lang.L("System language"), "Français", "English"}
}

// languageIndex is the choice for a stored value; the system's for anything else.
func languageIndex(stored string) int {
	if l, ok := l10n.Valid(stored); ok {
		for i, v := range languageValues {
			if v == l {
				return i
			}
		}
	}
	return 0
}

// languageValue is the stored value of choice i (-1, none chosen: the system's).
func languageValue(i int) string {
	if i < 0 || i >= len(languageValues) {
		return l10n.System
	}
	return languageValues[i]
}
