package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

const twoCards = `BEGIN:VCARD
VERSION:3.0
FN:Marie Dupont
TEL;TYPE=CELL:+33 6 12 34 56 78
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Paul Martin
TEL;TYPE=CELL:12
END:VCARD
`

func TestTheImportPreviewSaysWhatWillChangeAndCommitFillsTheList(t *testing.T) {
	h := newHarness(t)
	_, p := h.previewCards(twoCards, "shop.vcf")
	text := PreviewText(p)
	if !strings.Contains(text, "2 new") || !strings.Contains(text, "shop.vcf") {
		t.Fatalf("preview text %q does not announce the 2 new contacts", text)
	}
	h.m.Contacts.commit(p)
	h.m.Settle()
	if len(h.m.Contacts.Rows) != 2 {
		t.Fatalf("contacts list has %d rows after the import, want 2", len(h.m.Contacts.Rows))
	}
	if !strings.HasPrefix(h.m.Contacts.Status.Text, "Imported: 2 new") {
		t.Fatalf("status %q", h.m.Contacts.Status.Text)
	}
}

func TestEditingAContactsGroupsAndConsentIsSavedAndShown(t *testing.T) {
	h := newHarness(t)
	cs, p := h.previewCards(twoCards, "shop.vcf")
	ct := h.m.Contacts
	ct.commit(p)
	h.m.Settle()
	ct.List.Select(0)
	h.m.Settle()
	if ct.Edit.Disabled() || !strings.Contains(ct.Detail.Text, ct.Rows[0].Name) {
		t.Fatalf("the detail does not show the selected contact: %q", ct.Detail.Text)
	}
	test.Tap(ct.Edit)
	ct.Editor.Groups.SetText("VIP, Newsletter")
	ct.saveContact(ct.Editor.apply(ct.current))
	h.m.Settle()
	got, err := cs.Get(t.Context(), ct.current.ID)
	if err != nil || strings.Join(got.Groups, ",") != "Newsletter,VIP" {
		t.Fatalf("groups after saving = %v (%v)", got.Groups, err)
	}
	test.Tap(ct.OptIn)
	h.m.Settle()
	if !strings.Contains(ct.Consent.Text, "opted-in") {
		t.Fatalf("consent history %q does not show the new consent", ct.Consent.Text)
	}
}
