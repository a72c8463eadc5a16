package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"minuit/internal/minuit"
)

// twoCards: Marie Dupont, who can be texted, and Paul Martin, whose number is
// invalid (compose's tests use them too).
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

// twoPeople: Paul Durand, then Élodie Martin, alone in the group VIP.
var twoPeople = card("Paul Durand", []string{"CELL", "06 11 22 33 44"}) +
	card("Élodie Martin", []string{"CELL", "06 55 66 77 88"}, "VIP")

func TestConsentIsSavedOnTheContactSelectedInTheListAsItIsNowAfterASearch(t *testing.T) {
	h := newHarness(t)
	cs := h.importCards(twoPeople)
	ct := h.m.Contacts
	ct.List.Select(h.row("Paul Durand"))
	h.m.Settle()
	if ct.OptIn.Disabled() || !strings.HasPrefix(ct.Detail.Text, "Paul Durand") {
		t.Fatalf("selecting Paul shows %q", ct.Detail.Text)
	}

	ct.Search.SetText("élodie")
	h.m.Settle()
	if len(ct.Rows) != 1 || ct.Rows[0].Name != "Élodie Martin" {
		t.Fatalf("the search shows %v", ct.Rows)
	}
	if !ct.OptIn.Disabled() || !ct.Edit.Disabled() || ct.Detail.Text != "Select a contact." {
		t.Fatalf("Paul is no longer listed, yet the detail says %q and its buttons are enabled", ct.Detail.Text)
	}
	test.Tap(ct.OptIn)
	h.m.Settle()
	if got := h.contact(cs, "Paul Durand").Consent.Status; got != minuit.ConsentUnknown {
		t.Fatalf("the hidden contact's consent became %s", got)
	}

	ct.List.Select(0)
	h.m.Settle()
	test.Tap(ct.OptIn)
	h.m.Settle()
	if got := h.contact(cs, "Élodie Martin").Consent.Status; got != minuit.ConsentOptedIn {
		t.Fatalf("the listed, selected contact's consent is %s", got)
	}
	if got := h.contact(cs, "Paul Durand").Consent.Status; got != minuit.ConsentUnknown {
		t.Fatalf("Paul's consent became %s when Élodie agreed", got)
	}
}

func TestTheDetailFollowsTheGroupFilterAndKeepsAContactTheListStillHas(t *testing.T) {
	h := newHarness(t)
	cs := h.importCards(twoPeople)
	ct := h.m.Contacts
	ct.List.Select(h.row("Paul Durand"))
	h.m.Settle()
	ct.Group.SetSelected("VIP")
	h.m.Settle()
	if len(ct.Rows) != 1 || ct.sel != 0 || !ct.OptOut.Disabled() {
		t.Fatalf("with only VIP listed, %d rows, selection %d, Refused enabled: %v", len(ct.Rows), ct.sel, !ct.OptOut.Disabled())
	}
	test.Tap(ct.OptOut)
	h.m.Settle()
	if got := h.contact(cs, "Paul Durand").Consent.Status; got != minuit.ConsentUnknown {
		t.Fatalf("the contact filtered out was changed: %s", got)
	}

	ct.List.Select(0)
	h.m.Settle()
	ct.Group.SetSelected(allContacts()) // Élodie is still listed: she stays selected
	h.m.Settle()
	if i := h.row("Élodie Martin"); ct.current.Name != "Élodie Martin" || ct.OptIn.Disabled() || i < 0 {
		t.Fatalf("after showing everyone the detail is %q", ct.Detail.Text)
	}
}

