package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"minuit/contacts"
	"minuit/ui/l10n"
)

// contactsPage is how many contacts the list reads at a time, searching or not.
const contactsPage = 200

// ContactsTab lists contacts (virtualised, paged), with search, group filter and a
// detail pane for the contact selected in the list. What the detail pane shows and
// what its buttons change is always the contact selected in the list as it is now:
// every reload drops the selection, and selects the same contact again only when
// the new list holds it (contactsdetail.go).
type ContactsTab struct {
	m       *Main
	Rows    []contacts.Contact
	Total   int // contacts matching the search and group over all pages; -1 until counted
	more    bool
	loading bool
	first   bool // the first page of a reload is being read
	queued  bool // the search or group changed meanwhile: reload again once it is in
	gen     int  // bumps with each reload: answers for an older list are dropped
	keep    int64
	sel     int64            // id of the contact selected in the list; 0: none
	current contacts.Contact // the selected contact as read for the detail pane
	groups  []string         // the groups' names, for the filter and the editor

	stopCount context.CancelFunc // stops the count of the list shown; nil before the first

	Search  *widget.Entry
	Group   *widget.Select
	Count   *widget.Label
	List    *widget.List
	Detail  *widget.Label
	Consent *widget.Label
	OptIn   *widget.Button
	OptOut  *widget.Button
	Edit    *widget.Button
	Delete  *widget.Button
	// ConfirmDelete is the last "Delete …?" question asked (tests answer it).
	ConfirmDelete *dialog.ConfirmDialog
	New           *widget.Button
	Editor        *ContactEditor
	Import        *widget.Button
	Wizard        *ImportWizard
	Export        *widget.Button
	Status        *widget.Label
	Unavailable   *widget.Label
}

func newContactsTab(m *Main) *ContactsTab { return &ContactsTab{m: m, Total: -1} }

func (t *ContactsTab) buildUI() fyne.CanvasObject {
	t.Search = widget.NewEntry()
	t.Search.SetPlaceHolder(lang.L("Search a name, company or number…"))
	t.Search.OnChanged = func(string) { t.reloadList() }
	t.Group = widget.NewSelect([]string{allContacts()}, nil)
	t.Group.SetSelectedIndex(0)
	t.Group.OnChanged = func(string) { t.reloadList() }
	t.New = widget.NewButtonWithIcon(lang.L("New contact"), theme.ContentAddIcon(), t.onNew)
	t.Import = widget.NewButtonWithIcon(lang.L("Import…"), theme.FolderOpenIcon(), func() { t.openImport(nil) })
	t.Export = widget.NewButtonWithIcon(lang.L("Export vCard…"), theme.DownloadIcon(), t.onExport)
	t.Count = widget.NewLabel("")
	bar := container.NewBorder(nil, nil, selectBox(t.Group), container.NewHBox(t.New, t.Import, t.Export), t.Search)

	t.List = widget.NewList(func() int { return len(t.Rows) }, newContactRow, t.updateRow)
	t.List.OnSelected = t.onSelect
	t.List.OnUnselected = func(widget.ListItemID) { t.clearDetail() }
	split := container.NewHSplit(t.List, container.NewPadded(t.buildDetail()))
	split.Offset = 0.55
	if t.m.deps.Contacts == nil {
		return container.NewCenter(t.Unavailable)
	}
	t.m.Window.SetOnDropped(t.onDropped)
	return container.NewBorder(container.NewPadded(container.NewVBox(bar, t.Count)), nil, nil, nil, split)
}

// Reload reads the groups and the list again (opening the tab, after an import).
func (t *ContactsTab) Reload() {
	if t.m.deps.Contacts == nil || t.List == nil {
		return
	}
	t.loadGroups()
	t.reloadList()
}

