package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"minuit/internal/minuit"
	"minuit/scheduler"
	"minuit/scheduler/sms"
)

// usCards are two cards with US numbers written without +1.
var usCards = card("Ann Smith", []string{"CELL", "(415) 555-2671"}) + card("Bob Jones", []string{"CELL", "917 555 2368", "FAX", "905-999-1234"})

// storePlans is the Plans port over the harness's scheduler store.
type storePlans struct{ st *scheduler.Store }

func (p storePlans) ToGroups(ctx context.Context) ([]GroupPlan, error) {
	ms, err := p.st.Messages(ctx, false)
	var out []GroupPlan
	for _, m := range ms {
		for _, r := range m.Recipients {
			if r.Kind == scheduler.ToGroup {
				out = append(out, GroupPlan{Message: m, Parts: sms.Count(m.Body).Parts})
				break
			}
		}
	}
	return out, err
}

func TestTheImportReadsNumbersWithoutPlusInTheCountryChosen(t *testing.T) {
	h := newHarness(t)
	cs := h.importCards(twoPeople)
	ct := h.m.Contacts
	test.Tap(ct.Import)
	h.m.Settle()
	w := ct.Wizard
	if w.Country.Selected != "France" || !w.Next.Disabled() {
		t.Fatalf("the wizard opens on %q with Next enabled: %v", w.Country.Selected, !w.Next.Disabled())
	}
	w.add(h.file("us.vcf", usCards), h.file("notes.txt", "not contacts"))
	if len(w.files) != 1 || w.files[0].Name() != "us.vcf" || w.Files.Text != "1 file to import:" {
		t.Fatalf("the files listed: %v, %q", w.files, w.Files.Text)
	}
	test.Tap(w.Next)
	h.m.Settle()
	if !strings.Contains(w.Summary.Text, "2 without a mobile number") {
		t.Fatalf("read as French numbers, the summary says %q", w.Summary.Text)
	}
	test.Tap(w.Back)
	w.Country.SetSelected("United States")
	test.Tap(w.Next)
	h.m.Settle()
	if !strings.Contains(w.Summary.Text, "numbers of United States") || !strings.Contains(w.Summary.Text, " 0 without a mobile") {
		t.Fatalf("read as US numbers, the summary says %q", w.Summary.Text)
	}
	test.Tap(w.Import)
	h.m.Settle()
	if w.Progress.Value != 1 || w.Summary.Text != "Imported: 2 new, 0 updated." {
		t.Fatalf("after the import: progress %v, %q", w.Progress.Value, w.Summary.Text)
	}
	if bob := h.contact(cs, "Bob Jones"); bob.Phone != "+19175552368" || len(ct.Rows) != 4 {
		t.Fatalf("Bob's number %q, %d rows listed", bob.Phone, len(ct.Rows))
	}
	test.Tap(w.Close)
}

func TestTheUSNumbersOfTheVendorCardsImportWithUnitedStates(t *testing.T) {
	path := filepath.Join("..", "..", "shared", "testdata", "vcards", "John_Doe_IPHONE.vcf")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("vendor cards not found: %v", err)
	}
	h := newHarness(t)
	cs := h.importCards(twoPeople)
	abs, _ := filepath.Abs(path)
	h.m.Contacts.onDropped(fyne.NewPos(10, 10), []fyne.URI{storage.NewFileURI(abs)})
	w := h.m.Contacts.Wizard
	h.m.Settle()
	w.Country.SetSelected("United States")
	test.Tap(w.Next)
	h.m.Settle()
	test.Tap(w.Import)
	h.m.Settle()
	john := h.contact(cs, "Mr. John Richter James Doe Sr.")
	if !strings.HasPrefix(john.Phone, "+1905") {
		t.Fatalf("John Doe's number to text is %q (%v)", john.Phone, john.Phones)
	}
}

