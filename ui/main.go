package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"minuit/scheduler/providers"
)

// Main is the main window: a toolbar with "New message" and the four tabs.
type Main struct {
	App    fyne.App
	Window fyne.Window
	deps   Deps
	tk     *tasks
	loc    *time.Location

	Title   *canvas.Text
	Badge   *widget.Label
	Notice  *widget.Label
	Welcome *fyne.Container // what to do first, on a first start
	// The first start's three steps.
	WelcomeImport, WelcomePlan, WelcomeProvider *widget.Button
	NewMessage                                  *widget.Button
	Tabs                                        *container.AppTabs

	Calendar *Calendar
	History  *History
	Settings *Settings
	Contacts *ContactsTab
	Shop     *ShopTab    // nil without Deps.Shop
	Reports  *ReportsTab // nil without Deps.Reports

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
		return "Minuit — " + lang.L("Sandbox")
	}
	return "Minuit — " + provider
}

const sandboxLabel = "Sandbox: nothing is really sent"

func (m *Main) buildUI() {
	m.Welcome = m.welcomeUI() // shown in the Calendar tab
	m.Calendar = newCalendar(m)
	m.History = newHistory(m)
	m.Settings = newSettings(m)
	m.Contacts = newContactsTab(m)
	m.Tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(lang.L("Calendar"), theme.CalendarIcon(), m.Calendar.buildUI()),
		container.NewTabItemWithIcon(lang.L("Contacts"), theme.AccountIcon(), m.Contacts.buildUI()),
		container.NewTabItemWithIcon(lang.L("History"), theme.HistoryIcon(), m.History.buildUI()),
		container.NewTabItemWithIcon(lang.L("Settings"), theme.SettingsIcon(), m.Settings.buildUI()),
	)
	if m.deps.Shop != nil {
		m.Shop = newShopTab(m)
		m.Tabs.Append(container.NewTabItemWithIcon(lang.L("Shop"), theme.StorageIcon(), m.Shop.buildUI()))
	}
	if m.deps.Reports != nil {
		m.Reports = newReportsTab(m)
		// Before Settings, after the day-to-day tabs.
		m.Tabs.Items = append(m.Tabs.Items[:3], append([]*container.TabItem{container.NewTabItemWithIcon(lang.L("Reports"),
			theme.GridIcon(), m.Reports.buildUI())}, m.Tabs.Items[3:]...)...)
	}
	m.Tabs.OnSelected = func(t *container.TabItem) { m.onTab(t.Text) }

	m.NewMessage = widget.NewButtonWithIcon(lang.L("New message"), theme.ContentAddIcon(), func() { m.OpenCompose(nil, time.Time{}) })
	m.NewMessage.Importance = widget.HighImportance
	m.Badge = widget.NewLabel(badgeText(m.deps.ProviderLabel))
	m.Badge.Importance = widget.WarningImportance
	if m.deps.ProviderLabel != "" && m.deps.ProviderLabel != sandboxLabel {
		m.Badge.Importance = widget.SuccessImportance
	}
	// Its colour follows the system's light or dark setting when that changes while
	// Minuit runs (Fyne follows it unless a variant is forced; Minuit never forces one).
	m.Title = canvas.NewText("Minuit", theme.Color(theme.ColorNameForeground))
	m.Title.TextSize = 20
	m.Title.TextStyle = fyne.TextStyle{Bold: true}
	title := m.Title
	m.App.Settings().AddListener(func(fyne.Settings) {
		fyne.Do(func() {
			title.Color = theme.Color(theme.ColorNameForeground)
			title.Refresh()
		})
	})
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

// onTab loads the chosen tab; name is its label, in the person's language.
func (m *Main) onTab(name string) {
	if m.Welcome.Visible() {
		m.checkFirstStart() // contacts imported, a message planned
	}
	switch name {
	case lang.L("History"):
		m.History.Reload()
	case lang.L("Contacts"):
		m.Contacts.Reload()
	case lang.L("Shop"):
		if m.Shop != nil {
			m.Shop.Load()
		}
	case lang.L("Settings"):
		m.Settings.Load()
	case lang.L("Reports"):
		if m.Reports != nil {
			m.Reports.Reload()
		}
	}
}

// Refresh reloads what the visible tabs show, off the UI goroutine. Safe from any
// goroutine.
func (m *Main) Refresh() {
	fyne.Do(func() {
		m.Calendar.forget() // a STOP reply or a send may change what the rules do
		m.Calendar.Reload()
		if m.Reports != nil && m.Tabs.Selected() != nil && m.Tabs.Selected().Text == lang.L("Reports") {
			m.Reports.Reload()
		}
		if m.Tabs.Selected() != nil && m.Tabs.Selected().Text == lang.L("History") {

			m.History.Reload()
		}
	})
}

// ShowHistory brings the window to the front on History (a click on a failure
// notification).
func (m *Main) ShowHistory() {
	m.showTab(lang.L("History"))
	m.Window.Show()
	m.Window.RequestFocus()
}

// Start loads the first data.
func (m *Main) Start() {
	m.Calendar.Reload()
	m.Settings.Load()
	m.checkFirstStart()
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
	m.Calendar.forget()
	m.Calendar.Reload()
	if m.Welcome.Visible() {
		m.checkFirstStart()
	}
	m.History.Reload()
}

// SetNotice shows a banner under the toolbar ("" hides it).
func (m *Main) SetNotice(text string) {
	m.Notice.SetText(text)
	m.Notice.Hidden = text == ""
	m.Notice.Refresh()
}

// setProvider shows the provider chosen in Settings in the badge and the title.
func (m *Main) setProvider(spec providers.Spec) {
	label := sandboxLabel
	if spec.Name != providers.Sandbox {
		label = providerName(spec)
	}
	m.deps.ProviderLabel = label
	m.Badge.Importance = widget.WarningImportance
	if label != sandboxLabel {
		m.Badge.Importance = widget.SuccessImportance
	}
	m.Badge.SetText(badgeText(label))
	m.Window.SetTitle(windowTitle(label))
}

// badgeText is the provider badge in the person's language: app/ gives the
// sandbox's English sentence (sandboxLabel) or a provider's name.
func badgeText(provider string) string {
	if provider == sandboxLabel {
		return lang.L("Sandbox: nothing is really sent")
	}
	return provider
}