// reloadList starts the list again with the current search and group: only the
// list and its count, so a keystroke costs one page and one count. Changes that
// come while the first page is read are coalesced into one reload after it.
func (t *ContactsTab) reloadList() {
	if t.m.deps.Contacts == nil || t.List == nil {
		return
	}
	if t.first {
		t.queued = true
		return
	}
	if t.sel != 0 {
		t.keep = t.sel
	}
	t.gen++
	if t.stopCount != nil {
		t.stopCount() // the count of the list replaced
	}
	t.more, t.loading, t.Total = true, false, -1
	t.List.UnselectAll() // the rows shown stay until the new ones replace them
	t.clearDetail()
	t.first = true
	t.loadMore()
}

// query is what the list shows: the search and the group filter.
func (t *ContactsTab) query() contacts.Query {
	q := contacts.Query{Text: strings.TrimSpace(t.Search.Text), Limit: contactsPage}
	if g := t.Group.Selected; g != allContacts() {
		q.Group = g
	}
	return q
}

func (t *ContactsTab) loadGroups() {
	cs := t.m.deps.Contacts
	background(t.m.tk, func(ctx context.Context) ([]contacts.Group, error) { return cs.Groups(ctx) },
		func(gs []contacts.Group, err error) {
			if err != nil {
				t.Status.SetText(lang.L("Could not read the contacts: {{.Why}}", map[string]any{"Why": plainError(err)}))
				return
			}
			t.groups = t.groups[:0]
			opts := []string{allContacts()}
			for _, g := range gs {
				opts = append(opts, g.Name)
				t.groups = append(t.groups, g.Name)
			}
			t.Group.SetOptions(opts)
		})
}

// loadMore reads the next page: by name without a search, by id with one.
func (t *ContactsTab) loadMore() {
	if t.loading || !t.more {
		return
	}
	t.loading = true
	q := t.query()
	if len(t.Rows) > 0 && !t.first {
		q.After = t.Rows[len(t.Rows)-1].ID
	}
	gen, cs := t.gen, t.m.deps.Contacts
	background(t.m.tk, func(ctx context.Context) ([]contacts.Contact, error) { return cs.List(ctx, q) },
		func(rows []contacts.Contact, err error) {
			if gen != t.gen {
				return
			}
			t.loading = false
			first := t.first
			if first {
				t.first = false
				if t.queued {
					t.queued = false
					t.reloadList()
					return
				}
				// A row shown before may have been selected meanwhile: the new rows
				// replace it, so the selection is dropped and taken again if listed.
				if t.sel != 0 {
					t.keep = t.sel
				}
				t.List.UnselectAll()
				t.clearDetail()
				t.Rows = nil
			}
			if err != nil {
				t.Status.SetText(lang.L("Could not read the contacts: {{.Why}}", map[string]any{"Why": plainError(err)}))
				t.more = false
				t.List.Refresh()
				return
			}
			t.Rows = append(t.Rows, rows...)
			t.more = len(rows) == contactsPage
			if first && t.more {
				t.loadCount() // after the page, so that the page comes first
			} else if first {
				t.Total = len(rows)
			}
			t.showCount()
			t.List.Refresh()
			t.selectKept()
		})
}

// loadCount counts what the list holds over all its pages, when its first page is
// full; a count still running for an older list is stopped (counting every number
// starting with 0 takes tens of milliseconds at 100,000 contacts).
func (t *ContactsTab) loadCount() {
	ctx, stop := context.WithCancel(context.Background())
	t.stopCount = stop
	gen, cs, q := t.gen, t.m.deps.Contacts, t.query()
	backgroundIn(t.m.tk, ctx, callTimeout, func(ctx context.Context) (int, error) { return cs.Count(ctx, q) },
		func(n int, err error) {
			stop()
			if gen != t.gen || err != nil {
				return // the list's own read says what went wrong
			}
			t.Total = n
			t.showCount()
		})
}

// showCount says how many contacts match: counted, or what is read so far.
func (t *ContactsTab) showCount() {
	n, more := t.Total, ""
	if n < 0 {
		n = len(t.Rows)
		if t.more {
			more = "+"
		}
	}
	t.Count.SetText(lang.N("{{.Count}} contacts", n, map[string]any{"Count": l10n.Int(n) + more}))
}

// allContacts is the group filter's first choice: no group.
func allContacts() string { return lang.L("All contacts") }
