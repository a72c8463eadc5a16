package ui

import (
	"context"
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2/widget"

	"minuit/scheduler"
	"minuit/scheduler/sms"
)

// message builds the message from the fields, showing each problem beside its
// field. ok is false when something must be fixed. The rules are those of
// scheduler.Message.Check, the store's own check, so the window refuses what the
// CLI refuses, with the same sentences; only how the fields are written is the
// window's own.
func (c *Compose) message() (scheduler.Message, bool) {
	ok := true
	m := scheduler.Message{ID: c.editID, Body: c.Body.Text, Kind: scheduler.Transactional, Birthday: c.Birthday.Checked,
		TZ: strings.TrimSpace(c.Zone.Text), Originator: strings.TrimSpace(c.Sender.Text)}
	if c.Kind.Selected == "Marketing" {
		m.Kind = scheduler.Marketing
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
	var at time.Time
	if c.Now.Checked {
		m.At, at = scheduler.AtNow, c.m.deps.Now().In(loc)
	} else if t, err := parseWhen(c.Date.Text, c.Time.Text, loc); err != nil {
		setError(c.WhenError, plainError(err))
		ok, shown[c.WhenError] = false, true
	} else {
		m.At, at = strings.TrimSpace(c.Date.Text)+" "+strings.TrimSpace(c.Time.Text), t
	}

	if !m.Birthday {
		m.RRule = ruleFor(c.Repeat.Selected, c.Rule.Text)
		if c.Repeat.Selected == "Custom rule…" && m.RRule == "" {
			setError(c.RuleError, "Write the rule, e.g. FREQ=WEEKLY;BYDAY=MO.")
			ok, shown[c.RuleError] = false, true
		}
	}

	if d := strings.TrimSpace(c.Deadline.Text); d != "" && !at.IsZero() {
		dl, err := time.ParseInLocation(scheduler.WallLayout, d, loc)
		switch {
		case err != nil:
			setError(c.DeadlineError, "Write the deadline as 2026-12-24 12:00.")
			ok, shown[c.DeadlineError] = false, true
		case !dl.After(at):
			m.Window = -1 // Check says the deadline must be after the send time
		default:
			m.Window = dl.Sub(at)
		}
	}

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
		texts[l] = append(texts[l], e.Text)
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

// onWhen says, under the send time, what a time that a DST change skips becomes.
func (c *Compose) onWhen() {
	note := ""
	if !c.Now.Checked && !c.Birthday.Checked {
		note = scheduler.GapNote(strings.TrimSpace(c.Date.Text)+" "+strings.TrimSpace(c.Time.Text), strings.TrimSpace(c.Zone.Text))
	}
	c.WhenNote.SetText(note)
	c.WhenNote.Hidden = note == ""
	c.WhenNote.Refresh()
}

// onSave validates and stores the message, then closes the window.
func (c *Compose) onSave() {
	setError(c.SaveError, "")
	m, ok := c.message()
	if !ok {
		if c.SaveError.Hidden {
			setError(c.SaveError, "Fix what is shown in red, then save again.")
		}
		return
	}
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
				setError(c.SaveError, "Not saved: fix what is shown in red, then save again.")
			}
			return
		} else if err != nil {
			setError(c.SaveError, "Not saved: "+plainError(err))
			return
		}
		day, err := time.ParseInLocation(scheduler.WallLayout, m.At, c.m.loc)
		if m.At == scheduler.AtNow {
			day, err = c.m.deps.Now().In(c.m.loc), nil
		}
		if err == nil && !m.Birthday {
			cal := c.m.Calendar
			cal.Month = time.Date(day.Year(), day.Month(), 1, 0, 0, 0, 0, c.m.loc)
			cal.Day = day.Day()
		}
		c.m.changed()
		c.Window.Close()
	})
}
