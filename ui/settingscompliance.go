package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"minuit/scheduler"
)

// complianceForm is Settings' Marketing rules: every compliance setting the CLI's
// `minuit consent set` changes (scheduler/policy.go keys), in the window.
type complianceForm struct {
	Quiet                  *widget.Select // France, United States, custom, off
	Windows                *widget.Entry  // custom: "mon-fri 09:00-19:00, sat 10:00-18:00"
	Holidays               *widget.Check  // custom: French public holidays closed
	CapMax, CapDays        *widget.Entry
	CapAction              *widget.Select // hold or skip
	Footer                 *widget.Entry
	NoFooter               *widget.Check
	OptOut, OptIn          *widget.Entry
	WindowsError, CapError *widget.Label
	custom                 *fyne.Container
}

// quietPresets are the quiet-hours choices and their setting values.
func quietPresets() [][2]string {
	return [][2]string{{lang.L("France: Monday to Saturday 08:00–20:00, no Sundays or public holidays"), "france"},
		{lang.L("United States: 08:00–21:00 every day"), "us"}, {lang.L("My own sending windows"), "custom"},
		{lang.L("Off: no quiet hours"), "off"}}
}

// capActions are what happens over the frequency cap.
func capActions() [][2]string {
	return [][2]string{{lang.L("hold it until it fits"), "hold"}, {lang.L("skip it"), "skip"}}
}

func labelsOf(pairs [][2]string) []string {
	out := make([]string, len(pairs))
	for i, p := range pairs {
		out[i] = p[0]
	}
	return out
}

func valueOf(pairs [][2]string, label string) string {
	for _, p := range pairs {
		if p[0] == label {
			return p[1]
		}
	}
	return ""
}

func labelOf(pairs [][2]string, value string) string {
	for _, p := range pairs {
		if strings.EqualFold(p[1], strings.TrimSpace(value)) {
			return p[0]
		}
	}
	return pairs[0][0]
}

func newComplianceForm() *complianceForm {
	f := &complianceForm{}
	f.Windows = widget.NewEntry()
	f.Windows.SetPlaceHolder(scheduler.PolicyDefaults[scheduler.KeyQuietCustom])
	f.Holidays = widget.NewCheck(lang.L("Closed on French public holidays"), nil)
	f.WindowsError = newErrorLabel()
	f.custom = container.NewVBox(f.Windows, f.WindowsError, f.Holidays)
	f.Quiet = widget.NewSelect(labelsOf(quietPresets()), func(sel string) {
		f.custom.Hidden = valueOf(quietPresets(), sel) != "custom"
		f.custom.Refresh()
	})
	f.CapMax, f.CapDays = widget.NewEntry(), widget.NewEntry()
	f.CapMax.SetPlaceHolder("4")
	f.CapDays.SetPlaceHolder("30")
	f.CapError = newErrorLabel()
	f.CapAction = widget.NewSelect(labelsOf(capActions()), nil)
	f.Footer = widget.NewEntry()
	f.Footer.SetPlaceHolder(scheduler.DefaultFooter)
	f.NoFooter = widget.NewCheck(lang.L("No opt-out mention (my texts say how to opt out)"), func(on bool) {
		if on {
			f.Footer.Disable()
		} else {
			f.Footer.Enable()
		}
	})
	f.OptOut, f.OptIn = widget.NewEntry(), widget.NewEntry()
	f.OptOut.SetPlaceHolder(lang.L("built-in: STOP, ARRÊT, UNSUBSCRIBE…"))
	f.OptIn.SetPlaceHolder(lang.L("built-in: START, UNSTOP…"))
	return f
}

