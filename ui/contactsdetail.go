package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"minuit/contacts"
	"minuit/internal/minuit"
	"minuit/ui/l10n"
)

// buildDetail is the pane of the selected contact: what is known, the consent
// history, and the actions, disabled while no contact is selected.
func (t *ContactsTab) buildDetail() fyne.CanvasObject {
	t.Detail = widget.NewLabel(lang.L("Select a contact."))
	t.Detail.Wrapping = fyne.TextWrapWord
	t.Consent = widget.NewLabel("")
	t.Consent.Wrapping = fyne.TextWrapWord
	t.OptIn = widget.NewButton(lang.L("Agreed to marketing"), func() { t.setConsent(minuit.ConsentOptedIn) })
	t.OptOut = widget.NewButton(lang.L("Refused marketing"), func() { t.setConsent(minuit.ConsentOptedOut) })
	t.Edit = widget.NewButtonWithIcon(lang.L("Edit…"), theme.DocumentCreateIcon(), t.onEdit)
	t.Delete = widget.NewButtonWithIcon(lang.L("Delete…"), theme.DeleteIcon(), t.onDelete) // red only when confirming
	t.Status = widget.NewLabel("")
	t.Status.Wrapping = fyne.TextWrapWord
	t.Unavailable = widget.NewLabel(lang.L("Contacts are not available in this version."))
	t.setActions(false)
	actions := container.NewVBox(container.NewGridWithColumns(2, t.Edit, t.Delete),
		container.NewGridWithColumns(2, t.OptIn, t.OptOut), t.Status)
	return container.NewBorder(nil, actions, nil, nil, container.NewVScroll(container.NewVBox(t.Detail, t.Consent)))
}

// setActions enables the buttons that act on the selected contact, or disables
// them. Delete shows only where contacts can be erased (Deps.ForgetContact).
func (t *ContactsTab) setActions(on bool) {
	t.Delete.Hidden = t.m.deps.ForgetContact == nil
	for _, b := range []*widget.Button{t.OptIn, t.OptOut, t.Edit, t.Delete} {
		if on {
			b.Enable()
		} else {
			b.Disable()
		}
	}
}

// clearDetail: nothing is selected, so nothing is shown and nothing can be changed.
func (t *ContactsTab) clearDetail() {
	t.sel, t.current = 0, contacts.Contact{}
	t.Detail.SetText(lang.L("Select a contact."))
	t.Consent.SetText("")
	t.setActions(false)
}

// selectKept selects again the contact selected before a reload, if the list has it.
func (t *ContactsTab) selectKept() {
	id := t.keep
	t.keep = 0
	for i, r := range t.Rows {
		if id != 0 && r.ID == id {
			t.List.Select(i)
			return
		}
	}
}

func (t *ContactsTab) onSelect(i widget.ListItemID) {
	if i < 0 || i >= len(t.Rows) {
		return
	}
	t.sel, t.current = t.Rows[i].ID, contacts.Contact{}
	t.setActions(false) // until the contact is read
	t.refreshContact(t.sel)
}

// refreshContact reads a contact and its consent history again: its row in the
// list shows what changed, and so does the detail pane while it is selected.
func (t *ContactsTab) refreshContact(id int64) {
	cs := t.m.deps.Contacts
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
			if t.sel == id {
				t.Status.SetText(lang.L("Could not read the contact: {{.Why}}", map[string]any{"Why": plainError(err)}))
			}
			return
		}
		for i := range t.Rows {
			if t.Rows[i].ID == id {
				t.Rows[i] = d.c
				t.List.RefreshItem(i)
			}
		}
		if t.sel != id {
			return // another contact was selected meanwhile, or none
		}
		t.current = d.c
		t.Detail.SetText(contactText(d.c))
		t.Consent.SetText(consentText(d.hs, t.m.loc))
		t.setActions(true)
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
	if !c.Birthday.IsZero() {
		b.WriteString(lang.L("Birthday: {{.Date}}", map[string]any{"Date": birthdayText(c.Birthday)}) + "\n")
	}
	if len(c.Groups) > 0 {
		b.WriteString(lang.L("Groups: {{.Names}}", map[string]any{"Names": strings.Join(c.Groups, ", ")}) + "\n")
	}
	b.WriteString(lang.L("Marketing consent: {{.Status}}", map[string]any{"Status": l10n.ConsentLabel(c.Consent.Status)}) + "\n")
	if c.NoMessages {
		b.WriteString(lang.L("Never text this person.") + "\n")
	}
	return b.String()
}

