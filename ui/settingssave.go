package ui

import (
	"context"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"minuit/internal/minuit"
	"minuit/scheduler/sms"
	"minuit/ui/l10n"
)

// validate checks the fields and shows problems beside them.
func (s *Settings) validate() bool {
	ok := true
	setError(s.OriginatorError, "")
	if o := strings.TrimSpace(s.Originator.Text); o != "" {
		if err := sms.ValidateOriginator(o); err != nil {
			setError(s.OriginatorError, plainError(err))
			ok = false
		}
	}
	setError(s.RegionError, "")
	if r := strings.TrimSpace(s.Region.Text); len(r) != 2 {
		setError(s.RegionError, lang.L("Write the country as two letters, e.g. {{.Example}}.", map[string]any{"Example": "FR"}))
		ok = false
	}
	setError(s.BirthdayError, "")
	if _, err := time.Parse("15:04", strings.TrimSpace(s.Birthday.Text)); err != nil {
		setError(s.BirthdayError, lang.L("Write the time as {{.Example}}.", map[string]any{"Example": "10:00"}))
		ok = false
	}
	setError(s.PriceError, "")
	if p := strings.TrimSpace(s.Price.Text); p != "" {
		if v, err := strconv.ParseFloat(strings.ReplaceAll(p, ",", "."), 64); err != nil || v < 0 {
			setError(s.PriceError, lang.L("Write the price as a number, e.g. {{.Example}}.", map[string]any{"Example": l10n.Decimal(0.07, 2)}))
			ok = false
		}
	}
	return ok
}

func (s *Settings) onSave() {
	rules, rulesOK := s.Rules.values()
	if !s.validate() || !rulesOK {
		s.Saved.SetText(lang.L("Fix what is shown in red, then save again."))
		return
	}
	p, st, saveSecret, reload := s.config(), s.m.deps.Store, s.m.deps.SaveSecret, s.m.deps.Reload
	handOff := "off"
	if s.Providers.HandOff.Checked {
		handOff = "on"
	}
	vals := map[string]string{minuit.KeyProvider: p.Name, minuit.KeyHandOff: handOff, minuit.KeyOriginator: strings.TrimSpace(s.Originator.Text),
		minuit.KeyRegion: strings.ToUpper(strings.TrimSpace(s.Region.Text)), minuit.KeyBirthdayTime: strings.TrimSpace(s.Birthday.Text),
		minuit.KeyPricePerPart: strings.TrimSpace(s.Price.Text), minuit.KeyStartHidden: strconv.FormatBool(s.StartHidden.Checked),
		l10n.SettingKey: languageValue(s.Language.SelectedIndex())}
	languageChanged := vals[l10n.SettingKey] != s.loadedLanguage
	taken := reload == nil // the sender took the new provider (none to tell: the next one reads it)
	background(s.m.tk, func(ctx context.Context) (string, error) {
		note, err := s.Providers.save(ctx, p, st, saveSecret)
		if err != nil {
			return "", err
		}
		for k, v := range vals {
			if err := st.SetSetting(ctx, k, v); err != nil {
				return "", err
			}
		}
		if err := st.SetRules(ctx, rules); err != nil {
			return "", err
		}
		msg := lang.L("Saved.")
		if reload != nil {
			if why := reload(); why != "" {
				msg += " " + lang.L("The background sender could not use it: {{.Why}}", map[string]any{"Why": why})
			} else {
				msg += " " + lang.L("The background sender uses it now.")
				taken = true
			}
		}
		if note != "" {
			msg += " " + note
		}
		if languageChanged {
			msg += " " + lang.L("Minuit speaks the new language from its next start.")
		}
		return msg, nil
	}, func(msg string, err error) {
		if err != nil {
			s.Saved.SetText(lang.L("Not saved: {{.Why}}", map[string]any{"Why": plainError(err)}))
			return
		}
		s.Providers.clearSecrets() // never left on screen after entry
		s.loadedLanguage = vals[l10n.SettingKey]
		s.Saved.SetText(msg)
		s.m.setProvider(s.Providers.selected())
		if taken {
			s.m.SetNotice("") // a pause the old provider caused is over
		}
		s.m.changed() // the rules may hold or skip differently

	})
}
