package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"minuit/contacts"
)

// importCards imports vCard text into the window's contacts store (made on first
// use, numbers read as French) and shows the Contacts tab's list.
func (h *harness) importCards(cards string) *contacts.Store {
	h.t.Helper()
	cs, p := h.previewCards(cards, "shop.vcf")
	if _, err := cs.Commit(h.t.Context(), p); err != nil {
		h.t.Fatal(err)
	}
	cs.SetDefaultRegion("FR")
	h.m.Contacts.Reload()
	h.m.Settle()
	return cs
}

// card is a vCard of name with numbers (TYPE=value pairs) and groups.
func card(name string, tels []string, groups ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:%s\r\n", name)
	for i := 0; i+1 < len(tels); i += 2 {
		fmt.Fprintf(&b, "TEL;TYPE=%s:%s\r\n", tels[i], tels[i+1])
	}
	if len(groups) > 0 {
		fmt.Fprintf(&b, "CATEGORIES:%s\r\n", strings.Join(groups, ","))
	}
	b.WriteString("END:VCARD\r\n")
	return b.String()
}

// clients are n cards "Client i" with a French mobile each, in groups.
func clients(n, from int, groups ...string) string {
	var b strings.Builder
	for i := from; i < from+n; i++ {
		b.WriteString(card(fmt.Sprintf("Client %d", i), []string{"CELL", fmt.Sprintf("+336%08d", 30000000+i)}, groups...))
	}
	return b.String()
}

// row is the index of the contact named name in the list, or -1.
func (h *harness) row(name string) int {
	for i, r := range h.m.Contacts.Rows {
		if r.Name == name {
			return i
		}
	}
	return -1
}

// mark is what the list's row i says at its right, rendered as the list does.
func (h *harness) mark(i int) *widget.Label {
	o := newContactRow()
	h.m.Contacts.updateRow(i, o)
	return o.(*fyne.Container).Objects[1].(*fyne.Container).Objects[1].(*widget.Label)
}

// contact reads a contact from the store by name.
func (h *harness) contact(cs *contacts.Store, name string) contacts.Contact {
	h.t.Helper()
	found, err := cs.Search(h.t.Context(), name, 10)
	if err != nil {
		h.t.Fatal(err)
	}
	for _, c := range found {
		if c.Name == name {
			return c
		}
	}
	h.t.Fatalf("no contact %q", name)
	return contacts.Contact{}
}

// file writes text into a file of the test's folder and returns its URI.
func (h *harness) file(name, text string) fyne.URI {
	h.t.Helper()
	path := filepath.Join(h.t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		h.t.Fatal(err)
	}
	return storage.NewFileURI(path)
}
