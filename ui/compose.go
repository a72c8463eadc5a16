package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"minuit/internal/minuit"
	"minuit/internal/phone"
	"minuit/scheduler"
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
	utm    bool   // revenue tracking: marketing links get UTM tags, counted too
	// audienceSeq numbers consent checks so that only the latest one is shown.
	audienceSeq int
	audience    skipCount // the latest check: how many recipients, who is skipped
	// judgeSeq numbers the rules' forecasts; forecast is the latest shown, of
	// judgeSeq forecastSeq.
	judgeSeq, forecastSeq int
	forecast              scheduler.Forecast
	allSkippedOK          bool // saving anyway was confirmed
	// sample is the first recipient's placeholder values, for the preview.
	sample     map[string]string
	sampleName string
	price      priceInfo
	sending    Sending // where messages leave from; pacing gives the campaign's duration
	date       time.Time
	zones      []zoneChoice
	editWindow time.Duration // the edited message's own "no later than" delay
	initial    string        // the fields as opened, to tell a change
	saved      bool          // closing after a save asks nothing
	ready      bool          // filled: changes are judged from now on

	To, Body, Rule, Sender                    *widget.Entry
	Find                                      *widget.SelectEntry
	Picked                                    *widget.Label
	ClearPicked                               *widget.Button
	Date                                      *widget.Button // opens a calendar
	Time                                      *widget.SelectEntry
	Zone, Deadline                            *widget.Select
	Now, Birthday                             *widget.Check
	Repeat                                    *widget.Select
	Kind                                      *widget.RadioGroup
	Skips                                     *widget.Label // the rules' effect: held until when, skipped
	Counter, Forced, Warnings, Preview, Total *widget.Label
	ToError, BodyError, WhenError, RuleError  *widget.Label
	WhenNote, ZoneNote                        *widget.Label // a DST gap; the zone when not the computer's
	DeadlineError, SenderError, SaveError     *widget.Label
	Save, Close                               *widget.Button
}

