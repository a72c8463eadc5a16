package ui

import (
	"context"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"minuit/internal/minuit"
	"minuit/internal/phone"
	"minuit/scheduler"
	"minuit/ui/l10n"
)

// Settings is the provider and preferences form.
type Settings struct {
	m *Main

	Provider                     *widget.RadioGroup
	Providers                    *providerForm
	Originator, Region, Birthday *widget.Entry
	Price                        *widget.Entry
	StartHidden, Autostart       *widget.Check
	Language                     *widget.Select // System / Français / English (l10n.SettingKey)
	Test, Save                   *widget.Button
	TestResult, Saved            *widget.Label
	OriginatorError, RegionError *widget.Label
	PriceError, BirthdayError    *widget.Label
	AutostartError               *widget.Label
	BackupNow                    *widget.Button // Backups: settingsbackup.go
	LastBackup, BackupResult     *widget.Label
	backupBox                    *fyne.Container
	Rules                        *complianceForm // the marketing rules
	testSeq                      int             // numbers connection tests: only the latest is shown
	quiet                        bool            // set while Load sets the checks
	loadedLanguage               string          // the stored language choice, to tell a change

}

func newSettings(m *Main) *Settings { return &Settings{m: m} }

func (s *Settings) buildUI() fyne.CanvasObject {
	s.TestResult = widget.NewLabel("")
	s.Providers = newProviderForm(s.onProviderChanged)
	s.Rules = newComplianceForm()
	s.Provider = s.Providers.Radio
	s.Originator = widget.NewEntry()
	s.Originator.SetPlaceHolder(lang.L("MyShop or +33612345678"))
	s.OriginatorError = newErrorLabel()
	s.Test = widget.NewButtonWithIcon(lang.L("Test connection"), theme.MediaPlayIcon(), s.onTest)
	s.TestResult.Wrapping = fyne.TextWrapWord
	s.Region = widget.NewEntry()
	s.Region.SetPlaceHolder(phone.DefaultRegion())
	s.RegionError = newErrorLabel()
	s.Birthday = widget.NewEntry()
	s.Birthday.SetPlaceHolder("10:00")
	s.BirthdayError = newErrorLabel()
	s.Price = widget.NewEntry()
	s.Price.SetPlaceHolder(lang.L("optional, e.g. {{.Example}}", map[string]any{"Example": l10n.Decimal(0.07, 2)}))
	s.PriceError = newErrorLabel()
	s.Language = widget.NewSelect(languageChoices(), nil)
	s.Language.SetSelectedIndex(0)
	s.Autostart = widget.NewCheck(lang.L("Start Minuit when I log in"), s.onAutostart)
	s.StartHidden = widget.NewCheck(lang.L("At login, start in the tray only (no window)"), s.onStartHidden)
	s.AutostartError = newErrorLabel()
	loginHint := widget.NewLabel(lang.L("Where the system allows it. In the tray only, Minuit sends your planned " +
		"messages without opening its window; otherwise the window opens too."))
	loginHint.Wrapping = fyne.TextWrapWord
	loginHint.Importance = widget.LowImportance
	s.Save = widget.NewButtonWithIcon(lang.L("Save settings"), theme.DocumentSaveIcon(), s.onSave)
	s.Save.Importance = widget.HighImportance
	s.Saved = widget.NewLabel("")
	s.Saved.Wrapping = fyne.TextWrapWord

	head := func(t string) fyne.CanvasObject {
		l := widget.NewLabelWithStyle(t, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		l.SizeName = theme.SizeNameSubHeadingText
		return l
	}
	provider := container.NewVBox(head(lang.L("Provider")), s.Providers.object(),
		widget.NewForm(widget.NewFormItem(lang.L("Sender ID"), container.NewVBox(s.Originator, s.OriginatorError))),
		container.NewHBox(s.Test), s.TestResult)
	prefs := container.NewVBox(head(lang.L("Preferences")), widget.NewForm(
		widget.NewFormItem(lang.L("Language"), s.Language),
		widget.NewFormItem(lang.L("Default country"), container.NewVBox(s.Region, s.RegionError)),
		widget.NewFormItem(lang.L("Birthday messages at"), container.NewVBox(s.Birthday, s.BirthdayError)),
		widget.NewFormItem(lang.L("Price per SMS part (€)"), container.NewVBox(s.Price, s.PriceError)),
	), s.Autostart, s.StartHidden, loginHint, s.AutostartError)
	body := container.NewVBox(provider, widget.NewSeparator(), prefs, widget.NewSeparator(), s.Rules.object(head),
		widget.NewSeparator(), s.backupUI(head))
	// Save and its notice stay in view under the scrolled form.
	bar := container.NewBorder(nil, nil, nil, s.Save, s.Saved)
	return container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), container.NewPadded(
		container.New(columnLayout{maxWidth: 620}, bar))), nil, nil,
		container.NewVScroll(container.NewPadded(container.New(columnLayout{maxWidth: 620}, body))))
}

