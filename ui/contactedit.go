package ui

import (
	"context"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"minuit/contacts"
)

// ContactEditor is the form that creates a contact ("New contact") or edits the
// selected one: names, company, email, numbers, birthday, groups, notes and
// "never text". It stays open until saved, saying what is wrong.
type ContactEditor struct {
	t    *ContactsTab
	orig contacts.Contact // ID 0: a new contact

	Name, First, Last, Company, Email, Notes *widget.Entry
	Phones                                   []*PhoneField
	AddPhone                                 *widget.Button
	Day, Month                               *widget.Select
	Year                                     *widget.Entry
	Groups                                   *widget.CheckGroup
	NewGroups                                *widget.Entry
	NoMessages                               *widget.Check
	Error                                    *widget.Label
	Save, Cancel                             *widget.Button
	Dialog                                   *dialog.CustomDialog
	phoneBox                                 *fyne.Container
}

func (t *ContactsTab) onNew() { t.openEditor(contacts.Contact{}) }

// onEdit opens the form for the selected contact.
func (t *ContactsTab) onEdit() {
	if t.current.ID == 0 || t.current.ID != t.sel {
		return
	}
	t.openEditor(t.current)
}

func (t *ContactsTab) openEditor(c contacts.Contact) {
	e := &ContactEditor{t: t, orig: c}
	entry := func(v string) *widget.Entry { w := widget.NewEntry(); w.SetText(v); return w }
	e.Name, e.First, e.Last = entry(c.Name), entry(c.FirstName), entry(c.LastName)
	e.Company, e.Email = entry(c.Company), entry(c.Email)
	e.Notes = widget.NewMultiLineEntry()
	e.Notes.SetText(c.Notes)
	e.phoneBox = container.NewVBox()
	for _, p := range c.Phones {
		e.addPhone(p)
	}
	if len(c.Phones) == 0 {
		e.addPhone(contacts.Phone{Label: "cell"})
	}
	e.AddPhone = widget.NewButtonWithIcon(lang.L("Add a number"), theme.ContentAddIcon(), func() { e.addPhone(contacts.Phone{Label: "cell"}) })
	e.buildBirthday(c.Birthday)
	opts := append(slices.Clone(t.groups), c.Groups...)
	slices.SortFunc(opts, func(a, b string) int { return strings.Compare(contacts.GroupKey(a), contacts.GroupKey(b)) })
	opts = slices.CompactFunc(opts, func(a, b string) bool { return contacts.GroupKey(a) == contacts.GroupKey(b) })
	e.Groups = widget.NewCheckGroup(opts, nil)
	e.Groups.Horizontal = len(opts) <= 3 // more go one under the other
	e.Groups.SetSelected(c.Groups)
	e.NewGroups = widget.NewEntry()
	e.NewGroups.SetPlaceHolder(lang.L("New groups, separated by commas"))
	e.NoMessages = widget.NewCheck(lang.L("Never text this person, not even order updates"), nil)
	e.NoMessages.SetChecked(c.NoMessages)
	e.Error = newErrorLabel()
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Name"), e.Name), widget.NewFormItem(lang.L("First name"), e.First),
		widget.NewFormItem(lang.L("Last name"), e.Last), widget.NewFormItem(lang.L("Company"), e.Company),
		widget.NewFormItem(lang.L("Numbers"), container.NewVBox(e.phoneBox, container.NewHBox(e.AddPhone))),
		widget.NewFormItem(lang.L("Email"), e.Email),
		widget.NewFormItem(lang.L("Birthday"), container.NewGridWithColumns(3, e.Day, e.Month, e.Year)),
		widget.NewFormItem(lang.L("Groups"), container.NewVBox(e.Groups, e.NewGroups)),
		widget.NewFormItem(lang.L("Notes"), e.Notes), widget.NewFormItem("", e.NoMessages))
	e.Save = widget.NewButtonWithIcon(lang.L("Save"), theme.ConfirmIcon(), e.onSave)
	e.Save.Importance = widget.HighImportance
	e.Cancel = widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), func() { e.Dialog.Hide() })
	title := lang.L("New contact")
	if c.ID != 0 {
		title = lang.L("Edit {{.Name}}", map[string]any{"Name": c.Name})
	}
	body := container.NewBorder(nil, e.Error, nil, nil, container.NewVScroll(form))
	e.Dialog = dialog.NewCustomWithoutButtons(title, body, t.m.Window)
	e.Dialog.SetButtons([]fyne.CanvasObject{e.Cancel, e.Save})
	e.Dialog.Resize(fyne.NewSize(640, 620))
	t.Editor = e
	e.Dialog.Show()
}

// contact is the form's contact, or what is wrong with it.
func (e *ContactEditor) contact(now time.Time) (contacts.Contact, string) {
	c := e.orig
	c.Name, c.FirstName, c.LastName = strings.TrimSpace(e.Name.Text), strings.TrimSpace(e.First.Text), strings.TrimSpace(e.Last.Text)
	if c.Name == "" && c.FirstName == "" && c.LastName == "" {
		return c, lang.L("Give the contact a name.")
	}
	c.Company, c.Email, c.Notes = strings.TrimSpace(e.Company.Text), strings.TrimSpace(e.Email.Text), e.Notes.Text
	c.Phones = nil
	for _, f := range e.Phones {
		if p := f.phone(); p.Raw != "" || p.Number != "" {
			c.Phones = append(c.Phones, p)
		}
	}
	var msg string
	if c.Birthday, msg = e.birthday(now); msg != "" {
		return c, msg
	}
	c.Groups = slices.Clone(e.Groups.Selected)
	for _, g := range strings.Split(e.NewGroups.Text, ",") {
		if g = strings.TrimSpace(g); g != "" {
			c.Groups = append(c.Groups, g)
		}
	}
	c.NoMessages = e.NoMessages.Checked
	return c, ""
}

// onSave checks the form, then creates or updates the contact; the form stays
// open with the reason when the store refuses (a number of another contact).
func (e *ContactEditor) onSave() {
	c, msg := e.contact(e.t.m.deps.Now())
	setError(e.Error, msg)
	if msg != "" {
		return
	}
	t, cs := e.t, e.t.m.deps.Contacts
	e.Save.Disable()
	background(t.m.tk, func(ctx context.Context) (int64, error) {
		if c.ID == 0 {
			return cs.Create(ctx, c)
		}
		return c.ID, cs.Update(ctx, c)
	}, func(id int64, err error) {
		e.Save.Enable()
		if err != nil {
			setError(e.Error, lang.L("Not saved: {{.Why}}", map[string]any{"Why": plainError(err)}))
			return
		}
		e.Dialog.Hide()
		t.Status.SetText(lang.L("Saved."))
		t.loadGroups()
		if c.ID == 0 {
			t.reloadList()
			t.keep = id // selected when the list shows it
			return
		}
		t.refreshContact(id)
	})
}
