package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Main is the main window: a toolbar with "New message" and the four tabs.
type Main struct {
	App    fyne.App
	Window fyne.Window
	deps   Deps
	tk     *tasks
	loc    *time.Location

	Badge      *widget.Label
	Notice     *widget.Label
	NewMessage *widget.Button
	Tabs       *container.AppTabs

	Calendar *Calendar
	History  *History
	Settings *Settings
	Contacts *ContactsTab

	// OnOpenCompose, when set, receives each compose window (tests use it).
	OnOpenCompose func(*Compose)
}

// NewMain builds the window; nothing is read from the store until Refresh.
func NewMain(a fyne.App, d Deps) *Main {
	if d.Now == nil {
		d.Now = time.Now
	}
	loc, err := time.LoadLocation(d.Zone)
	if d.Zone == "" || err != nil {
		loc, d.Zone = time.Local, "Local"
	}
	m := &Main{App: a, deps: d, tk: &tasks{}, loc: loc}
	m.Window = a.NewWindow(windowTitle(d.ProviderLabel))
	m.buildUI()
	m.Window.Resize(fyne.NewSize(1040, 700))
	return m
}

func windowTitle(provider string) string {
	if provider == "" || provider == sandboxLabel {
		return "Minuit — Sandbox"
	}
	return "Minuit — " + provider
}

const sandboxLabel = "Sandbox: nothing is really sent"

func (m *Main) buildUI() {
	m.Calendar = newCalendar(m)
	m.History = newHistory(m)
	m.Settings = newSettings(m)
	m.Contacts = newContactsTab(m)
	m.Tabs = container.NewAppTabs(
		container.NewTabItemWithIcon("Calendar", theme.CalendarIcon(), m.Calendar.buildUI()),
		container.NewTabItemWithIcon("Contacts", theme.AccountIcon(), m.Contacts.buildUI()),
		container.NewTabItemWithIcon("History", theme.HistoryIcon(), m.History.buildUI()),
		container.NewTabItemWithIcon("Settings", theme.SettingsIcon(), m.Settings.buildUI()),
	)
	m.Tabs.OnSelected = func(t *container.TabItem) { m.onTab(t.Text) }

	m.NewMessage = widget.NewButtonWithIcon("New message", theme.ContentAddIcon(), func() { m.OpenCompose(nil, time.Time{}) })
	m.NewMessage.Importance = widget.HighImportance
	m.Badge = widget.NewLabel(m.deps.ProviderLabel)
	m.Badge.Importance = widget.WarningImportance
	if m.deps.ProviderLabel != "" && m.deps.ProviderLabel != sandboxLabel {
		m.Badge.Importance = widget.SuccessImportance
	}
	title := canvas.NewText("Minuit", theme.Color(theme.ColorNameForeground))
	title.TextSize = 20
	title.TextStyle = fyne.TextStyle{Bold: true}
	logo := canvas.NewImageFromResource(m.App.Icon())
	logo.FillMode = canvas.ImageFillContain
	logo.SetMinSize(fyne.NewSize(28, 28))
	bar := container.NewHBox(logo, title, layout.NewSpacer(), m.Badge, m.NewMessage)
	m.Notice = widget.NewLabel("")
	m.Notice.Importance = widget.DangerImportance
	m.Notice.Wrapping = fyne.TextWrapWord
	m.Notice.Hide()
	top := container.NewVBox(container.NewPadded(bar), m.Notice, widget.NewSeparator())
	m.Window.SetContent(container.NewBorder(top, nil, nil, nil, m.Tabs))

	ctrlN := &desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault}
	m.Window.Canvas().AddShortcut(ctrlN, func(fyne.Shortcut) { m.OpenCompose(nil, time.Time{}) })
}

func (m *Main) onTab(name string) {
	switch name {
	case "History":
		m.History.Reload()
	case "Contacts":
		m.Contacts.Reload()
	case "Settings":
		m.Settings.Load()
	}
}

// Refresh reloads what the visible tabs show, off the UI goroutine. Safe from any
// goroutine.
func (m *Main) Refresh() {
	fyne.Do(func() {
		m.Calendar.Reload()
		if m.Tabs.Selected() != nil && m.Tabs.Selected().Text == "History" {
			m.History.Reload()
		}
	})
}

// Start loads the first data.
func (m *Main) Start() {
	m.Calendar.Reload()
	m.Settings.Load()
}

// Settle waits until every call started off the UI goroutine has finished and its
// result is shown. Tests use it instead of sleeping.
func (m *Main) Settle() { m.tk.settle() }

func (m *Main) wake() {
	if m.deps.Wake != nil {
		m.deps.Wake()
	}
}

// changed is called after the user changed the plan.
func (m *Main) changed() {
	m.wake()
	m.Calendar.Reload()
	m.History.Reload()
}

// SetNotice shows a banner under the toolbar ("" hides it).
func (m *Main) SetNotice(text string) {
	m.Notice.SetText(text)
	m.Notice.Hidden = text == ""
	m.Notice.Refresh()
}