func TestSeveralFilesImportOneAfterTheOtherAndDroppedFilesJoinThem(t *testing.T) {
	h := newHarness(t)
	cs := h.importCards(twoPeople)
	ct := h.m.Contacts
	first, second := h.file("a.vcf", clients(30, 0)), h.file("b.vcf", clients(30, 20)) // 10 in both
	ct.onDropped(fyne.NewPos(1, 1), []fyne.URI{first, h.file("photo.jpg", "x")})
	h.m.Settle()
	w := ct.Wizard
	ct.onDropped(fyne.NewPos(1, 1), []fyne.URI{second, first})
	if len(w.files) != 2 || len(w.Removes) != 2 || w.Files.Text != "2 files to import:" {
		t.Fatalf("the wizard lists %v: %q", w.files, w.Files.Text)
	}
	test.Tap(w.Removes[1])
	if len(w.files) != 1 || w.files[0].Name() != "a.vcf" || len(w.Removes) != 1 {
		t.Fatalf("after taking b.vcf out the wizard lists %v", w.files)
	}
	w.add(second)
	test.Tap(w.Next)
	h.m.Settle()
	if strings.Count(w.Summary.Text, "30 new") != 2 {
		t.Fatalf("each file, checked against the contacts now, has 30 new: %q", w.Summary.Text)
	}
	test.Tap(w.Import)
	h.m.Settle()
	if w.Summary.Text != "Imported: 50 new, 0 updated." { // Client 20 to 29 are the same in both
		t.Fatalf("after the import: %q", w.Summary.Text)
	}
	if n, _ := cs.Count(t.Context(), h.m.Contacts.query()); n != 52 || ct.Count.Text != "52 contacts" {
		t.Fatalf("%d contacts stored, the tab says %q", n, ct.Count.Text)
	}
}

func TestTheImportWarnsThatAGroupOfAWeeklyMessageGrows(t *testing.T) {
	h := newHarness(t)
	h.importCards(clients(5, 0, "Clients"))
	h.m.deps.Plans = storePlans{h.store}
	m := scheduler.Message{Body: "Weekly offer: 10 % off the croissants", Kind: minuit.Transactional, TZ: "Europe/Paris",
		At: h.inTwoDays().Format(scheduler.WallLayout), RRule: "FREQ=WEEKLY",
		Recipients: []scheduler.RecipientRef{{Kind: scheduler.ToGroup, Value: "clients"}, {Kind: scheduler.ToNumber, Value: "+33612345678"}}}
	if _, err := h.store.CreateMessage(t.Context(), m); err != nil {
		t.Fatal(err)
	}
	ct := h.m.Contacts
	ct.openImport([]fyne.URI{h.file("more.vcf", clients(25, 3, "Clients", "VIP"))})
	h.m.Settle()
	w := ct.Wizard
	test.Tap(w.Next)
	h.m.Settle()
	// Client 3 and 4 are already in Clients: 23 join it; the message also goes to a number.
	want := "Clients grows from 5 to 28: “Weekly offer: 10 % off the croissants” (Weekly) will send up to 29 SMS."
	if w.Warning.Hidden || w.Warning.Text != want {
		t.Fatalf("the warning says %q, want %q", w.Warning.Text, want)
	}
	test.Tap(w.Cancel)
	h.m.Settle()
	if len(ct.Rows) != 5 || w.previews != nil {
		t.Fatalf("cancelled, yet %d rows (previews %v)", len(ct.Rows), w.previews)
	}
}

func TestAFileThatCannotBeReadIsNamedAndTheOthersStillImport(t *testing.T) {
	h := newHarness(t)
	h.importCards(twoPeople)
	ct := h.m.Contacts
	gone := h.file("gone.vcf", usCards)
	if err := os.Remove(gone.Path()); err != nil {
		t.Fatal(err)
	}
	ct.openImport([]fyne.URI{h.file("binary.vcf", "\x00\x01\x02\xff\xfe PK\x03\x04"), gone, h.file("ok.vcf", clients(3, 0))})
	h.m.Settle()
	w := ct.Wizard
	test.Tap(w.Next)
	h.m.Settle()
	for _, want := range []string{"Could not read binary.vcf. ", "Could not read gone.vcf. It was moved or deleted, or you may not read it.", "ok.vcf: 3 cards read."} {
		if !strings.Contains(w.Summary.Text, want) {
			t.Errorf("the summary does not say %q: %q", want, w.Summary.Text)
		}
	}
	test.Tap(w.Import)
	h.m.Settle()
	if w.Summary.Text != "Imported: 3 new, 0 updated." || len(ct.Rows) != 5 {
		t.Fatalf("after the import: %q, %d rows", w.Summary.Text, len(ct.Rows))
	}
}

func TestCancellingAnImportLeavesTheFileBeingSavedOut(t *testing.T) {
	h := newHarness(t)
	cs := h.importCards(twoPeople)
	ct := h.m.Contacts
	ct.openImport([]fyne.URI{h.file("many.vcf", clients(3000, 0))})
	h.m.Settle()
	w := ct.Wizard
	test.Tap(w.Next)
	h.m.Settle()
	test.Tap(w.Import)
	test.Tap(w.Cancel) // before the saving goroutine is done
	h.m.Settle()
	if n, _ := cs.Count(t.Context(), h.m.Contacts.query()); n != 2 {
		t.Fatalf("%d contacts after the cancelled import, want the 2 there before", n)
	}
	if !strings.HasPrefix(ct.Status.Text, "Import stopped") {
		t.Fatalf("the tab says %q", ct.Status.Text)
	}
}
