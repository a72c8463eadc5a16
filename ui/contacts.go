package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"minuit/contacts"
)

const contactsPage = 200

// ContactsTab lists contacts (virtualised, paged), with search, group filter and a
// detail pane with consent.
type ContactsTab struct {
	m       *Main
	Rows    []contacts.Contact
	more    bool
	loading bool
	gen     int
	current contacts.Contact

	Search      *widget.Entry
	Group       *widget.Select
	Count       *widget.Label
	List        *widget.List
	Detail      *widget.Label
	Consent     *widget.Label
	OptIn       *widget.Button
	OptOut      *widget.Button
	Edit        *widget.Button
	Editor      *ContactEditor
	Import      *widget.Button
	Export      *widget.Button
	Status      *widget.Label
	Unavailable *widget.Label
}

func newContactsTab(m *Main) *ContactsTab { return &ContactsTab{m: m} }

func (t *ContactsTab) buildUI() fyne.CanvasObject {
	t.Search = widget.NewEntry()
	t.Search.SetPlaceHolder("Search a name, company or number…")
	t.Search.OnChanged = func(string) { t.Reload() }
	t.Group = widget.NewSelect([]string{"All contacts"}, func(string) { t.Reload() })
	t.Group.SetSelectedIndex(0)
	t.Import = widget.NewButtonWithIcon("Import…", theme.FolderOpenIcon(), t.onImport)
	t.Export = widget.NewButtonWithIcon("Export vCard…", theme.DownloadIcon(), t.onExport)
	t.Count = widget.NewLabel("")
	t.Count.Importance = widget.LowImportance
	bar := container.NewBorder(nil, nil, t.Group, container.NewHBox(t.Import, t.Export), t.Search)

	t.List = widget.NewList(func() int { return len(t.Rows) }, newContactRow, t.updateRow)
	t.List.OnSelected = t.onSelect
	t.Detail = widget.NewLabel("Select a contact.")
	t.Detail.Wrapping = fyne.TextWrapWord
	t.Consent = widget.NewLabel("")
	t.Consent.Wrapping = fyne.TextWrapWord
	t.OptIn = widget.NewButton("Agreed to marketing", func() { t.setConsent(contacts.ConsentOptedIn) })
	t.OptOut = widget.NewButton("Refused marketing", func() { t.setConsent(contacts.ConsentOptedOut) })
	t.Edit = widget.NewButtonWithIcon("Edit…", theme.DocumentCreateIcon(), t.onEdit)
	t.OptIn.Disable()
	t.OptOut.Disable()
	t.Edit.Disable()
	t.Status = widget.NewLabel("")
	t.Status.Wrapping = fyne.TextWrapWord
	t.Unavailable = widget.NewLabel("Contacts are not available in this version.")
	detail := container.NewBorder(nil, container.NewVBox(t.Edit, container.NewGridWithColumns(2, t.OptIn, t.OptOut), t.Status),
		nil, nil, container.NewVScroll(container.NewVBox(t.Detail, t.Consent)))
	split := container.NewHSplit(t.List, container.NewPadded(detail))
	split.Offset = 0.55
	if t.m.deps.Contacts == nil {
		return container.NewCenter(t.Unavailable)
	}
	return container.NewBorder(container.NewPadded(container.NewVBox(bar, t.Count)), nil, nil, nil, split)
}

