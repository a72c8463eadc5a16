package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"minuit/contacts"
)

// welcomeUI is what a first start (no contacts, nothing planned) says to do next:
// import contacts, plan a first message, choose a provider. Hidden until
// checkFirstStart finds Minuit empty.
func (m *Main) welcomeUI() *fyne.Container {
	title := widget.NewLabelWithStyle(lang.L("Welcome to Minuit. What to do first:"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	m.WelcomeImport = widget.NewButtonWithIcon(lang.L("1. Import your contacts"), theme.AccountIcon(), func() { m.showTab(lang.L("Contacts")) })
	m.WelcomePlan = widget.NewButtonWithIcon(lang.L("2. Plan a first message"), theme.ContentAddIcon(), func() { m.OpenCompose(nil, time.Time{}) })
	m.WelcomeProvider = widget.NewButtonWithIcon(lang.L("3. Choose your SMS provider"), theme.SettingsIcon(), func() { m.showTab(lang.L("Settings")) })
	m.WelcomeImport.Importance = widget.HighImportance
	note := widget.NewLabel(lang.L("Until you choose a provider, Minuit uses the sandbox: everything works and nothing is really sent."))
	note.Importance = widget.LowImportance
	note.Wrapping = fyne.TextWrapWord
	c := container.NewPadded(container.NewVBox(title,
		container.NewHBox(m.WelcomeImport, m.WelcomePlan, m.WelcomeProvider, layout.NewSpacer()), note))
	box := container.NewStack(c)
	box.Hide()
	return box
}

// showTab selects the tab with this label (in the person's language).
func (m *Main) showTab(label string) {
	for i, t := range m.Tabs.Items {
		if t.Text == label {
			m.Tabs.SelectIndex(i)
			return
		}
	}
}

// checkFirstStart shows the first start's guide while there are no contacts and
// nothing was ever planned, and hides it after.
func (m *Main) checkFirstStart() {
	st, cs := m.deps.Store, m.deps.Contacts
	background(m.tk, func(ctx context.Context) (bool, error) {
		ms, err := st.Messages(ctx, true)
		if err != nil || len(ms) > 0 {
			return false, err
		}
		if cs == nil {
			return true, nil
		}
		list, err := cs.List(ctx, contacts.Query{Limit: 1})
		return len(list) == 0, err
	}, func(empty bool, err error) {
		m.Welcome.Hidden = err != nil || !empty
		m.Welcome.Refresh()
	})
}
