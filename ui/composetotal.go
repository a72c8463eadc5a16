package ui

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"minuit/internal/minuit"
	"minuit/internal/phone"
	"minuit/scheduler"
	"minuit/scheduler/providers"
	"minuit/scheduler/sms"
	"minuit/ui/l10n"
)

// priceInfo is the price of an SMS part compose counts the total with.
type priceInfo struct {
	perPart float64
	sandbox bool // the sandbox sends nothing: perPart is a real provider's
}

// readPrice is the price of a part for the chosen provider in the default
// country (scheduler.PriceTable: the user's prices over the built-in estimates);
// in the sandbox, that of a provider with no price of its own.
func readPrice(ctx context.Context, st Scheduler, region string) (priceInfo, error) {
	provider, err := st.Setting(ctx, minuit.KeyProvider, providers.Sandbox)
	if err != nil {
		return priceInfo{}, err
	}
	table, err := st.PriceTable(ctx)
	if err != nil {
		return priceInfo{}, err
	}
	p := priceInfo{sandbox: provider == providers.Sandbox || provider == ""}
	if p.sandbox {
		provider = "" // no provider's own row: the user's price for any, else the estimate
	}
	p.perPart, _ = table.For(provider, strings.ToUpper(region))
	return p, nil
}

// draft is the message as typed, for the rules' forecast; ok is false while it
// has no recipient or no valid time yet. Nothing is shown.
func (c *Compose) draft() (scheduler.Message, bool) {
	m := scheduler.Message{ID: c.editID, Body: c.Body.Text, Kind: minuit.Transactional, Birthday: c.Birthday.Checked,
		TZ: c.zone(), Window: c.window()}
	if c.Kind.Selected == kindMarketing() {
		m.Kind = minuit.Marketing
	}
	nums, _ := parseNumbers(c.To.Text, c.region)
	for _, n := range nums {
		m.Recipients = append(m.Recipients, scheduler.RecipientRef{Kind: scheduler.ToNumber, Value: n})
	}
	m.Recipients = append(m.Recipients, c.picked...)
	if !m.Birthday {
		m.RRule = ruleFor(c.Repeat.Selected, c.Rule.Text)
	}
	m.At = c.wallDate() + " " + strings.TrimSpace(c.Time.Text)
	if c.Now.Checked {
		m.At = scheduler.AtNow
	} else if _, err := parseWhen(c.wallDate(), c.Time.Text, time.UTC); err != nil {
		return m, false
	}
	return m, len(m.Recipients) > 0
}

// judge asks, off the UI goroutine, what the rules will do with the message's
// next occurrence; only the latest answer is shown.
func (c *Compose) judge() {
	fc := c.m.deps.Forecast
	if fc == nil || !c.ready {
		return
	}
	c.judgeSeq++
	seq := c.judgeSeq
	m, ok := c.draft()
	if !ok {
		c.forecastSeq, c.forecast = seq, scheduler.Forecast{}
		c.showRules(nil)
		return
	}
	background(c.m.tk, func(ctx context.Context) (scheduler.Forecast, error) { return fc.Draft(ctx, m) },
		func(f scheduler.Forecast, err error) {
			if seq != c.judgeSeq {
				return // the message changed since
			}
			c.forecastSeq, c.forecast = seq, f
			if err != nil {
				c.forecast = scheduler.Forecast{}
			}
			c.showRules(err)
			c.updateTotal()
		})
}

// judged is the forecast of the message as it stands, when it is known.
func (c *Compose) judged() (scheduler.Forecast, bool) {
	return c.forecast, c.m.deps.Forecast != nil && c.forecastSeq == c.judgeSeq && c.judgeSeq > 0
}

// showRules says under the form who the rules will hold until when, and who
// they will skip.
func (c *Compose) showRules(err error) {
	text := ""
	switch f, ok := c.judged(); {
	case err != nil:
		text = lang.L("Could not check the rules for these recipients: {{.Why}}", map[string]any{"Why": plainError(err)})
	case ok:
		text = c.m.forecastLines(f, c.zone())
	case c.m.deps.Forecast == nil && c.audienceSeq > 0:
		text = skipsText(c.audience, nil)
	}
	c.Skips.SetText(text)
	c.Skips.Hidden = text == ""
	c.Skips.Refresh()
}

// audienceSize is how many recipients will get the message (those the rules skip
// left out), once known.
func (c *Compose) audienceSize() (int, bool) {
	if f, ok := c.judged(); ok && f.Recipients > 0 {
		return f.Recipients - len(f.Skipped), true
	}
	if c.audience.done {
		skipped := 0
		for _, n := range c.audience.reasons {
			skipped += n
		}
		return c.audience.total - skipped, true
	}
	nums, _ := parseNumbers(c.To.Text, c.region)
	return len(nums), len(c.picked) == 0
}

// updateTotal shows what saving commits to: "28,574 recipients × 2 SMS = 57,148
// SMS ≈ €4,000", with a paced provider's duration.
func (c *Compose) updateTotal() {
	if c.Total == nil || c.Body == nil || c.To == nil {
		return
	}
	parts := sms.Count(c.sentBody()).Parts
	n, known := c.audienceSize()
	if !known {
		c.Total.SetText(lang.L("Counting the recipients…"))
		return
	}
	t := lang.N("{{.Count}} recipients", n, map[string]any{"Count": l10n.Int(n)}) +
		" × " + smsCount(parts) + " = " + smsCount(n*parts)
	if cost := float64(n*parts) * c.price.perPart; cost > 0 {
		t += " ≈ " + l10n.Money(cost, "EUR")
		if c.price.sandbox {
			t += " " + lang.L("with a real provider (the sandbox sends nothing)")
		}
	}
	if d := c.sending.campaignTime(n); d != "" {
		t += " · " + d
	}
	c.Total.SetText(t)
}

// loadSettings reads the default country, the footer and the price of a part.
func (c *Compose) loadSettings() {
	st := c.m.deps.Store
	background(c.m.tk, c.m.sending, func(s Sending, err error) {
		if err == nil {
			c.sending = s
			c.onRecipients()
		}
	})
	type settings struct {
		region, footer string
		utm            bool
		price          priceInfo
	}
	background(c.m.tk, func(ctx context.Context) (settings, error) {
		r, err := st.Setting(ctx, minuit.KeyRegion, phone.DefaultRegion())
		if err != nil {
			return settings{}, err
		}
		f, err := st.Setting(ctx, scheduler.KeyFooter, scheduler.PolicyDefaults[scheduler.KeyFooter])
		if err != nil {
			return settings{}, err
		}
		u, err := st.Setting(ctx, scheduler.KeyUTM, "off")
		if err != nil {
			return settings{}, err
		}
		p, err := readPrice(ctx, st, r)
		return settings{r, f, scheduler.UTMOn(u), p}, err
	}, func(v settings, err error) {
		if err != nil {
			return
		}
		c.region, c.footer, c.utm, c.price = v.region, v.footer, v.utm, v.price
		c.onRecipients()
		c.onBody()
	})
}
