package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"minuit/contacts"
)

// ContactEditor is the form that edits one contact.
type ContactEditor struct {
	Name, First, Last, Company, Email, Groups, Notes *widget.Entry
	NoMessages                                       *widget.Check
	Dialog                                           dialog.Dialog
}

// onEdit opens the edit form for the selected contact.
func (t *ContactsTab) onEdit() {
	c := t.current
	if c.ID == 0 {
		return
	}
	e := &ContactEditor{}
	entry := func(v string) *widget.Entry { w := widget.NewEntry(); w.SetText(v); return w }
	e.Name, e.First, e.Last = entry(c.Name), entry(c.FirstName), entry(c.LastName)
	e.Company, e.Email = entry(c.Company), entry(c.Email)
	e.Groups = entry(strings.Join(c.Groups, ", "))
	e.Groups.SetPlaceHolder("VIP, Newsletter")
	e.Notes = widget.NewMultiLineEntry()
	e.Notes.SetText(c.Notes)
	e.NoMessages = widget.NewCheck("Never text this person, not even order updates", nil)
	e.NoMessages.SetChecked(c.NoMessages)
	items := []*widget.FormItem{
		widget.NewFormItem("Name", e.Name), widget.NewFormItem("First name", e.First),
		widget.NewFormItem("Last name", e.Last), widget.NewFormItem("Company", e.Company),
		widget.NewFormItem("Email", e.Email), widget.NewFormItem("Groups", e.Groups),
		widget.NewFormItem("Notes", e.Notes), widget.NewFormItem("", e.NoMessages),
	}
	d := dialog.NewForm("Edit "+c.Name, "Save", "Cancel", items, func(ok bool) {
		if ok {
			t.saveContact(e.apply(c))
		}
	}, t.m.Window)
	d.Resize(fyne.NewSize(520, 520))
	e.Dialog = d
	t.Editor = e
	d.Show()
}

// apply returns c with the form's values.
func (e *ContactEditor) apply(c contacts.Contact) contacts.Contact {
	c.Name, c.FirstName, c.LastName = strings.TrimSpace(e.Name.Text), strings.TrimSpace(e.First.Text), strings.TrimSpace(e.Last.Text)
	c.Company, c.Email, c.Notes = strings.TrimSpace(e.Company.Text), strings.TrimSpace(e.Email.Text), e.Notes.Text
	c.Groups = nil
	for _, g := range strings.Split(e.Groups.Text, ",") {
		if g = strings.TrimSpace(g); g != "" {
			c.Groups = append(c.Groups, g)
		}
	}
	c.NoMessages = e.NoMessages.Checked
	return c
}

func (t *ContactsTab) saveContact(c contacts.Contact) {
	cs := t.m.deps.Contacts
	background(t.m.tk, func(ctx context.Context) (struct{}, error) { return struct{}{}, cs.Update(ctx, c) },
		func(_ struct{}, err error) {
			if err != nil {
				t.Status.SetText("Not saved: " + plainError(err))
				return
			}
			t.Status.SetText("Saved.")
			for i, r := range t.Rows {
				if r.ID == c.ID {
					t.Rows[i].Name = c.Name
					t.List.RefreshItem(i)
					t.onSelect(i)
				}
			}
		})
}
