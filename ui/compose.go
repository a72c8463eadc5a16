package ui

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"minuit/scheduler"
	"minuit/scheduler/compliance"
	"minuit/scheduler/sms"
)

// Compose is the window that creates or edits a message.
type Compose struct {
	m      *Main
	Window fyne.Window
	editID int64
	picked []scheduler.RecipientRef // contacts and groups
	names  map[string]string        // ref value → label
	found  map[string]scheduler.RecipientRef
	region string
	footer string // the STOP footer marketing messages get, counted in the segments
	// audienceSeq numbers consent checks so that only the latest one is shown.
	audienceSeq int
	// sample is the first recipient's placeholder values, for the preview.
	sample     map[string]string
	sampleName string
	price      float64
	sending    Sending // where messages leave from; pacing gives the campaign's duration

	To, Body, Date, Time, Rule, Deadline, Sender *widget.Entry
	Find                                         *widget.SelectEntry
	Picked                                       *widget.Label
	ClearPicked                                  *widget.Button
	Zone                                         *widget.SelectEntry
	Now, Birthday                                *widget.Check
	Repeat                                       *widget.Select
	Kind                                         *widget.RadioGroup
	Skips                                        *widget.Label // "3 of 120 recipients will be skipped: no consent"
	Counter, Forced, Warnings, Preview, Total    *widget.Label
	ToError, BodyError, WhenError, RuleError     *widget.Label
	WhenNote                                     *widget.Label // what a time a DST change skips becomes
	DeadlineError, SenderError, SaveError        *widget.Label
	Save, Close                                  *widget.Button
}

// OpenCompose opens the compose window: for msg (edit; ID 0 duplicates), or new,
// pre-filled with day when it is set.
func (m *Main) OpenCompose(msg *scheduler.Message, day time.Time) *Compose {
	c := &Compose{m: m, footer: scheduler.PolicyDefaults[scheduler.SetFooter], names: map[string]string{}, found: map[string]scheduler.RecipientRef{}, region: "FR"}
	title := "New message"
	if msg != nil && msg.ID != 0 {
		c.editID, title = msg.ID, "Edit message"
	}
	c.Window = m.App.NewWindow(title + " — Minuit")
	c.Window.SetContent(c.buildUI())
	c.fill(msg, day)
	c.Window.Resize(fyne.NewSize(620, 760))
	c.loadSettings()
	c.Window.Show()
	if m.OnOpenCompose != nil {
		m.OnOpenCompose(c)
	}
	return c
}

