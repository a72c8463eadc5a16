package ui

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"minuit/internal/minuit"
	"minuit/scheduler"
	"minuit/scheduler/automation"
	"minuit/scheduler/sms"
	"minuit/ui/l10n"
)

// AutomationCard is one automation in the Shop tab: its switch, template with the
// segment counter, delay, kind, and what it did.
type AutomationCard struct {
	tab  *ShopTab
	name automation.Name
	spec automation.Spec

	Card            *widget.Card
	On              *widget.Check
	Text            *widget.Entry
	Counter, Forced *widget.Label
	Delay           *widget.Entry
	Kind            *widget.Select
	Save            *widget.Button
	Saved, Counts   *widget.Label
	Error           *widget.Label
	settings        automation.Settings // as stored
	quiet           bool
	tooLong         bool // Error says the text is too long
}

func newAutomationCard(t *ShopTab, n automation.Name) *AutomationCard {
	sp, _ := automation.SpecOf(n)
	return &AutomationCard{tab: t, name: n, spec: sp, settings: automation.Settings{Name: n, Text: sp.Template, Kind: sp.Kind, Delay: sp.Delay}}
}

// cardTitle and cardSubtitle say what each automation does.
func cardTitle(n automation.Name) string {
	switch n {
	case automation.OrderConfirmation:
		return lang.L("Order confirmation")
	case automation.Shipping:
		return lang.L("Shipping notice")
	case automation.AbandonedCheckout:
		return lang.L("Abandoned cart reminder")
	}
	return lang.L("Welcome text")
}

func cardSubtitle(n automation.Name) string {
	switch n {
	case automation.OrderConfirmation:
		return lang.L("When an order is placed. Not sent more than 24 hours late.")
	case automation.Shipping:
		return lang.L("When an order ships with a tracking number. Not sent more than 48 hours late.")
	case automation.AbandonedCheckout:
		return lang.L("When a checkout is left unfinished for the delay, and the customer has not ordered since. Marketing: consent, quiet hours and caps apply.")
	}
	return lang.L("When a customer subscribes to SMS marketing in the store.")
}

func kindChoices() []string {
	return []string{l10n.KindLabel(minuit.Transactional), l10n.KindLabel(minuit.Marketing)}
}

func (c *AutomationCard) buildUI() fyne.CanvasObject {
	c.On = widget.NewCheck(lang.L("On"), c.onSwitch)
	c.Text = widget.NewMultiLineEntry()
	c.Text.Wrapping = fyne.TextWrapWord
	c.Text.SetMinRowsVisible(3)
	c.Text.OnChanged = c.onText
	c.Counter = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	c.Forced = widget.NewLabel("")
	c.Forced.Wrapping = fyne.TextWrapWord
	c.Forced.Importance = widget.WarningImportance
	c.Forced.Hide()
	fields := make([]string, len(c.spec.Placeholders))
	for i, p := range c.spec.Placeholders {
		fields[i] = "{" + p + "}"
	}
	places := widget.NewLabel(lang.L("Placeholders: {{.List}}", map[string]any{"List": strings.Join(fields, " ")}))
	places.Importance = widget.LowImportance
	places.Wrapping = fyne.TextWrapWord
	c.Delay = widget.NewEntry()
	c.Delay.SetPlaceHolder("60m")
	c.Kind = widget.NewSelect(kindChoices(), func(string) { c.onText(c.Text.Text) })
	if c.spec.KindFixed {
		c.Kind.Disable()
	}
	c.Save = widget.NewButtonWithIcon(lang.L("Save"), theme.DocumentSaveIcon(), c.onSave)
	c.Saved = widget.NewLabel("")
	c.Error = newErrorLabel()
	c.Counts = widget.NewLabel("")
	c.Counts.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(widget.NewFormItem(lang.L("Delay"), c.Delay), widget.NewFormItem(lang.L("Kind"), c.Kind))
	what := widget.NewLabel(cardSubtitle(c.name))
	what.Wrapping = fyne.TextWrapWord
	c.Card = widget.NewCard(cardTitle(c.name), "", container.NewVBox(what, c.On, c.Text, c.Counter, c.Forced,
		places, form, container.NewHBox(c.Save, c.Saved), c.Error, c.Counts))
	c.show(c.settings)
	return c.Card
}

// show puts settings in the widgets.
func (c *AutomationCard) show(s automation.Settings) {
	c.quiet = true
	defer func() { c.quiet = false }()
	c.On.SetChecked(s.On)
	c.Text.SetText(s.Text)
	c.Delay.SetText(automation.Duration(s.Delay))
	c.Kind.SetSelected(l10n.KindLabel(s.Kind))
	c.onText(s.Text)
}

