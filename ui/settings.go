package ui

import (
	"context"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"minuit/scheduler/sms"
)

// Settings is the provider and preferences form.
type Settings struct {
	m *Main

	Provider                     *widget.RadioGroup
	Providers                    *providerForm
	Originator, Region, Birthday *widget.Entry
	Price                        *widget.Entry
	StartHidden, Autostart       *widget.Check
	Test, Save                   *widget.Button
	TestResult, Saved            *widget.Label
	OriginatorError, RegionError *widget.Label
	PriceError, BirthdayError    *widget.Label
	AutostartError               *widget.Label
	BackupNow                    *widget.Button // Backups: settingsbackup.go
	LastBackup, BackupResult     *widget.Label
	backupBox                    *fyne.Container
	quiet                        bool // set while Load sets the checks
}

func newSettings(m *Main) *Settings { return &Settings{m: m} }

func (s *Settings) buildUI() fyne.CanvasObject {
	s.TestResult = widget.NewLabel("")
	s.Providers = newProviderForm(func() { s.TestResult.SetText("") })
	s.Provider = s.Providers.Radio
	s.Originator = widget.NewEntry()
	s.Originator.SetPlaceHolder("MyShop or +33612345678")
	s.OriginatorError = newErrorLabel()
	s.Test = widget.NewButtonWithIcon("Test connection", theme.MediaPlayIcon(), s.onTest)
	s.TestResult.Wrapping = fyne.TextWrapWord
	s.Region = widget.NewEntry()
	s.Region.SetPlaceHolder("FR")
	s.RegionError = newErrorLabel()
	s.Birthday = widget.NewEntry()
	s.Birthday.SetPlaceHolder("10:00")
	s.BirthdayError = newErrorLabel()
	s.Price = widget.NewEntry()
	s.Price.SetPlaceHolder("optional, e.g. 0.07")
	s.PriceError = newErrorLabel()
	s.Autostart = widget.NewCheck("Start Minuit when I log in", s.onAutostart)
	s.StartHidden = widget.NewCheck("At login, start in the tray only (no window)", s.onStartHidden)
	s.AutostartError = newErrorLabel()
	loginHint := widget.NewLabel("Where the system allows it. In the tray only, Minuit sends your planned " +
		"messages without opening its window; otherwise the window opens too.")
	loginHint.Wrapping = fyne.TextWrapWord
	loginHint.Importance = widget.LowImportance
	s.Save = widget.NewButtonWithIcon("Save settings", theme.DocumentSaveIcon(), s.onSave)
	s.Save.Importance = widget.HighImportance
	s.Saved = widget.NewLabel("")
	s.Saved.Wrapping = fyne.TextWrapWord

	head := func(t string) fyne.CanvasObject {
		l := widget.NewLabelWithStyle(t, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		l.SizeName = theme.SizeNameSubHeadingText
		return l
	}
	provider := container.NewVBox(head("Provider"), s.Providers.object(),
		widget.NewForm(widget.NewFormItem("Sender ID", container.NewVBox(s.Originator, s.OriginatorError))),
		container.NewHBox(s.Test), s.TestResult)
	prefs := container.NewVBox(head("Preferences"), widget.NewForm(
		widget.NewFormItem("Default country", container.NewVBox(s.Region, s.RegionError)),
		widget.NewFormItem("Birthday messages at", container.NewVBox(s.Birthday, s.BirthdayError)),
		widget.NewFormItem("Price per SMS part", container.NewVBox(s.Price, s.PriceError)),
	), s.Autostart, s.StartHidden, loginHint, s.AutostartError)
	body := container.NewVBox(provider, widget.NewSeparator(), prefs, widget.NewSeparator(),
		container.NewHBox(layout.NewSpacer(), s.Save), s.Saved, s.backupUI(head))
	return container.NewVScroll(container.NewPadded(container.New(columnLayout{maxWidth: 620}, body)))
}

// Load reads the settings off the UI goroutine.
func (s *Settings) Load() {
	s.loadLastBackup()
	st := s.m.deps.Store
	keys := []string{KeyProvider, KeyHandOff, KeyOriginator, KeyRegion, KeyBirthdayTime, KeyPrice, KeyStartHidden}
	defs := []string{"sandbox", "on", "", "FR", "10:00", "", ""}
	fieldKeys := s.Providers.settingKeys()
	keys = append(keys, fieldKeys...)
	for range fieldKeys {
		defs = append(defs, "")
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
			s.Saved.SetText("Could not read the settings: " + plainError(err))
			return
		}
		fields := map[string]string{}
		for i, k := range fieldKeys {
			fields[k] = v[7+i]
		}
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
			setError(s.AutostartError, "Could not tell whether Minuit starts at login: "+plainError(err))
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
		return struct{}{}, st.SetSetting(ctx, KeyStartHidden, strconv.FormatBool(minimised))
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

func (s *Settings) onTest() {
	if s.m.deps.TestProvider == nil {
		return
	}
	p, test := s.config(), s.m.deps.TestProvider
	s.TestResult.Importance = widget.MediumImportance
	s.TestResult.SetText("Testing…")
	s.Test.Disable()
	background(s.m.tk, func(ctx context.Context) (string, error) { return test(ctx, p) },
		func(msg string, err error) {
			s.Test.Enable()
			if err != nil {
				s.TestResult.Importance = widget.DangerImportance
				s.TestResult.SetText("The connection failed: " + plainError(err))
				return
			}
			s.TestResult.Importance = widget.SuccessImportance
			s.TestResult.SetText(msg)
		})
}

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
		setError(s.RegionError, "Write the country as two letters, e.g. FR.")
		ok = false
	}
	setError(s.BirthdayError, "")
	if _, err := time.Parse("15:04", strings.TrimSpace(s.Birthday.Text)); err != nil {
		setError(s.BirthdayError, "Write the time as 10:00.")
		ok = false
	}
	setError(s.PriceError, "")
	if p := strings.TrimSpace(s.Price.Text); p != "" {
		if v, err := strconv.ParseFloat(strings.ReplaceAll(p, ",", "."), 64); err != nil || v < 0 {
			setError(s.PriceError, "Write the price as a number, e.g. 0.07.")
			ok = false
		}
	}
	return ok
}

func (s *Settings) onSave() {
	if !s.validate() {
		s.Saved.SetText("Fix what is shown in red, then save again.")
		return
	}
	p, st, saveSecret, reload := s.config(), s.m.deps.Store, s.m.deps.SaveSecret, s.m.deps.Reload
	handOff := "off"
	if s.Providers.HandOff.Checked {
		handOff = "on"
	}
	vals := map[string]string{KeyProvider: p.Name, KeyHandOff: handOff, KeyOriginator: strings.TrimSpace(s.Originator.Text),
		KeyRegion: strings.ToUpper(strings.TrimSpace(s.Region.Text)), KeyBirthdayTime: strings.TrimSpace(s.Birthday.Text),
		KeyPrice: strings.TrimSpace(s.Price.Text), KeyStartHidden: strconv.FormatBool(s.StartHidden.Checked)}
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
		msg := "Saved."
		if reload != nil {
			if why := reload(); why != "" {
				msg += " The background sender could not use it: " + why
			} else {
				msg += " The background sender uses it now."
			}
		}
		if note != "" {
			msg += " " + note
		}
		return msg, nil
	}, func(msg string, err error) {
		if err != nil {
			s.Saved.SetText("Not saved: " + plainError(err))
			return
		}
		s.Providers.clearSecrets() // never left on screen after entry
		s.Saved.SetText(msg)
	})
}