// Load reads the settings off the UI goroutine.
func (s *Settings) Load() {
	s.loadLastBackup()
	st := s.m.deps.Store
	keys := []string{minuit.KeyProvider, minuit.KeyHandOff, minuit.KeyOriginator, minuit.KeyRegion, minuit.KeyBirthdayTime, minuit.KeyPricePerPart, minuit.KeyStartHidden, l10n.SettingKey}
	defs := []string{"sandbox", "on", "", phone.DefaultRegion(), "10:00", "", "", l10n.System}
	fieldKeys := s.Providers.settingKeys()
	keys = append(keys, fieldKeys...)
	for range fieldKeys {
		defs = append(defs, "")
	}
	rulesAt := len(keys)
	for _, k := range complianceKeys {
		keys, defs = append(keys, k), append(defs, scheduler.PolicyDefaults[k])
	}
	background(s.m.tk, func(ctx context.Context) ([]string, error) {
		out := make([]string, len(keys))
		for i, k := range keys {
			v, err := st.Setting(ctx, k, defs[i])
			if err != nil {
				return nil, err
			}
			out[i] = v
		}
		return out, nil
	}, func(v []string, err error) {
		if err != nil {
			s.Saved.SetText(lang.L("Could not read the settings: {{.Why}}", map[string]any{"Why": plainError(err)}))
			return
		}
		fields := map[string]string{}
		for i, k := range fieldKeys {
			fields[k] = v[8+i]
		}
		rules := map[string]string{}
		for i, k := range complianceKeys {
			rules[k] = v[rulesAt+i]
		}
		s.Rules.load(rules)
		s.loadedLanguage = v[7]
		s.Language.SetSelectedIndex(languageIndex(v[7]))
		s.Providers.load(fields)
		s.Providers.setSelected(v[0])
		s.Providers.HandOff.SetChecked(v[1] != "off")
		s.Originator.SetText(v[2])
		s.Region.SetText(v[3])
		s.Birthday.SetText(v[4])
		s.Price.SetText(v[5])
		s.quiet = true
		s.StartHidden.SetChecked(v[6] == "true")
		s.quiet = false
	})
	if s.m.deps.Autostart == nil {
		return
	}
	background(s.m.tk, func(context.Context) (bool, error) { return s.m.deps.Autostart() }, func(on bool, err error) {
		if err != nil {
			setError(s.AutostartError, lang.L("Could not tell whether Minuit starts at login: {{.Why}}", map[string]any{"Why": plainError(err)}))
			return
		}
		s.quiet = true
		s.Autostart.SetChecked(on)
		s.quiet = false
	})
}

// onAutostart adds or removes the login entry at once (no Save needed).
func (s *Settings) onAutostart(on bool) {
	if s.quiet {
		return
	}
	s.applyAutostart(on, s.StartHidden.Checked, func() { s.Autostart.SetChecked(!on) })
}

// onStartHidden rewrites the login entry, when there is one, to start the tray
// only or the window.
func (s *Settings) onStartHidden(hidden bool) {
	if s.quiet || !s.Autostart.Checked {
		return
	}
	s.applyAutostart(true, hidden, func() { s.StartHidden.SetChecked(!hidden) })
}

// applyAutostart calls SetAutostart off the UI goroutine and keeps the start
// minimised setting with it; on failure it says why and undoes the tick.
func (s *Settings) applyAutostart(enabled, minimised bool, undo func()) {
	set, st := s.m.deps.SetAutostart, s.m.deps.Store
	if set == nil {
		return
	}
	setError(s.AutostartError, "")
	s.Autostart.Disable()
	s.StartHidden.Disable()
	background(s.m.tk, func(ctx context.Context) (struct{}, error) {
		if err := set(enabled, minimised); err != nil {
			return struct{}{}, err
		}
		return struct{}{}, st.SetSetting(ctx, minuit.KeyStartHidden, strconv.FormatBool(minimised))
	}, func(_ struct{}, err error) {
		s.Autostart.Enable()
		s.StartHidden.Enable()
		if err != nil {
			setError(s.AutostartError, plainError(err))
			s.quiet = true
			undo()
			s.quiet = false
		}
	})
}

func (s *Settings) config() ProviderConfig { return s.Providers.config() }

// onProviderChanged forgets the last test's result: it was about another
// provider (a test still running is dropped when it answers).
func (s *Settings) onProviderChanged() {
	s.testSeq++
	s.Test.Enable()
	s.TestResult.Importance = widget.MediumImportance
	s.TestResult.SetText("")
}

func (s *Settings) onTest() {
	if s.m.deps.TestProvider == nil {
		return
	}
	p, test := s.config(), s.m.deps.TestProvider
	s.testSeq++
	seq := s.testSeq
	s.TestResult.Importance = widget.MediumImportance
	s.TestResult.SetText(lang.L("Testing…"))
	s.Test.Disable()
	background(s.m.tk, func(ctx context.Context) (string, error) { return test(ctx, p) },
		func(msg string, err error) {
			if seq != s.testSeq {
				return // another provider was chosen meanwhile
			}
			s.Test.Enable()
			if err != nil {
				s.TestResult.Importance = widget.DangerImportance
				s.TestResult.SetText(lang.L("The connection failed: {{.Why}}", map[string]any{"Why": plainError(err)}))
				return
			}
			s.TestResult.Importance = widget.SuccessImportance
			s.TestResult.SetText(msg)
		})
}