func TestOnlyAContactWithNoTextableNumberIsMarkedAsANumberProblem(t *testing.T) {
	h := newHarness(t)
	h.importCards(card("Mobile and landline", []string{"CELL", "06 12 34 56 78", "HOME", "01 40 20 30 40"}) +
		card("Mobile and fax", []string{"CELL", "07 62 34 56 78", "FAX", "01 40 20 30 41"}) +
		card("Landline only", []string{"HOME", "01 40 20 30 42"}) +
		card("Bad number", []string{"CELL", "12"}))
	for name, want := range map[string]string{"Mobile and landline": "consent?", "Mobile and fax": "consent?",
		"Landline only": "number problem", "Bad number": "number problem"} {
		mark := h.mark(h.row(name))
		if mark.Text != want {
			t.Errorf("%s is marked %q, want %q", name, mark.Text, want)
		}
		if (want == "number problem") != (mark.Importance == widget.DangerImportance) {
			t.Errorf("%s's mark has importance %v", name, mark.Importance)
		}
	}
}

func TestASearchPagesLikeTheListAndSaysHowManyMatch(t *testing.T) {
	h := newHarness(t)
	h.importCards(clients(450, 0) + twoPeople)
	ct := h.m.Contacts
	ct.Search.SetText("client")
	h.m.Settle()
	if len(ct.Rows) != contactsPage || ct.Count.Text != "450 contacts" {
		t.Fatalf("the search shows %d rows and says %q", len(ct.Rows), ct.Count.Text)
	}
	for _, want := range []int{400, 450, 450} {
		h.mark(len(ct.Rows) - 1) // the list draws its last row: the next page is read
		h.m.Settle()
		if len(ct.Rows) != want {
			t.Fatalf("after scrolling down the list has %d rows, want %d", len(ct.Rows), want)
		}
	}
	seen := map[int64]bool{}
	for _, r := range ct.Rows {
		if seen[r.ID] || !strings.HasPrefix(r.Name, "Client ") {
			t.Fatalf("%s is listed twice or does not match", r.Name)
		}
		seen[r.ID] = true
	}
}

func TestARowSaysTheNewConsentAndTheEditsAsSoonAsTheyAreSaved(t *testing.T) {
	h := newHarness(t)
	h.importCards(twoPeople)
	ct := h.m.Contacts
	i := h.row("Paul Durand")
	ct.List.Select(i)
	h.m.Settle()
	if got := h.mark(i).Text; got != "consent?" {
		t.Fatalf("before: %q", got)
	}
	test.Tap(ct.OptIn)
	h.m.Settle()
	if got := h.mark(i).Text; got != "agreed" {
		t.Fatalf("the row still says %q after the consent was saved", got)
	}
	test.Tap(ct.Edit)
	ct.Editor.Name.SetText("Paul Durand-Petit")
	ct.Editor.Phones[0].Number.SetText("07 99 88 77 66")
	test.Tap(ct.Editor.Save)
	h.m.Settle()
	if r := ct.Rows[i]; r.Name != "Paul Durand-Petit" || r.Phone != "+33799887766" {
		t.Fatalf("the row shows %q %q after the edit", r.Name, r.Phone)
	}
	if !strings.HasPrefix(ct.Detail.Text, "Paul Durand-Petit") || !strings.Contains(ct.Detail.Text, "+33799887766") {
		t.Fatalf("the detail shows %q", ct.Detail.Text)
	}
}

func TestARowClickedWhileTheSearchLoadsIsDroppedWhenTheNewRowsReplaceIt(t *testing.T) {
	h := newHarness(t)
	cs := h.importCards(twoPeople)
	ct := h.m.Contacts
	ct.Search.SetText("paul")              // the old rows stay shown while Paul is searched…
	ct.List.Select(h.row("Élodie Martin")) // …and Élodie is clicked meanwhile
	h.m.Settle()
	if len(ct.Rows) != 1 || ct.sel != 0 || !ct.OptIn.Disabled() || ct.Detail.Text != "Select a contact." {
		t.Fatalf("rows %v, selection %d, detail %q", ct.Rows, ct.sel, ct.Detail.Text)
	}
	test.Tap(ct.OptIn)
	h.m.Settle()
	if got := h.contact(cs, "Élodie Martin").Consent.Status; got != minuit.ConsentUnknown {
		t.Fatalf("Élodie, no longer listed, got %s", got)
	}
}
