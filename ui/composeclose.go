package ui

import (
	"strings"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
)

// fields is what was typed, to tell whether closing would lose something.
func (c *Compose) fields() string {
	var refs []string
	for _, r := range c.picked {
		refs = append(refs, r.Kind+":"+r.Value)
	}
	return strings.Join([]string{c.To.Text, strings.Join(refs, ","), c.Body.Text, c.wallDate(), c.Time.Text,
		c.zone(), c.Repeat.Selected, c.Rule.Text, c.Deadline.Selected, c.Kind.Selected, c.Sender.Text,
		strings.Repeat("b", boolInt(c.Birthday.Checked)), strings.Repeat("n", boolInt(c.Now.Checked))}, "\x00")
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// onClose closes the window, asking first when something typed would be lost.
func (c *Compose) onClose() {
	if c.saved || c.fields() == c.initial {
		c.Window.Close()
		return
	}
	d := dialog.NewConfirm(lang.L("Discard this message?"),
		lang.L("What you typed is not saved. Close the window and lose it?"), func(discard bool) {
			if discard {
				c.saved = true // nothing left to ask about
				c.Window.Close()
			}
		}, c.Window)
	d.SetConfirmText(lang.L("Discard"))
	d.SetDismissText(lang.L("Keep editing"))
	d.Show()
}