// object lays the form out under its heading.
func (f *complianceForm) object(head func(string) fyne.CanvasObject) fyne.CanvasObject {
	hint := widget.NewLabel(lang.L("For marketing messages only: transactional ones always go."))
	hint.Importance = widget.LowImportance
	hint.Wrapping = fyne.TextWrapWord
	capRow := container.NewBorder(nil, nil, nil, nil, container.NewGridWithColumns(2,
		container.NewBorder(nil, nil, nil, widget.NewLabel(lang.L("messages per number in")), f.CapMax),
		container.NewBorder(nil, nil, nil, widget.NewLabel(lang.L("days")), f.CapDays)))
	return container.NewVBox(head(lang.L("Marketing rules")), hint, widget.NewForm(
		widget.NewFormItem(lang.L("Quiet hours"), container.NewVBox(f.Quiet, f.custom)),
		widget.NewFormItem(lang.L("Frequency cap"), container.NewVBox(capRow, f.CapError)),
		widget.NewFormItem(lang.L("Over the cap"), f.CapAction),
		widget.NewFormItem(lang.L("Opt-out mention"), container.NewVBox(f.Footer, f.NoFooter)),
		widget.NewFormItem(lang.L("Opt-out replies"), f.OptOut),
		widget.NewFormItem(lang.L("Opt-in replies"), f.OptIn),
	))
}

// complianceKeys are the settings the form shows, in load order.
var complianceKeys = []string{scheduler.KeyQuiet, scheduler.KeyQuietCustom, scheduler.KeyQuietHolidays, scheduler.KeyCapMax,
	scheduler.KeyCapDays, scheduler.KeyCapAction, scheduler.KeyFooter, scheduler.KeyOptOut, scheduler.KeyOptIn}

// load shows stored values, by key.
func (f *complianceForm) load(v map[string]string) {
	f.Quiet.SetSelected(labelOf(quietPresets(), v[scheduler.KeyQuiet]))
	f.Windows.SetText(v[scheduler.KeyQuietCustom])
	f.Holidays.SetChecked(strings.TrimSpace(v[scheduler.KeyQuietHolidays]) != "")
	f.CapMax.SetText(v[scheduler.KeyCapMax])
	f.CapDays.SetText(v[scheduler.KeyCapDays])
	f.CapAction.SetSelected(labelOf(capActions(), v[scheduler.KeyCapAction]))
	none := strings.EqualFold(strings.TrimSpace(v[scheduler.KeyFooter]), "none")
	f.NoFooter.SetChecked(none)
	if none {
		f.Footer.SetText("")
	} else {
		f.Footer.SetText(v[scheduler.KeyFooter])
	}
	f.OptOut.SetText(v[scheduler.KeyOptOut])
	f.OptIn.SetText(v[scheduler.KeyOptIn])
}

// values checks the form and returns the settings to store; ok is false when a
// field shows a problem.
func (f *complianceForm) values() (map[string]string, bool) {
	ok := true
	quiet := valueOf(quietPresets(), f.Quiet.Selected)
	setError(f.WindowsError, "")
	if quiet == "custom" {
		if err := scheduler.CheckQuietWindows(f.Windows.Text); err != nil || strings.TrimSpace(f.Windows.Text) == "" {
			if err == nil {
				err = scheduler.CheckQuietWindows("?")
			}
			setError(f.WindowsError, plainError(err))
			ok = false
		}
	}
	setError(f.CapError, "")
	n, err1 := strconv.Atoi(strings.TrimSpace(f.CapMax.Text))
	days, err2 := strconv.Atoi(strings.TrimSpace(f.CapDays.Text))
	if err1 != nil || err2 != nil || n < 0 || days < 0 || (n > 0 && days == 0) {
		setError(f.CapError, lang.L("Write two whole numbers, e.g. 4 messages in 30 days; 0 messages turns the cap off."))
		ok = false
	}
	holidays := ""
	if f.Holidays.Checked {
		holidays = "fr"
	}
	footer := strings.TrimSpace(f.Footer.Text)
	switch {
	case f.NoFooter.Checked:
		footer = "none"
	case footer == "":
		footer = scheduler.DefaultFooter
	}
	return map[string]string{
		scheduler.KeyQuiet: quiet, scheduler.KeyQuietCustom: strings.TrimSpace(f.Windows.Text),
		scheduler.KeyQuietHolidays: holidays, scheduler.KeyCapMax: strconv.Itoa(n), scheduler.KeyCapDays: strconv.Itoa(days),
		scheduler.KeyCapAction: valueOf(capActions(), f.CapAction.Selected), scheduler.KeyFooter: footer,
		scheduler.KeyOptOut: strings.TrimSpace(f.OptOut.Text), scheduler.KeyOptIn: strings.TrimSpace(f.OptIn.Text),
	}, ok
}
