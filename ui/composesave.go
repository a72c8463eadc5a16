package ui

import (
	"context"
	"strings"
	"time"

	"minuit/scheduler"
	"minuit/scheduler/sms"
)

// message builds the message from the fields, showing each problem beside its
// field. ok is false when something must be fixed.
func (c *Compose) message() (scheduler.Message, bool) {
	ok := true
	m := scheduler.Message{ID: c.editID, Body: c.Body.Text, Kind: scheduler.Transactional, Birthday: c.Birthday.Checked,
		TZ: strings.TrimSpace(c.Zone.Text), Originator: strings.TrimSpace(c.Sender.Text)}
	if c.Kind.Selected == "Marketing" {
		m.Kind = scheduler.Marketing
	}

	nums, bad := parseNumbers(c.To.Text, c.region)
	for _, n := range nums {
		m.Recipients = append(m.Recipients, scheduler.RecipientRef{Kind: scheduler.ToNumber, Value: n})
	}
	m.Recipients = append(m.Recipients, c.picked...)
	switch {
	case len(bad) > 0:
		ok = false // the reasons are already shown
	case len(m.Recipients) == 0:
		setError(c.ToError, "Say who to send to: type a number, or add a contact or group.")
		ok = false
	}

	setError(c.BodyError, "")
	if strings.TrimSpace(m.Body) == "" {
		setError(c.BodyError, "The message is empty.")
		ok = false
	}

	setError(c.WhenError, "")
	loc, err := time.LoadLocation(m.TZ)
	if m.TZ == "" || err != nil {
		setError(c.WhenError, "“"+m.TZ+"” is not a time zone; pick one from the list, e.g. Europe/Paris.")
		return m, false
	}
	var at time.Time
	if c.Now.Checked {
		at = c.m.deps.Now().In(loc)
	} else if at, err = parseWhen(c.Date.Text, c.Time.Text, loc); err != nil {
		setError(c.WhenError, plainError(err))
		return m, false
	} else if !m.Birthday && c.editID == 0 && at.Before(c.m.deps.Now().Add(-time.Minute)) {
		setError(c.WhenError, "This time is already past: pick a later one, or tick “Send now”.")
		ok = false
	}
	m.At = at.Format(scheduler.WallLayout)

	setError(c.RuleError, "")
	if !m.Birthday {
		m.RRule = ruleFor(c.Repeat.Selected, c.Rule.Text)
		if c.Repeat.Selected == "Custom rule…" && m.RRule == "" {
			setError(c.RuleError, "Write the rule, e.g. FREQ=WEEKLY;BYDAY=MO.")
			ok = false
		}
	}

	setError(c.DeadlineError, "")
	if d := strings.TrimSpace(c.Deadline.Text); d != "" {
		dl, err := time.ParseInLocation(scheduler.WallLayout, d, loc)
		switch {
		case err != nil:
			setError(c.DeadlineError, "Write the deadline as 2026-12-24 12:00.")
			ok = false
		case !dl.After(at):
			setError(c.DeadlineError, "The deadline must be after the send time.")
			ok = false
		default:
			m.Window = dl.Sub(at)
		}
	}

	setError(c.SenderError, "")
	if m.Originator != "" {
		if err := sms.ValidateOriginator(m.Originator); err != nil {
			setError(c.SenderError, plainError(err))
			ok = false
		}
	}
	if ok {
		if err := m.Validate(); err != nil {
			setError(c.SaveError, plainError(err))
			ok = false
		}
	}
	return m, ok
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
		if err != nil {
			setError(c.SaveError, "Not saved: "+plainError(err))
			return
		}
		if day, err := time.ParseInLocation(scheduler.WallLayout, m.At, c.m.loc); err == nil && !m.Birthday {
			cal := c.m.Calendar
			cal.Month = time.Date(day.Year(), day.Month(), 1, 0, 0, 0, 0, c.m.loc)
			cal.Day = day.Day()
		}
		c.m.changed()
		c.Window.Close()
	})
}
