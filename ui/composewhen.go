package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"minuit/scheduler"
	"minuit/ui/l10n"
)

// The send time is picked, not typed: a day in a calendar, a time among the
// quarter hours (another may still be typed), a zone by its city, and "no later
// than" as a delay after the send time.

// newWhenPickers makes compose's date button, time choice, zone choice and
// deadline choice.
func (c *Compose) newWhenPickers() {
	c.Date = widget.NewButtonWithIcon("", theme.CalendarIcon(), c.onPickDate)
	c.Date.Alignment = widget.ButtonAlignLeading
	var times []string
	for m := 0; m < 24*60; m += 15 {
		times = append(times, fmt.Sprintf("%02d:%02d", m/60, m%60))
	}
	c.Time = widget.NewSelectEntry(times)
	c.Time.SetPlaceHolder("09:30")
	c.Time.OnChanged = func(string) { c.onWhen() }
	c.zones = zoneChoices(c.m.deps.Zone)
	c.Zone = widget.NewSelect(zoneLabels(c.zones), func(string) { c.onWhen() })
	c.ZoneNote = widget.NewLabel("")
	c.ZoneNote.Importance = widget.LowImportance
	c.ZoneNote.Wrapping = fyne.TextWrapWord
	c.ZoneNote.Hide()
	c.Deadline = widget.NewSelect(deadlineLabels(0), func(string) { c.onWhen() })
}

// zoneChoice is a zone offered by its city.
type zoneChoice struct{ Label, Name string }

// zoneChoices are the computer's zone first, then the common ones, by city.
func zoneChoices(computer string) []zoneChoice {
	out := []zoneChoice{{zoneCity(computer), computer}}
	for _, z := range commonZones {
		if z != computer {
			out = append(out, zoneChoice{zoneCity(z), z})
		}
	}
	return out
}

func zoneLabels(zs []zoneChoice) []string {
	out := make([]string, len(zs))
	for i, z := range zs {
		out[i] = z.Label
	}
	return out
}

// zone is the chosen zone's name ("Europe/Paris").
func (c *Compose) zone() string {
	for _, z := range c.zones {
		if z.Label == c.Zone.Selected {
			return z.Name
		}
	}
	return c.m.deps.Zone
}

// setZone chooses a zone by name, adding it when it is not offered (a message
// planned from the CLI in another zone).
func (c *Compose) setZone(name string) {
	for _, z := range c.zones {
		if z.Name == name {
			c.Zone.SetSelected(z.Label)
			return
		}
	}
	c.zones = append(c.zones, zoneChoice{zoneCity(name), name})
	c.Zone.SetOptions(zoneLabels(c.zones))
	c.Zone.SetSelected(zoneCity(name))
}

// setDate shows the chosen day on the date button.
func (c *Compose) setDate(d time.Time) {
	c.date = time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
	c.Date.SetText(l10n.Date(c.date))
	c.onWhen()
}

// onPickDate opens a month calendar under the date button.
func (c *Compose) onPickDate() {
	var pop *widget.PopUp
	cal := widget.NewCalendar(c.date, func(t time.Time) {
		c.setDate(t)
		pop.Hide()
	})
	cnv := c.Window.Canvas()
	pop = widget.NewPopUp(cal, cnv)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(c.Date)
	pop.ShowAtPosition(pos.Add(fyne.NewPos(0, c.Date.Size().Height)))
}

// wallDate is the chosen day as "2006-01-02".
func (c *Compose) wallDate() string { return c.date.Format("2006-01-02") }

// deadlines are the "no later than" choices: a delay after the send time.
var deadlines = []time.Duration{0, 30 * time.Minute, time.Hour, 2 * time.Hour, 4 * time.Hour, 8 * time.Hour, 24 * time.Hour}

// deadlineLabel says a delay: "No limit", "2 hours later".
func deadlineLabel(d time.Duration) string {
	switch {
	case d <= 0:
		return lang.L("No limit")
	case d%time.Hour == 0:
		h := int(d / time.Hour)
		return lang.N("{{.Count}} hours after the send time", h, map[string]any{"Count": h})
	}
	m := int(d / time.Minute)
	return lang.N("{{.Count}} minutes after the send time", m, map[string]any{"Count": m})
}

// deadlineLabels lists the choices, with extra (a message's own delay) when it is
// not among them.
func deadlineLabels(extra time.Duration) []string {
	var out []string
	found := false
	for _, d := range deadlines {
		out = append(out, deadlineLabel(d))
		found = found || d == extra
	}
	if !found {
		out = append(out, deadlineLabel(extra))
	}
	return out
}

// setDeadline chooses a delay, offering it when it is not a usual one.
func (c *Compose) setDeadline(d time.Duration) {
	d = d.Round(time.Minute)
	c.Deadline.SetOptions(deadlineLabels(d))
	c.Deadline.SetSelected(deadlineLabel(d))
}

// window is the chosen "no later than" delay (0: none).
func (c *Compose) window() time.Duration {
	for _, d := range append(deadlines, c.extraDeadline()...) {
		if deadlineLabel(d) == c.Deadline.Selected {
			return d
		}
	}
	return 0
}

// extraDeadline is the message's own delay when it is not a usual one.
func (c *Compose) extraDeadline() []time.Duration {
	if c.editWindow > 0 {
		return []time.Duration{c.editWindow.Round(time.Minute)}
	}
	return nil
}

// onWhen says under the send time what a time a DST change skips becomes, and
// in which zone the times are when it is not the computer's.
func (c *Compose) onWhen() {
	if c.WhenNote == nil || c.Zone == nil {
		return
	}
	note := ""
	if !c.Now.Checked && !c.Birthday.Checked {
		note = scheduler.GapNote(c.wallDate()+" "+strings.TrimSpace(c.Time.Text), c.zone())
	}
	c.WhenNote.SetText(note)
	c.WhenNote.Hidden = note == ""
	c.WhenNote.Refresh()
	zoneNote := ""
	if z := c.zone(); c.m.otherZone(z, c.m.deps.Now()) {
		zoneNote = lang.L("The times are {{.Zone}} time; this computer shows {{.Computer}} time.",
			map[string]any{"Zone": zoneCity(z), "Computer": zoneCity(c.m.deps.Zone)})
	}
	c.ZoneNote.SetText(zoneNote)
	c.ZoneNote.Hidden = zoneNote == ""
	c.ZoneNote.Refresh()
	c.judge()
}
