package app

import (
	"context"
	"os"

	"minuit/ui/l10n"
)

// Minuit speaks French or English (ui/l10n): MINUIT_LANG=fr|en for one run, else
// the Settings choice (l10n.SettingKey in the data folder's store), else the
// computer's language; English for any language it does not speak and under the
// C locale (internal/earlyenv keeps Fyne quiet there).
//
// The language is set twice: before anything is printed, from MINUIT_LANG and the
// system (usage and flag errors come before the data folder is known), then once
// the database is open, from the setting (useLanguage).

// startLanguage chooses the language from MINUIT_LANG and the system.
func startLanguage() { _ = l10n.Use(l10n.Choose(os.Getenv(l10n.EnvLang), "", l10n.SystemLanguages())) }

// useLanguage applies the Settings choice once the data folder is open. A setting
// that cannot be read leaves the language as it is: it is only a preference.
func useLanguage(ctx context.Context, e *env) {
	setting, err := e.store.Setting(ctx, l10n.SettingKey, l10n.System)
	if err != nil {
		return
	}
	_ = l10n.Use(l10n.Choose(os.Getenv(l10n.EnvLang), setting, l10n.SystemLanguages()))
}
