package ui

import (
	"context"
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"minuit/contacts"
)

func TestANewContactIsSavedWithItsNumbersBirthdayAndGroupsAndSelected(t *testing.T) {
	h := newHarness(t)
	cs := h.importCards(twoPeople)
	ct := h.m.Contacts
	test.Tap(ct.New)
	e := ct.Editor
	test.Tap(e.Save)
	if e.Error.Hidden || e.Error.Text != "Give the contact a name." {
		t.Fatalf("saving an empty form says %q", e.Error.Text)
	}
	e.Name.SetText("Zoé Bernard")
	e.Phones[0].Number.SetText("06 01 02 03 04")
	test.Tap(e.AddPhone)
	e.Phones[1].Number.SetText("01 40 20 30 40")
	e.Phones[1].Kind.SetSelected("home")
	e.Day.SetSelected("29")
	e.Month.SetSelected("February")
	e.Year.SetText("2001")
	test.Tap(e.Save)
	if e.Error.Text != "This day does not exist: check the birthday." {
		t.Fatalf("29 February 2001 gives %q", e.Error.Text)
	}
	e.Year.SetText("")
	e.Groups.SetSelected([]string{"VIP"})
	e.NewGroups.SetText("Marché, Fidélité")
	test.Tap(e.Save)
	h.m.Settle()
	if !e.Error.Hidden {
		t.Fatalf("the form says %q", e.Error.Text)
	}
	z := h.contact(cs, "Zoé Bernard")
	if z.Phone != "+33601020304" || len(z.Phones) != 2 || z.Phones[1].Label != "home" || z.Birthday.String() != "--02-29" ||
		strings.Join(z.Groups, ",") != "Fidélité,Marché,VIP" {
		t.Fatalf("saved %+v", z)
	}
	if ct.current.ID != z.ID || !strings.HasPrefix(ct.Detail.Text, "Zoé Bernard") || !strings.Contains(ct.Detail.Text, "29 February") {
		t.Fatalf("the new contact is not the one selected: %q", ct.Detail.Text)
	}
	if !strings.Contains(strings.Join(ct.Group.Options, ","), "Marché") {
		t.Fatalf("the group filter does not offer the new groups: %v", ct.Group.Options)
	}
}

func TestEditingNumbersBirthdayAndGroupsKeepsTheFormOpenOnANumberTaken(t *testing.T) {
	h := newHarness(t)
	cs := h.importCards(twoPeople)
	ct := h.m.Contacts
	ct.List.Select(h.row("Élodie Martin"))
	h.m.Settle()
	test.Tap(ct.Edit)
	e := ct.Editor
	if len(e.Phones) != 1 || e.Phones[0].Kind.Selected != "mobile" || len(e.Groups.Selected) != 1 {
		t.Fatalf("the form shows %d numbers (%q), groups %v", len(e.Phones), e.Phones[0].Kind.Selected, e.Groups.Selected)
	}
	test.Tap(e.AddPhone)
	e.Phones[1].Number.SetText("06 11 22 33 44") // Paul's
	test.Tap(e.Save)
	h.m.Settle()
	if e.Error.Hidden || !strings.Contains(e.Error.Text, "is already the number of Paul Durand") {
		t.Fatalf("a number of another contact gives %q", e.Error.Text)
	}
	test.Tap(e.Phones[0].Remove)
	e.Phones[0].Number.SetText("07 62 00 00 01")
	e.Day.SetSelected("14")
	e.Month.SetSelected("July")
	e.Groups.SetSelected(nil)
	test.Tap(e.Save)
	h.m.Settle()
	got := h.contact(cs, "Élodie Martin")
	if got.Phone != "+33762000001" || len(got.Phones) != 1 || got.Birthday.String() != "--07-14" || len(got.Groups) != 0 {
		t.Fatalf("saved %+v", got)
	}
	if r := ct.Rows[h.row("Élodie Martin")]; r.Phone != "+33762000001" {
		t.Fatalf("the row shows %s", r.Phone)
	}
}

func TestDeletingAContactAsksFirstThenForgetsItAndClearsTheDetail(t *testing.T) {
	h := newHarness(t)
	cs := h.importCards(twoPeople)
	ct := h.m.Contacts
	var forgotten []int64
	h.m.deps.ForgetContact = func(ctx context.Context, id int64) error {
		forgotten = append(forgotten, id)
		return cs.Erase(ctx, id, nil)
	}
	ct.List.Select(h.row("Paul Durand"))
	h.m.Settle()
	if ct.Delete.Hidden || ct.Delete.Disabled() {
		t.Fatal("Delete is not offered")
	}
	paul := ct.current.ID
	test.Tap(ct.Delete)
	if ct.ConfirmDelete == nil || len(forgotten) != 0 {
		t.Fatal("Delete did not ask first")
	}
	ct.ConfirmDelete.Dismiss()
	h.m.Settle()
	if len(forgotten) != 0 {
		t.Fatal("answering no deleted the contact")
	}
	test.Tap(ct.Delete)
	ct.ConfirmDelete.Confirm()
	h.m.Settle()
	if len(forgotten) != 1 || forgotten[0] != paul {
		t.Fatalf("forgot %v, want Paul (%d)", forgotten, paul)
	}
	if _, err := cs.Get(t.Context(), paul); !errors.Is(err, contacts.ErrNotFound) {
		t.Fatalf("Paul is still stored: %v", err)
	}
	if h.row("Paul Durand") >= 0 || ct.sel != 0 || !ct.Delete.Disabled() || ct.Count.Text != "1 contact" {
		t.Fatalf("after deleting, rows %v, selection %d, count %q", ct.Rows, ct.sel, ct.Count.Text)
	}
}
