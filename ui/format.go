package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"minuit/ui/l10n"
)

func itoa(n int) string { return strconv.Itoa(n) }

// plainError is err as one sentence for the shop owner, without package prefixes.
func plainError(err error) string {
	if err == nil {
		return ""
	}
	msg := l10n.Sentence(err)

	if !strings.HasSuffix(msg, ".") {
		msg += "."
	}
	return msg
}

// newErrorLabel is the red sentence shown under a field; hidden while empty.
func newErrorLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = 3 // fyne.TextWrapWord
	l.Hide()
	return l
}

// setError shows msg under a field, or hides the label when msg is "".
func setError(l *widget.Label, msg string) {
	l.SetText(msg)
	if msg == "" {
		l.Hide()
	} else {
		l.Show()
	}
}

// columnLayout centres its objects in a column at most maxWidth wide, stacked at
// their minimum heights (a readable form on a wide window).
type columnLayout struct{ maxWidth float32 }

func (l columnLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	w := min(size.Width, l.maxWidth)
	x := (size.Width - w) / 2
	for _, o := range objs {
		o.Resize(fyne.NewSize(w, o.MinSize().Height))
		o.Move(fyne.NewPos(x, 0))
	}
}

func (l columnLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return s
}
