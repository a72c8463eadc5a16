package ui

import (
	"context"
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"minuit/internal/minuit"
	"minuit/scheduler"
	"minuit/scheduler/sms"
	"minuit/ui/l10n"
)

// message builds the message from the fields, showing each problem beside its
// field. ok is false when something must be fixed. The rules are those of
// scheduler.Message.Check, the store's own check, so the window refuses what the
// CLI refuses, with the same sentences; only how the fields are written is the
// window's own.
func (c *Compose) message() (scheduler.Message, bool) {
	ok := true
	m := scheduler.Message{ID: c.editID, Body: c.Body.Text, Kind: minuit.Transactional, Birthday: c.Birthday.Checked,
		TZ: c.zone(), Originator: strings.TrimSpace(c.Sender.Text)}
	if c.Kind.Selected == kindMarketing() {
		m.Kind = minuit.Marketing
	}
	for _, l := range []*widget.Label{c.BodyError, c.WhenError, c.RuleError, c.DeadlineError, c.SenderError} {
		setError(l, "")
	}
	shown := map[*widget.Label]bool{} // fields whose own problem is already shown

	nums, bad := parseNumbers(c.To.Text, c.region)
	for _, n := range nums {
		m.Recipients = append(m.Recipients, scheduler.RecipientRef{Kind: scheduler.ToNumber, Value: n})
	}
	m.Recipients = append(m.Recipients, c.picked...)
	if len(bad) > 0 {
		ok, shown[c.ToError] = false, true // the reasons are already shown
	} else {
		setError(c.ToError, "")
	}

	loc, zoneErr := time.LoadLocation(m.TZ)
	if zoneErr != nil {
		loc = time.UTC // the zone's own problem comes from Check
	}
	if c.Now.Checked {
		m.At = scheduler.AtNow
	} else if _, err := parseWhen(c.wallDate(), c.Time.Text, loc); err != nil {
		setError(c.WhenError, plainError(err))
		ok, shown[c.WhenError] = false, true
	} else {
		m.At = c.wallDate() + " " + strings.TrimSpace(c.Time.Text)
	}

	if !m.Birthday {
		m.RRule = ruleFor(c.Repeat.Selected, c.Rule.Text)
		if c.Repeat.Selected == repeatCustom() && m.RRule == "" {
			setError(c.RuleError, lang.L("Write the rule, e.g. {{.Example}}.", map[string]any{"Example": "FREQ=WEEKLY;BYDAY=MO"}))
			ok, shown[c.RuleError] = false, true
		}
	}

	m.Window = c.window()

	if m.Originator != "" {
		if err := sms.ValidateOriginator(m.Originator); err != nil {
			setError(c.SenderError, plainError(err))
			ok = false
		}
	}
	err := m.Check(scheduler.PlanCheck{Now: c.m.deps.Now(), Footer: scheduler.FooterText(c.footer), Editing: c.editID != 0})
	if c.showPlanErrors(err, shown) {
		ok = false
	}
	return m, ok
}

// showPlanErrors shows each of the plan's problems (scheduler.PlanErrors) beside
// its field, except on fields whose own problem is shown; it reports whether
// there was any problem.
func (c *Compose) showPlanErrors(err error, shown map[*widget.Label]bool) bool {
	var errs scheduler.PlanErrors
	if !errors.As(err, &errs) {
		return false
	}
	texts := map[*widget.Label][]string{}
	var order []*widget.Label
	for _, e := range errs {
		l := c.fieldError(e.Field)
		if shown[l] {
			continue
		}
		if texts[l] == nil {
			order = append(order, l)
		}
		texts[l] = append(texts[l], l10n.Sentence(e))
	}
	for _, l := range order {
		setError(l, strings.Join(texts[l], "\n"))
	}
	return true
}

// fieldError is the red label beside a plan's field (scheduler.Field…).
func (c *Compose) fieldError(field string) *widget.Label {
	switch field {
	case scheduler.FieldTo:
		return c.ToError
	case scheduler.FieldText:
		return c.BodyError
	case scheduler.FieldWhen:
		return c.WhenError
	case scheduler.FieldRepeat:
		return c.RuleError
	case scheduler.FieldDeadline:
		return c.DeadlineError
	}
	return c.SaveError
}

// onSave validates and stores the message, then closes the window.
func (c *Compose) onSave() {
	setError(c.SaveError, "")
	m, ok := c.message()
	if !ok {
		if c.SaveError.Hidden {
			setError(c.SaveError, lang.L("Fix what is shown in red, then save again."))
		}
		return
	}
	if f, ok := c.judged(); ok && f.Recipients > 0 && len(f.Skipped) == f.Recipients && !c.allSkippedOK {
		d := dialog.NewConfirm(lang.L("Nobody will get this message"),
			lang.L("The rules will skip every recipient: {{.Reasons}}. Save it anyway?", map[string]any{"Reasons": skipSummary(f.Skipped)}),
			func(yes bool) {
				if yes {
					c.allSkippedOK = true
					c.onSave()
				}
			}, c.Window)
		d.SetConfirmText(lang.L("Save anyway"))
		d.SetDismissText(lang.L("Go back"))
		d.Show()
		return
	}
	c.store(m)
}

// store saves m, then shows its day in the calendar and closes the window.
func (c *Compose) store(m scheduler.Message) {
	c.Save.Disable()
	st := c.m.deps.Store
	background(c.m.tk, func(ctx context.Context) (int64, error) {
		if m.ID != 0 {
			return m.ID, st.UpdateMessage(ctx, m)
		}
		return st.CreateMessage(ctx, m)
	}, func(_ int64, err error) {
		c.Save.Enable()
		if c.showPlanErrors(err, nil) {
			if c.SaveError.Hidden {
				setError(c.SaveError, lang.L("Not saved: fix what is shown in red, then save again."))
			}
			return
		} else if err != nil {
			setError(c.SaveError, lang.L("Not saved: {{.Why}}", map[string]any{"Why": plainError(err)}))

			return
		}
		day, err := time.ParseInLocation(scheduler.WallLayout, m.At, c.m.zoneLoc(m.TZ))
		if m.At == scheduler.AtNow {
			day, err = c.m.deps.Now(), nil
		}
		day = day.In(c.m.loc)
		if err == nil && !m.Birthday {
			cal := c.m.Calendar
			cal.Month = time.Date(day.Year(), day.Month(), 1, 0, 0, 0, 0, c.m.loc)
			cal.Day = day.Day()
		}
		c.saved = true
		c.m.changed()
		c.Window.Close()
	})
}
