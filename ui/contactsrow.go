package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"minuit/contacts"
	"minuit/internal/minuit"
	"minuit/ui/l10n"
)

// newContactRow is a row of the contacts list: the name, the number to text, and
// a mark (the consent, or a number problem).
func newContactRow() fyne.CanvasObject {
	name := widget.NewLabelWithStyle(lang.L("Name"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.Truncation = fyne.TextTruncateEllipsis
	phone := widget.NewLabelWithStyle("+33600000000", fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	mark := widget.NewLabel("")
	return container.NewBorder(nil, nil, nil, container.NewHBox(phone, mark), name)
}

// updateRow shows contact i in a row; the last rows read the next page.
func (t *ContactsTab) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(t.Rows)-contactsPage/4 {
		t.loadMore()
	}
	c := t.Rows[i]
	b := o.(*fyne.Container)
	b.Objects[0].(*widget.Label).SetText(c.Name)
	right := b.Objects[1].(*fyne.Container)
	right.Objects[0].(*widget.Label).SetText(c.Phone)
	mark := right.Objects[1].(*widget.Label)
	imp, text := rowMark(c)
	if mark.Importance != imp || mark.Text != text {
		mark.Importance = imp
		mark.SetText(text)
	}
}

// rowMark is what a row says at its right: a number problem only when no number
// can receive SMS (a mobile beside a landline or a fax is fine), else the consent.
func rowMark(c contacts.Contact) (widget.Importance, string) {
	switch {
	case c.Phone == "":
		return widget.DangerImportance, lang.L("number problem")
	case c.Consent.Status == minuit.ConsentOptedOut:
		return widget.WarningImportance, l10n.ConsentLabel(minuit.ConsentOptedOut)
	case c.Consent.Status == minuit.ConsentOptedIn:
		return widget.SuccessImportance, l10n.ConsentLabel(minuit.ConsentOptedIn)
	}
	return widget.LowImportance, lang.L("consent?")
}