func newContactRow() fyne.CanvasObject {
	name := widget.NewLabelWithStyle("Name", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.Truncation = fyne.TextTruncateEllipsis
	phone := widget.NewLabelWithStyle("+33600000000", fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	mark := widget.NewLabel("")
	return container.NewBorder(nil, nil, nil, container.NewHBox(phone, mark), name)
}

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
	switch {
	case len(c.Problems()) > 0 || c.Phone == "":
		mark.Importance = widget.DangerImportance
		mark.SetText("number problem")
	case c.Consent.Status == contacts.ConsentOptedOut:
		mark.Importance = widget.WarningImportance
		mark.SetText("refused")
	case c.Consent.Status == contacts.ConsentOptedIn:
		mark.Importance = widget.SuccessImportance
		mark.SetText("agreed")
	default:
		mark.Importance = widget.LowImportance
		mark.SetText("consent?")
	}
}

// Reload starts the list again with the current search and group.
func (t *ContactsTab) Reload() {
	if t.m.deps.Contacts == nil || t.List == nil {
		return
	}
	t.gen++
	t.Rows, t.more, t.loading = nil, true, false
	t.List.UnselectAll()
	t.List.Refresh()
	t.loadGroups()
	t.loadMore()
}

func (t *ContactsTab) loadGroups() {
	cs := t.m.deps.Contacts
	background(t.m.tk, func(ctx context.Context) ([]contacts.Group, error) { return cs.Groups(ctx) },
		func(gs []contacts.Group, err error) {
			if err != nil {
				return
			}
			opts := []string{"All contacts"}
			for _, g := range gs {
				opts = append(opts, g.Name)
			}
			t.Group.SetOptions(opts)
		})
}

func (t *ContactsTab) loadMore() {
	if t.loading || !t.more {
		return
	}
	t.loading = true
	q := contacts.Query{Text: strings.TrimSpace(t.Search.Text), Limit: contactsPage}
	if g := t.Group.Selected; g != "All contacts" {
		q.Group = g
	}
	if len(t.Rows) > 0 {
		q.After = t.Rows[len(t.Rows)-1].ID
	}
	gen, cs, searching := t.gen, t.m.deps.Contacts, q.Text != ""
	background(t.m.tk, func(ctx context.Context) ([]contacts.Contact, error) { return cs.List(ctx, q) },
		func(rows []contacts.Contact, err error) {
			if gen != t.gen {
				return
			}
			t.loading = false
			if err != nil {
				t.Status.SetText("Could not read the contacts: " + plainError(err))
				t.more = false
				return
			}
			t.Rows = append(t.Rows, rows...)
			t.more = len(rows) == contactsPage && !searching
			more := ""
			if t.more {
				more = "+"
			}
			t.Count.SetText(fmt.Sprintf("%d%s contacts", len(t.Rows), more))
			t.List.Refresh()
		})
}

func (t *ContactsTab) onSelect(i widget.ListItemID) {
	if i < 0 || i >= len(t.Rows) {
		return
	}
	id, cs := t.Rows[i].ID, t.m.deps.Contacts
	type detail struct {
		c  contacts.Contact
		hs []contacts.Consent
	}
	background(t.m.tk, func(ctx context.Context) (detail, error) {
		c, err := cs.Get(ctx, id)
		if err != nil {
			return detail{}, err
		}
		hs, err := cs.ConsentHistory(ctx, id)
		return detail{c, hs}, err
	}, func(d detail, err error) {
		if err != nil {
			t.Status.SetText("Could not read the contact: " + plainError(err))
			return
		}
		t.current = d.c
		t.Detail.SetText(contactText(d.c))
		var b strings.Builder
		b.WriteString("Consent history:\n")
		for _, h := range d.hs {
			fmt.Fprintf(&b, "• %s — %s (%s) %s\n", h.At.In(t.m.loc).Format("2 Jan 2006"), h.Status, h.Source, h.Proof)
		}
		if len(d.hs) == 0 {
			b.WriteString("nothing recorded yet\n")
		}
		t.Consent.SetText(b.String())
		t.OptIn.Enable()
		t.OptOut.Enable()
		t.Edit.Enable()
		t.Status.SetText("")
	})
}

func contactText(c contacts.Contact) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n", c.Name)
	if c.Company != "" {
		fmt.Fprintf(&b, "%s\n", c.Company)
	}
	for _, p := range c.Phones {
		n := p.Number
		if n == "" {
			n = p.Raw
		}
		fmt.Fprintf(&b, "☎ %s %s", n, p.Label)
		if p.Problem != "" {
			fmt.Fprintf(&b, " — %s", p.Problem)
		}
		b.WriteString("\n")
	}
	if c.Email != "" {
		fmt.Fprintf(&b, "✉ %s\n", c.Email)
	}
	if c.Birthday.Month != 0 {
		fmt.Fprintf(&b, "Birthday: %d %s\n", c.Birthday.Day, c.Birthday.Month)
	}
	if len(c.Groups) > 0 {
		fmt.Fprintf(&b, "Groups: %s\n", strings.Join(c.Groups, ", "))
	}
	fmt.Fprintf(&b, "Marketing consent: %s\n", c.Consent.Status)
	if c.NoMessages {
		b.WriteString("Never text this person.\n")
	}
	return b.String()
}

func (t *ContactsTab) setConsent(s contacts.ConsentStatus) {
	id, cs := t.current.ID, t.m.deps.Contacts
	if id == 0 {
		return
	}
	background(t.m.tk, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, cs.SetConsent(ctx, id, s, "app", "set by hand in Minuit")
	}, func(_ struct{}, err error) {
		if err != nil {
			t.Status.SetText("Could not save the consent: " + plainError(err))
			return
		}
		t.Status.SetText("Consent saved.")
		for i, r := range t.Rows {
			if r.ID == id {
				t.onSelect(i)
			}
		}
	})
}