func (c *Compose) buildUI() fyne.CanvasObject {
	c.To = widget.NewMultiLineEntry()
	c.To.SetPlaceHolder("+33 6 12 34 56 78, 06 98 76 54 32 …")
	c.To.SetMinRowsVisible(2)
	c.To.OnChanged = func(string) { c.onRecipients() }
	c.ToError = newErrorLabel()
	c.Find = widget.NewSelectEntry(nil)
	c.Find.SetPlaceHolder("Add a contact or group: type a name…")
	c.Find.OnChanged = c.onFind
	c.Picked = widget.NewLabel("")
	c.Picked.Wrapping = fyne.TextWrapWord
	c.ClearPicked = widget.NewButtonWithIcon("", theme.ContentClearIcon(), func() { c.picked = nil; c.onRecipients() })

	c.Body = widget.NewMultiLineEntry()
	c.Body.SetPlaceHolder("Hello {first_name}, your order is ready.")
	c.Body.SetMinRowsVisible(5)
	c.Body.Wrapping = fyne.TextWrapWord
	c.Body.OnChanged = func(string) { c.onBody() }
	c.Counter = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	c.Forced = widget.NewLabel("")
	c.Forced.Importance = widget.WarningImportance
	c.Forced.Wrapping = fyne.TextWrapWord
	c.Warnings = widget.NewLabel("")
	c.Warnings.Importance = widget.WarningImportance
	c.Warnings.Wrapping = fyne.TextWrapWord
	c.Preview = widget.NewLabel("")
	c.Preview.Wrapping = fyne.TextWrapWord
	c.Preview.Importance = widget.LowImportance
	c.BodyError = newErrorLabel()

	c.Date = widget.NewEntry()
	c.Date.SetPlaceHolder("2026-12-24")
	c.Time = widget.NewEntry()
	c.Time.SetPlaceHolder("09:30")
	c.Zone = widget.NewSelectEntry(append([]string{c.m.deps.Zone}, commonZones...))
	c.Now = widget.NewCheck("Send now", func(on bool) { c.onNow(on) })
	c.WhenError = newErrorLabel()
	c.WhenNote = widget.NewLabel("")
	c.WhenNote.Importance = widget.WarningImportance
	c.WhenNote.Wrapping = fyne.TextWrapWord
	c.WhenNote.Hide()
	for _, e := range []*widget.Entry{c.Date, c.Time, &c.Zone.Entry} {
		e.OnChanged = func(string) { c.onWhen() }
	}
	c.Repeat = widget.NewSelect(repeatLabels(), func(string) { c.onRepeat() })
	c.Rule = widget.NewEntry()
	c.Rule.SetPlaceHolder("FREQ=WEEKLY;BYDAY=MO,TH")
	c.RuleError = newErrorLabel()
	c.Birthday = widget.NewCheck("On each contact's birthday, at this time", func(bool) { c.onRepeat() })
	c.Deadline = widget.NewEntry()
	c.Deadline.SetPlaceHolder("optional: 2026-12-24 12:00")
	c.DeadlineError = newErrorLabel()
	c.Kind = widget.NewRadioGroup([]string{"Transactional", "Marketing"}, func(string) { c.onBody(); c.checkAudience() })
	c.Skips = newSkipsLabel()
	c.Kind.Horizontal = true
	c.Sender = widget.NewEntry()
	c.Sender.SetPlaceHolder("default of the provider, e.g. MyShop")
	c.Sender.OnChanged = func(s string) { c.onSender(s) }
	c.SenderError = newErrorLabel()
	c.Total = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	c.SaveError = newErrorLabel()
	c.Save = widget.NewButtonWithIcon("Save", theme.ConfirmIcon(), c.onSave)
	c.Save.Importance = widget.HighImportance
	c.Close = widget.NewButton("Close", func() { c.Window.Close() })

	section := func(title string) fyne.CanvasObject {
		return widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	when := container.NewGridWithColumns(3, c.Date, c.Time, c.Zone)
	form := container.NewVBox(
		section("To"), c.To, c.ToError, container.NewBorder(nil, nil, nil, c.ClearPicked, c.Find), c.Picked,
		section("Message"), c.Body, c.Counter, c.Forced, c.Warnings, c.BodyError, c.Preview,
		section("When"), when, c.Now, c.WhenError, c.WhenNote,
		container.NewGridWithColumns(2, c.Repeat, c.Rule), c.RuleError, c.Birthday,
		widget.NewLabel("No later than"), c.Deadline, c.DeadlineError,
		section("Kind and sender"), c.Kind, c.Skips, c.Sender, c.SenderError,
	)
	buttons := container.NewVBox(widget.NewSeparator(), c.Total, c.SaveError,
		container.NewHBox(layout.NewSpacer(), c.Close, c.Save))
	return container.NewBorder(nil, container.NewPadded(buttons), nil, nil, container.NewVScroll(container.NewPadded(form)))
}

func (c *Compose) fill(msg *scheduler.Message, day time.Time) {
	now := c.m.deps.Now().In(c.m.loc)
	c.Zone.SetText(c.m.deps.Zone)
	c.Kind.SetSelected("Transactional")
	c.Repeat.SetSelected("Once")
	at := now.Add(time.Hour).Truncate(time.Hour)
	if !day.IsZero() {
		at = time.Date(day.Year(), day.Month(), day.Day(), 9, 0, 0, 0, c.m.loc)
	}
	c.Date.SetText(at.Format("2006-01-02"))
	c.Time.SetText(at.Format("15:04"))
	if msg != nil {
		var nums []string
		for _, r := range msg.Recipients {
			if r.Kind == scheduler.ToNumber {
				nums = append(nums, r.Value)
			} else {
				c.picked = append(c.picked, r)
			}
		}
		c.To.SetText(strings.Join(nums, ", "))
		c.Body.SetText(msg.Body)
		if d, t, ok := strings.Cut(msg.At, " "); ok {
			c.Date.SetText(d)
			c.Time.SetText(t)
		}
		c.Zone.SetText(msg.TZ)
		label, custom := repeatFor(msg.RRule)
		c.Repeat.SetSelected(label)
		c.Rule.SetText(custom)
		c.Birthday.SetChecked(msg.Birthday)
		if msg.Kind == scheduler.Marketing {
			c.Kind.SetSelected("Marketing")
		}
		c.Sender.SetText(msg.Originator)
		if loc, err := time.LoadLocation(msg.TZ); err == nil && msg.Window > 0 {
			if start, err := time.ParseInLocation(scheduler.WallLayout, msg.At, loc); err == nil {
				c.Deadline.SetText(start.Add(msg.Window).Format(scheduler.WallLayout))
			}
		}
	}
	c.onRepeat()
	c.onRecipients()
	c.onBody()
}

// loadSettings reads the default country and the price per part.
func (c *Compose) loadSettings() {
	st := c.m.deps.Store
	background(c.m.tk, c.m.sending, func(s Sending, err error) {
		if err == nil {
			c.sending = s
			c.onRecipients()
		}
	})
	background(c.m.tk, func(ctx context.Context) ([3]string, error) {
		r, err := st.Setting(ctx, KeyRegion, "FR")
		if err != nil {
			return [3]string{}, err
		}
		p, err := st.Setting(ctx, KeyPrice, "")
		if err != nil {
			return [3]string{}, err
		}
		f, err := st.Setting(ctx, scheduler.SetFooter, scheduler.PolicyDefaults[scheduler.SetFooter])
		return [3]string{r, p, f}, err
	}, func(v [3]string, err error) {
		if err != nil {
			return
		}
		c.region = v[0]
		c.price, _ = strconv.ParseFloat(strings.ReplaceAll(v[1], ",", "."), 64)
		c.footer = v[2]
		c.onRecipients()
		c.onBody()
	})
}

// onRecipients validates typed numbers as they are typed.
func (c *Compose) onRecipients() {
	nums, bad := parseNumbers(c.To.Text, c.region)
	var msgs []string
	for _, b := range bad {
		msgs = append(msgs, fmt.Sprintf("“%s”: %s", b.Input, strings.TrimSuffix(b.Reason, ".")))
	}
	setError(c.ToError, strings.Join(msgs, "\n"))
	var names []string
	for _, r := range c.picked {
		n := c.names[r.Kind+":"+r.Value]
		if n == "" {
			n = recipientsText([]scheduler.RecipientRef{r})
		}
		names = append(names, n)
	}
	c.Picked.SetText(strings.Join(names, ", "))
	if len(names) == 0 {
		c.Picked.Hide()
		c.ClearPicked.Disable()
	} else {
		c.Picked.Show()
		c.ClearPicked.Enable()
	}
	c.updateTotal(len(nums) + len(c.picked))
	c.checkAudience()
}

// sentBody is the text as it will leave: a marketing message gets the STOP footer.
func (c *Compose) sentBody() string {
	if c.Kind != nil && c.Kind.Selected == "Marketing" && scheduler.FooterText(c.footer) != "" {
		return compliance.AppendFooter(c.Body.Text, scheduler.FooterText(c.footer))
	}
	return c.Body.Text
}

func (c *Compose) onBody() {
	line, forced := counterText(c.sentBody())
	if c.sentBody() != c.Body.Text {
		line += " · with the STOP footer"
	}
	c.Counter.SetText(line)
	c.Forced.SetText(forced)
	if forced == "" {
		c.Forced.Hide()
	} else {
		c.Forced.Show()
	}
	kind := compliance.Transactional
	if c.Kind != nil && c.Kind.Selected == "Marketing" {
		kind = compliance.Marketing
	}
	var ws []string
	for _, w := range compliance.CheckContent(c.Body.Text, kind, "") {
		ws = append(ws, w.Message)
	}
	c.Warnings.SetText(strings.Join(ws, "\n"))
	c.Warnings.Hidden = len(ws) == 0
	c.Warnings.Refresh()
	who, fields := "Marie Dupont (an example)", map[string]string{"first_name": "Marie", "last_name": "Dupont", "name": "Marie Dupont"}
	if c.sample != nil {
		who, fields = c.sampleName, c.sample
	}
	text, missing := sms.Render(c.Body.Text, fields)
	prev := "Preview for " + who + ": " + text
	if len(missing) > 0 {
		prev += "\n(unknown placeholders: {" + strings.Join(missing, "}, {") + "})"
	}
	c.Preview.SetText(prev)
	c.Preview.Hidden = strings.TrimSpace(c.Body.Text) == ""
	c.Preview.Refresh()
	if c.To != nil {
		nums, _ := parseNumbers(c.To.Text, c.region)
		c.updateTotal(len(nums) + len(c.picked))
	}
}

func (c *Compose) updateTotal(recipients int) {
	if c.Total == nil || c.Body == nil {
		return
	}
	parts := sms.Count(c.sentBody()).Parts
	noun := "recipients"
	if recipients == 1 {
		noun = "recipient"
	}
	t := fmt.Sprintf("%d %s × %d SMS = %d SMS", recipients, noun, parts, recipients*parts)
	if len(c.picked) > 0 {
		t = fmt.Sprintf("%d numbers and groups × %d SMS", recipients, parts)
	}
	if c.price > 0 && len(c.picked) == 0 {
		t += fmt.Sprintf(" · about %.2f", float64(recipients*parts)*c.price)
	}
	if d := c.sending.campaignTime(recipients); d != "" && len(c.picked) == 0 {
		t += " · " + d
	}
	c.Total.SetText(t)
}

func (c *Compose) onSender(s string) {
	if strings.TrimSpace(s) == "" {
		setError(c.SenderError, "")
		return
	}
	setError(c.SenderError, "")
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
	if c.Repeat.Selected == "Custom rule…" {
		c.Rule.Show()
	} else {
		c.Rule.Hide()
	}
	if c.Birthday.Checked {
		c.Repeat.Disable()
	} else {
		c.Repeat.Enable()
	}
}