// OpenCompose opens the compose window: for msg (edit; ID 0 duplicates), or new,
// pre-filled with day when it is set.
func (m *Main) OpenCompose(msg *scheduler.Message, day time.Time) *Compose {
	c := &Compose{m: m, footer: scheduler.PolicyDefaults[scheduler.KeyFooter], names: map[string]string{},
		found: map[string]scheduler.RecipientRef{}, region: phone.DefaultRegion()}
	title := lang.L("New message")
	if msg != nil && msg.ID != 0 {
		c.editID, title = msg.ID, lang.L("Edit message")
	}
	c.Window = m.App.NewWindow(title + " — Minuit")
	c.Window.SetContent(c.buildUI())
	c.fill(msg, day)
	c.initial, c.ready = c.fields(), true
	c.Window.SetCloseIntercept(c.onClose)
	c.Window.Resize(fyne.NewSize(640, 780))
	c.loadSettings()
	c.checkAudience()
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
	c.Find.SetPlaceHolder(lang.L("Add a contact or group: type a name…"))
	c.Find.OnChanged = c.onFind
	c.Picked = widget.NewLabel("")
	c.Picked.Wrapping = fyne.TextWrapWord
	c.ClearPicked = widget.NewButtonWithIcon("", theme.ContentClearIcon(), func() { c.picked = nil; c.onRecipients() })

	c.Body = widget.NewMultiLineEntry()
	c.Body.SetPlaceHolder(lang.L("Hello {first_name}, your order is ready."))
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

	c.newWhenPickers()
	c.Now = widget.NewCheck(lang.L("Send now"), func(on bool) { c.onNow(on) })
	c.WhenError = newErrorLabel()
	c.WhenNote = widget.NewLabel("")
	c.WhenNote.Importance = widget.WarningImportance
	c.WhenNote.Wrapping = fyne.TextWrapWord
	c.WhenNote.Hide()
	c.Repeat = widget.NewSelect(repeatLabels(), func(string) { c.onRepeat() })
	c.Rule = widget.NewEntry()
	c.Rule.SetPlaceHolder("FREQ=WEEKLY;BYDAY=MO,TH")
	c.Rule.OnChanged = func(string) { c.judge() }
	c.RuleError = newErrorLabel()
	c.Birthday = widget.NewCheck(lang.L("On each contact's birthday, at this time"), func(bool) { c.onRepeat() })
	c.DeadlineError = newErrorLabel()
	c.Kind = widget.NewRadioGroup([]string{kindTransactional(), kindMarketing()}, func(string) { c.onBody(); c.checkAudience() })
	c.Skips = newSkipsLabel()
	c.Kind.Horizontal = true
	c.Sender = widget.NewEntry()
	c.Sender.SetPlaceHolder(lang.L("default of the provider, e.g. MyShop"))
	c.Sender.OnChanged = func(s string) { c.onSender(s) }
	c.SenderError = newErrorLabel()
	c.Total = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	c.Total.Wrapping = fyne.TextWrapWord
	c.SaveError = newErrorLabel()
	c.Save = widget.NewButtonWithIcon(lang.L("Save"), theme.ConfirmIcon(), c.onSave)
	c.Save.Importance = widget.HighImportance
	c.Close = widget.NewButton(lang.L("Close"), c.onClose)

	section := func(title string) fyne.CanvasObject {
		return widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	when := container.NewBorder(nil, nil, nil, container.NewGridWithColumns(2, c.Time, c.Zone), c.Date)
	form := container.NewVBox(
		section(lang.L("To")), c.To, c.ToError, container.NewBorder(nil, nil, nil, c.ClearPicked, c.Find), c.Picked,
		section(lang.L("Message")), c.Body, c.Counter, c.Forced, c.Warnings, c.BodyError, c.Preview,
		section(lang.L("When")), when, c.ZoneNote, c.Now, c.WhenError, c.WhenNote,
		container.NewGridWithColumns(2, c.Repeat, c.Rule), c.RuleError, c.Birthday,
		container.NewBorder(nil, nil, widget.NewLabel(lang.L("No later than")), nil, c.Deadline), c.DeadlineError,
		section(lang.L("Kind and sender")), c.Kind, c.Sender, c.SenderError,
	)
	buttons := container.NewVBox(widget.NewSeparator(), c.Skips, c.Total, c.SaveError,
		container.NewHBox(layout.NewSpacer(), c.Close, c.Save))
	return container.NewBorder(nil, container.NewPadded(buttons), nil, nil, container.NewVScroll(container.NewPadded(form)))
}

func (c *Compose) fill(msg *scheduler.Message, day time.Time) {
	now := c.m.deps.Now().In(c.m.loc)
	c.setZone(c.m.deps.Zone)
	c.Kind.SetSelected(kindTransactional())
	c.Repeat.SetSelected(repeatOnce())
	c.setDeadline(0)
	at := now.Add(time.Hour).Truncate(time.Hour)
	if !day.IsZero() {
		at = time.Date(day.Year(), day.Month(), day.Day(), 9, 0, 0, 0, c.m.loc)
	}
	c.setDate(at)
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
			if day, err := time.Parse("2006-01-02", d); err == nil {
				c.setDate(day)
			}
			c.Time.SetText(t)
		}
		c.setZone(msg.TZ)
		label, custom := repeatFor(msg.RRule)
		c.Repeat.SetSelected(label)
		c.Rule.SetText(custom)
		c.Birthday.SetChecked(msg.Birthday)
		if msg.Kind == minuit.Marketing {
			c.Kind.SetSelected(kindMarketing())
		}
		c.Sender.SetText(msg.Originator)
		c.editWindow = max(msg.Window, 0)
		c.setDeadline(c.editWindow)
	}
	c.onRepeat()
	c.onRecipients()
	c.onBody()
}

// onRecipients validates typed numbers as they are typed.
func (c *Compose) onRecipients() {
	_, bad := parseNumbers(c.To.Text, c.region)
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
	c.updateTotal()
	c.checkAudience()
}