// birthdayText is "22 March" or "22 March 1980".
func birthdayText(b minuit.Birthday) string {
	s := fmt.Sprintf("%d %s", b.Day, l10n.MonthName(b.Month))
	if b.Year != 0 {
		s += fmt.Sprintf(" %d", b.Year)
	}
	return s
}

// consentText is a contact's consent history, oldest first.
func consentText(hs []contacts.Consent, loc *time.Location) string {
	var b strings.Builder
	b.WriteString(lang.L("Consent history:") + "\n")
	for _, h := range hs {
		fmt.Fprintf(&b, "• %s — %s (%s) %s\n", l10n.ShortDate(h.At.In(loc)), l10n.ConsentLabel(h.Status), h.Source, h.Proof)
	}
	if len(hs) == 0 {
		b.WriteString(lang.L("nothing recorded yet") + "\n")
	}
	return b.String()
}

// setConsent records the consent of the contact selected in the list, never of
// another: the buttons act on t.current only while it is the selection.
func (t *ContactsTab) setConsent(s minuit.Consent) {
	id, cs := t.current.ID, t.m.deps.Contacts
	if id == 0 || id != t.sel {
		return
	}
	background(t.m.tk, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, cs.SetConsent(ctx, id, s, contacts.SourceApp, "set by hand in Minuit")
	}, func(_ struct{}, err error) {
		if err != nil {
			t.Status.SetText(lang.L("Could not save the consent: {{.Why}}", map[string]any{"Why": plainError(err)}))
			return
		}
		t.Status.SetText(lang.L("Consent saved."))
		t.refreshContact(id)
	})
}

// onDelete asks before erasing the selected contact for good.
func (t *ContactsTab) onDelete() {
	c := t.current
	if c.ID == 0 || c.ID != t.sel || t.m.deps.ForgetContact == nil {
		return
	}
	d := dialog.NewConfirm(lang.L("Delete {{.Name}}?", map[string]any{"Name": c.Name}),
		lang.L("This erases {{.Name}}, their consent history and their numbers and texts in the message history, for good.",
			map[string]any{"Name": c.Name}), func(ok bool) {
			if ok {
				t.forget(c)
			}
		}, t.m.Window)
	d.SetConfirmText(lang.L("Delete"))
	d.SetConfirmImportance(widget.DangerImportance)
	t.ConfirmDelete = d
	d.Show()
}

// forget erases c as `minuit forget` does, then takes it out of the list.
func (t *ContactsTab) forget(c contacts.Contact) {
	forget := t.m.deps.ForgetContact
	background(t.m.tk, func(ctx context.Context) (struct{}, error) { return struct{}{}, forget(ctx, c.ID) },
		func(_ struct{}, err error) {
			if err != nil {
				t.Status.SetText(lang.L("Not deleted: {{.Why}}", map[string]any{"Why": plainError(err)}))
				return
			}
			for i, r := range t.Rows {
				if r.ID == c.ID {
					t.Rows = append(t.Rows[:i:i], t.Rows[i+1:]...)
					break
				}
			}
			if t.Total > 0 {
				t.Total--
			}
			t.List.UnselectAll()
			t.clearDetail()
			t.List.Refresh()
			t.showCount()
			t.loadGroups()
			t.Status.SetText(lang.L("Deleted {{.Name}}.", map[string]any{"Name": c.Name}))
		})
}
