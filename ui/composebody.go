package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"

	"minuit/internal/minuit"
	"minuit/scheduler"
	"minuit/scheduler/compliance"
	"minuit/scheduler/sms"
)

// sentBody is the text as it will leave (scheduler.SentText, as the plan check
// counts it): a marketing message gets the STOP footer and, with revenue tracking
// on, its links tagged with its campaign (its id; for a new message a six-digit
// stand-in, the width of an id the shop will not reach).
func (c *Compose) sentBody() string {
	kind := minuit.Transactional
	if c.Kind != nil && c.Kind.Selected == kindMarketing() {
		kind = minuit.Marketing
	}
	campaign := ""
	if c.utm {
		campaign = "100000"
		if c.editID != 0 {
			campaign = strconv.FormatInt(c.editID, 10)
		}
	}
	return scheduler.SentText(c.Body.Text, kind, scheduler.FooterText(c.footer), campaign)
}

func (c *Compose) onBody() {
	line, forced := counterText(c.sentBody())
	if c.sentBody() != c.Body.Text {
		line += " · " + lang.L("with the STOP footer")
		if c.utm && strings.Contains(c.Body.Text, "http") {
			line += " · " + lang.L("and tracked links")
		}
	}
	c.Counter.SetText(line)
	c.Forced.SetText(forced)
	c.Forced.Hidden = forced == ""
	c.Forced.Refresh()
	kind := minuit.Transactional
	if c.Kind != nil && c.Kind.Selected == kindMarketing() {
		kind = minuit.Marketing
	}
	var ws []string
	for _, w := range compliance.CheckContent(c.Body.Text, kind, "") {
		ws = append(ws, w.Message)
	}
	c.Warnings.SetText(strings.Join(ws, "\n"))
	c.Warnings.Hidden = len(ws) == 0
	c.Warnings.Refresh()
	c.Preview.SetText(c.previewText())
	c.Preview.Hidden = strings.TrimSpace(c.Body.Text) == ""
	c.Preview.Refresh()
	c.updateTotal()
}

// previewText is the text as the first recipient will read it, the STOP footer
// of a marketing message included.
func (c *Compose) previewText() string {
	who, fields := lang.L("Marie Dupont (an example)"), map[string]string{"first_name": "Marie", "last_name": "Dupont", "name": "Marie Dupont"}
	if c.sample != nil {
		who, fields = c.sampleName, c.sample
	}
	text, missing := sms.Render(c.sentBody(), fields)
	prev := lang.L("Preview for {{.Who}}: {{.Text}}", map[string]any{"Who": who, "Text": text})
	if len(missing) > 0 {
		prev += "\n" + lang.L("(unknown placeholders: {{.Names}})", map[string]any{"Names": "{" + strings.Join(missing, "}, {") + "}"})
	}
	return prev
}

func (c *Compose) onSender(s string) {
	setError(c.SenderError, "")
	if strings.TrimSpace(s) == "" {
		return
	}
	if err := sms.ValidateOriginator(strings.TrimSpace(s)); err != nil {
		setError(c.SenderError, plainError(err))
	}
}

func (c *Compose) onNow(on bool) {
	if on {
		c.Date.Disable()
		c.Time.Disable()
	} else {
		c.Date.Enable()
		c.Time.Enable()
	}
	c.onWhen()
}

func (c *Compose) onRepeat() {
	if c.Repeat.Selected == repeatCustom() {
		c.Rule.Show()
	} else {
		c.Rule.Hide()
	}
	if c.Birthday.Checked {
		c.Repeat.Disable()
	} else {
		c.Repeat.Enable()
	}
	c.onWhen()
}