// load shows what Load read.
func (c *AutomationCard) load(s automation.Settings, st automation.Stats) {
	c.settings = s
	c.show(s)
	c.Counts.SetText(countsLine(st) + " · " + lang.L("last run: {{.At}}", map[string]any{"At": c.tab.lastRun(st.LastRun)}))
}

// countsLine is "Sent 3 · waiting 1 · not sent 2 (too late 1, no consent 1)".
func countsLine(st automation.Stats) string {
	skipped := 0
	var why []string
	for r, n := range st.Skipped {
		skipped += n
		why = append(why, automationSkip(r)+" "+strconv.Itoa(n))
	}
	sort.Strings(why)
	line := lang.L("Sent {{.Sent}} · waiting {{.Waiting}} · failed {{.Failed}} · not sent {{.Skipped}}",
		map[string]any{"Sent": st.Sent, "Waiting": st.Waiting, "Failed": st.Failed, "Skipped": skipped})
	if len(why) > 0 {
		line += " (" + strings.Join(why, ", ") + ")"
	}
	return line
}

// automationSkip is why an automation's event was not sent, as people read it.
func automationSkip(r string) string {
	switch r {
	case automation.ReasonTooLate:
		return lang.L("too late")
	case automation.ReasonNoNumber:
		return lang.L("no mobile number")
	case automation.ReasonCancelled:
		return lang.L("order cancelled")
	case automation.ReasonRefused:
		return lang.L("text refused")
	case "no-consent":
		return lang.L("no consent")
	case "opted-out", scheduler.ReasonOptedOutByReply:
		return lang.L("opted out")
	case "frequency-cap":
		return lang.L("frequency cap")
	}
	return r
}

// kind is the kind chosen.
func (c *AutomationCard) kind() minuit.Kind {
	if c.Kind.SelectedIndex() == 1 {
		return minuit.Marketing
	}
	return minuit.Transactional
}

// onText counts the text as an example of it would leave.
func (c *AutomationCard) onText(text string) {
	campaign := ""
	if c.tab.utm {
		campaign = "123456"
	}
	sent := scheduler.SentText(automation.Sample(c.name, text), c.kind(), c.tab.footer, campaign)
	line, forced := counterText(sent)
	c.Counter.SetText(lang.L("Example: {{.Counter}}", map[string]any{"Counter": line}))
	c.Forced.SetText(forced)
	c.Forced.Hidden = forced == ""
	c.Forced.Refresh()
	if n := sms.Count(sent).Parts; n > scheduler.MaxParts {
		setError(c.Error, lang.L("The text would be {{.N}} SMS long; at most {{.Max}} are sent: shorten it.",
			map[string]any{"N": n, "Max": scheduler.MaxParts}))
		c.tooLong = true
	} else if c.tooLong {
		setError(c.Error, "")
		c.tooLong = false
	}
}

func (c *AutomationCard) onSwitch(on bool) {
	if c.quiet {
		return
	}
	s := c.settings
	s.On = on
	c.save(s)
}

func (c *AutomationCard) onSave() {
	s := c.settings
	s.On, s.Text, s.Kind = c.On.Checked, c.Text.Text, c.kind()
	d, err := parseDelay(c.Delay.Text)
	if err != nil {
		setError(c.Error, lang.L("Write the delay as 60m, 1h or 1h30m."))
		return
	}
	s.Delay = d
	c.save(s)
}

// parseDelay reads "60m", "1h30m", or a number of minutes.
func parseDelay(v string) (time.Duration, error) {
	v = strings.TrimSpace(v)
	if n, err := strconv.Atoi(v); err == nil {
		return time.Duration(n) * time.Minute, nil
	}
	return time.ParseDuration(v)
}

func (c *AutomationCard) save(s automation.Settings) {
	shop := c.tab.m.deps.Shop
	c.Saved.SetText("")
	background(c.tab.m.tk, func(ctx context.Context) (struct{}, error) { return struct{}{}, shop.SaveAutomation(ctx, s) },
		func(_ struct{}, err error) {
			if err != nil {
				c.quiet = true
				c.On.SetChecked(c.settings.On) // the switch goes back; what was typed stays
				c.quiet = false
				c.tooLong = false
				setError(c.Error, plainError(err))
				return
			}
			setError(c.Error, "")
			c.settings = s
			c.Saved.SetText(lang.L("Saved."))
		})
}
