package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"minuit/scheduler"
	"minuit/scheduler/automation"
	"minuit/ui/l10n"
)

// ShopTab connects the Shopify store and sets its automations: one card each.
type ShopTab struct {
	m *Main

	Store                 *widget.Entry
	SignIn                *widget.RadioGroup
	Token, ClientSecret   *widget.Entry
	ClientID              *widget.Entry
	Connect, Sync         *widget.Button
	Status, Result        *widget.Label
	Problem               *widget.Label
	UTM                   *widget.Check
	Cards                 []*AutomationCard
	tokenRow, clientIDRow *fyne.Container
	secretRow             *fyne.Container
	footer                string // the STOP footer marketing texts get, counted in their parts
	utm                   bool
	quiet                 bool // set while Load sets the widgets
}

func newShopTab(m *Main) *ShopTab { return &ShopTab{m: m, footer: scheduler.DefaultFooter} }

// signInChoices are the two ways to sign in, in the radio's order.
func signInChoices() []string {
	return []string{lang.L("Admin API access token"), lang.L("Client id and secret (Dev Dashboard app)")}
}

func (s *ShopTab) buildUI() fyne.CanvasObject {
	s.Store = widget.NewEntry()
	s.Store.SetPlaceHolder("ma-boutique.myshopify.com")
	s.SignIn = widget.NewRadioGroup(signInChoices(), func(string) { s.showSignIn() })
	s.Token = widget.NewPasswordEntry()
	s.Token.SetPlaceHolder(lang.L("shpat_… (leave empty to keep the saved one)"))
	s.ClientID = widget.NewEntry()
	s.ClientSecret = widget.NewPasswordEntry()
	s.ClientSecret.SetPlaceHolder(lang.L("leave empty to keep the saved one"))
	s.Connect = widget.NewButtonWithIcon(lang.L("Connect and test"), theme.ConfirmIcon(), s.onConnect)
	s.Connect.Importance = widget.HighImportance
	s.Sync = widget.NewButtonWithIcon(lang.L("Read the store now"), theme.ViewRefreshIcon(), s.onSync)
	s.Status = widget.NewLabel(lang.L("No store is connected."))
	s.Status.Wrapping = fyne.TextWrapWord
	s.Result = widget.NewLabel("")
	s.Result.Wrapping = fyne.TextWrapWord
	s.Result.Hide()
	s.Problem = newErrorLabel()
	s.UTM = widget.NewCheck(lang.L("Count the orders and revenue each campaign brings"), s.onUTM)
	utmHint := widget.NewLabel(lang.L("Links in marketing texts get utm_source=minuit&utm_medium=sms&utm_campaign= and the message's number; Shopify's customer journey then names the campaign of each order."))
	utmHint.Wrapping = fyne.TextWrapWord
	utmHint.Importance = widget.LowImportance
	hint := widget.NewLabel(lang.L("Give the app these access scopes: read_customers, read_orders, read_fulfillments; abandoned checkouts also need the manage_abandoned_checkouts permission. Without read_all_orders Shopify shows the last 60 days of orders. Minuit reads the store every minute while it sends; orders placed before you connect never trigger a text."))
	hint.Wrapping = fyne.TextWrapWord
	hint.Importance = widget.LowImportance
	s.tokenRow = container.NewVBox(widget.NewForm(widget.NewFormItem(lang.L("Access token"), s.Token)))
	s.clientIDRow = container.NewVBox(widget.NewForm(widget.NewFormItem(lang.L("Client id"), s.ClientID)))
	s.secretRow = container.NewVBox(widget.NewForm(widget.NewFormItem(lang.L("Client secret"), s.ClientSecret)))
	s.SignIn.SetSelected(signInChoices()[0])
	head := func(t string) fyne.CanvasObject {
		l := widget.NewLabelWithStyle(t, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		l.SizeName = theme.SizeNameSubHeadingText
		return l
	}
	connect := container.NewVBox(head(lang.L("Shopify store")),
		widget.NewForm(widget.NewFormItem(lang.L("Store"), s.Store)), s.SignIn, s.tokenRow, s.clientIDRow, s.secretRow,
		container.NewHBox(s.Connect, s.Sync), s.Status, s.Problem, s.Result, hint, widget.NewSeparator(),
		head(lang.L("Revenue per campaign")), s.UTM, utmHint)
	cards := container.NewVBox(head(lang.L("Automations")))
	s.Cards = nil
	for _, n := range automation.Names {
		c := newAutomationCard(s, n)
		s.Cards = append(s.Cards, c)
		cards.Add(c.buildUI())
	}
	body := container.NewVBox(connect, widget.NewSeparator(), cards)
	return container.NewVScroll(container.NewPadded(container.New(columnLayout{maxWidth: 720}, body)))
}

// showSignIn shows the fields of the chosen way to sign in.
func (s *ShopTab) showSignIn() {
	token := s.SignIn.Selected != signInChoices()[1]
	for _, r := range []*fyne.Container{s.clientIDRow, s.secretRow} {
		r.Hidden = token
		r.Refresh()
	}
	s.tokenRow.Hidden = !token
	s.tokenRow.Refresh()
}

// shopData is what Load reads.
type shopData struct {
	status   automation.Status
	login    ShopLogin
	settings []automation.Settings
	stats    map[automation.Name]automation.Stats
	footer   string
	utm      bool
}

// Load reads the connection and the automations off the UI goroutine.
func (s *ShopTab) Load() {
	shop, st := s.m.deps.Shop, s.m.deps.Store
	background(s.m.tk, func(ctx context.Context) (shopData, error) {
		var d shopData
		var err error
		if d.status, err = shop.Status(ctx); err != nil {
			return d, err
		}
		if d.login, err = shop.Login(ctx); err != nil {
			return d, err
		}
		if d.settings, d.stats, err = shop.Automations(ctx); err != nil {
			return d, err
		}
		if d.footer, err = st.Setting(ctx, scheduler.KeyFooter, scheduler.DefaultFooter); err != nil {
			return d, err
		}
		utm, err := st.Setting(ctx, scheduler.KeyUTM, "off")
		d.utm = scheduler.UTMOn(utm)
		return d, err
	}, func(d shopData, err error) {
		if err != nil {
			setError(s.Problem, lang.L("Could not read the shop settings: {{.Error}}", map[string]any{"Error": plainError(err)}))
			return
		}
		s.quiet = true
		defer func() { s.quiet = false }()
		s.footer, s.utm = scheduler.FooterText(d.footer), d.utm
		s.UTM.SetChecked(d.utm)
		s.showStatus(d.status)
		if s.Store.Text == "" {
			s.Store.SetText(d.login.Shop)
			s.ClientID.SetText(d.login.ClientID)
			if d.login.ClientID != "" {
				s.SignIn.SetSelected(signInChoices()[1])
			}
		}
		for i, c := range s.Cards {
			if i < len(d.settings) {
				c.load(d.settings[i], d.stats[c.name])
			}
		}
	})
}

// showStatus says which store is connected, when it was last read and its problem.
func (s *ShopTab) showStatus(st automation.Status) {
	switch {
	case st.Shop == "":
		s.Status.SetText(lang.L("No store is connected."))
	case st.LastPoll.IsZero():
		s.Status.SetText(lang.L("Connected to {{.Name}} ({{.Shop}}). Not read yet: Minuit reads it while it sends.",
			map[string]any{"Name": st.Name, "Shop": st.Shop}))
	default:
		s.Status.SetText(lang.L("Connected to {{.Name}} ({{.Shop}}). Last read {{.At}}.",
			map[string]any{"Name": st.Name, "Shop": st.Shop, "At": l10n.ShortDateTime(st.LastPoll.In(s.m.loc))}))
	}
	msg := ""
	if st.Problem != nil {
		msg = l10n.Translate(*st.Problem)
	}
	setError(s.Problem, msg)
}
