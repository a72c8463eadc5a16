package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/lang"

	"minuit/ui/l10n"
)

// LineTexts are the cell's message lines: "09:00 Soldes d'hiver…", "10:00 3
// birthdays", and "+2 more" past maxCellLines.
func (c *DayCell) LineTexts() []string {
	if c.Day == 0 {
		return nil
	}
	var out []string
	for i, l := range c.Info.Lines {
		if i == maxCellLines {
			rest := len(c.Info.Lines) - maxCellLines
			out = append(out, lang.N("+{{.Count}} more", rest, map[string]any{"Count": rest}))
			break
		}
		at := l10n.Clock(l.At)
		if c.clock != nil {
			at = c.clock(l)
		}
		text := firstWords(l.Body, 22)
		if l.Birthday {
			text = lang.N("{{.Count}} birthdays", l.N, map[string]any{"Count": l10n.Int(l.N)})
		}
		out = append(out, at+" "+text)
	}
	return out
}

// CountText is what the cell says of what leaves ("3 planned", "2 sent").
func (c *DayCell) CountText() string {
	if c.Day == 0 {
		return ""
	}
	var parts []string
	if n := c.Info.Done(); n > 0 {
		parts = append(parts, lang.N("{{.Count}} sent", n, map[string]any{"Count": l10n.Int(n)}))
	}
	if n := c.Info.Pending; n > 0 {
		parts = append(parts, lang.N("{{.Count}} planned", n, map[string]any{"Count": l10n.Int(n)}))
	}
	return strings.Join(parts, " · ")
}

// ProblemText says how many went wrong ("3 failed, 1 missed"), or "".
func (c *DayCell) ProblemText() string {
	if c.Day == 0 {
		return ""
	}
	var parts []string
	if n := c.Info.Failed; n > 0 {
		parts = append(parts, lang.N("{{.Count}} failed", n, map[string]any{"Count": l10n.Int(n)}))
	}
	if n := c.Info.Missed; n > 0 {
		parts = append(parts, lang.N("{{.Count}} missed", n, map[string]any{"Count": l10n.Int(n)}))
	}
	return strings.Join(parts, ", ")
}

// SkippedText says how many the compliance rules kept or will keep ("3 skipped"):
// not a failure.
func (c *DayCell) SkippedText() string {
	if c.Day == 0 || c.Info.Skipped == 0 {
		return ""
	}
	return lang.N("{{.Count}} skipped", c.Info.Skipped, map[string]any{"Count": l10n.Int(c.Info.Skipped)})
}

// Problem reports whether the red marker shows.
func (c *DayCell) Problem() bool { return c.Day > 0 && c.Info.Failed+c.Info.Missed > 0 }

// fit writes full in t, shortened with "…" to the width.
func fit(t *canvas.Text, full string, width float32) {
	t.Text = full
	if width <= 0 || fyne.MeasureText(full, t.TextSize, t.TextStyle).Width <= width {
		return
	}
	r := []rune(full)
	for n := len(r) - 1; n > 0; n-- {
		if s := string(r[:n]) + "…"; fyne.MeasureText(s, t.TextSize, t.TextStyle).Width <= width {
			t.Text = s
			return
		}
	}
	t.Text = ""
}
