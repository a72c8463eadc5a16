package contacts

import (
	"path/filepath"
	"strings"
	"testing"

	"minuit/internal/phone"
)

type wantContact struct {
	name, first, last string
	phone             string // number to text
	phones            int    // distinct numbers kept
	bday              string
	groups            string // comma-separated
}

func checkContacts(t *testing.T, got []Contact, want []wantContact) {
	t.Helper()
	if len(got) != len(want) {
		names := make([]string, len(got))
		for i, c := range got {
			names[i] = c.Name
		}
		t.Fatalf("got %d contacts %q, want %d", len(got), names, len(want))
	}
	for i, w := range want {
		c := got[i]
		if c.Name != w.name || c.Phone != w.phone || len(c.Phones) != w.phones || c.Birthday.String() != w.bday {
			t.Errorf("contact %d = %q phone %q, %d numbers, birthday %q; want %q %q, %d, %q",
				i, c.Name, c.Phone, len(c.Phones), c.Birthday, w.name, w.phone, w.phones, w.bday)
		}
		if w.first != "" && (c.FirstName != w.first || c.LastName != w.last) {
			t.Errorf("%q: first/last %q/%q, want %q/%q", c.Name, c.FirstName, c.LastName, w.first, w.last)
		}
		if g := strings.Join(c.Groups, ","); g != w.groups {
			t.Errorf("%q: groups %q, want %q", c.Name, g, w.groups)
		}
	}
}

// The vendor exports hold North American numbers, so they import with region US.
func TestImportReadsEveryVendorExportWithCorrectNamesAndNumbers(t *testing.T) {
	dir := vendorDir(t)
	john := "Mr. John Richter James Doe Sr."
	cases := map[string][]wantContact{
		"John_Doe_ANDROID.vcf": {
			{name: "john.doe@company.com", groups: "My Contacts"},
			{name: "jane.doe@company.com", groups: "My Contacts"},
			{name: "Ñ Ñ Ñ Ñ Ñ", last: "Ñ Ñ Ñ Ñ", phones: 1, groups: "My Contacts"},
			{name: "Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ", phones: 4, groups: "My Contacts"},
			{name: "Ñ Ñ Ñ Ñ", first: "Ñ Ñ Ñ", last: "Ñ Ñ", phones: 1},
			{name: "ÑÑÑÑ", phones: 1, groups: "My Contacts"},
		},
		"John_Doe_BLACK_BERRY.vcf":      {{name: "John Doe", first: "john", last: "Doe", phones: 1}},
		"John_Doe_EVOLUTION.vcf":        {{name: "Mr. John Richter, James Doe Sr.", first: "John", last: "Doe", phone: "+19056661234", phones: 2, bday: "1980-03-22", groups: "VIP"}},
		"John_Doe_GMAIL.vcf":            {{name: "Mr. John Richter, James Doe Sr.", first: "John", last: "Doe", phone: "+19055551234", phones: 2, bday: "1980-03-22"}},
		"John_Doe_IPHONE.vcf":           {{name: john, first: "John", last: "Doe", phone: "+19055551234", phones: 7, bday: "2012-06-06"}},
		"John_Doe_LOTUS_NOTES.vcf":      {{name: "Mr. Doe John I Johny", first: "John", last: "Doe", phones: 2, bday: "1980-05-21"}},
		"John_Doe_MAC_ADDRESS_BOOK.vcf": {{name: "Mr. John Richter,James Doe Sr.", first: "John", last: "Doe", phone: "+19055551234", phones: 7, bday: "2012-06-06"}},
		"John_Doe_MS_OUTLOOK.vcf":       {{name: john, first: "John", last: "Doe", phone: "+19055551234", phones: 2, bday: "1980-03-22"}},
		"fullcontact.vcf":               {{name: "Prefix FirstName MiddleName LastName Suffix", first: "FirstName", last: "LastName", phones: 9, bday: "2016-08-01", groups: "Tag"}},
		"gmail-list.vcf":                {{name: "Arnold Smith"}, {name: "Chris Beatle"}, {name: "Doug White"}},
		"gmail-single.vcf":              {{name: "Greg Dartmouth", phones: 2, bday: "1960-09-10"}},
		"gmail-single2.vcf":             {{name: "VCard Test", phones: 11, bday: "1912-06-23"}},
		"outlook-2003.vcf":              {{name: "John Doe III", first: "John", last: "Doe", phones: 4, bday: "1980-03-21"}},
		"outlook-2007.vcf":              {{name: "Mr. Michael Angstadt Jr.", first: "Michael", last: "Angstadt", phones: 4, bday: "1922-03-10"}},
		"rfc2426-example.vcf":           {{name: "Frank Dawson", phone: "+19196769515", phones: 2}, {name: "Tim Howes", phone: "+14159373419", phones: 2}},
		"rfc6350-example.vcf":           {{name: "Simon Perreault", first: "Simon", last: "Perreault", phone: "+14182626501", phones: 2, bday: "--02-03"}},
		"thunderbird-MoreFunctionsForAddressBook-extension.vcf": {{name: "John Doe", first: "John", last: "Doe", phones: 5, bday: "1970-09-21", groups: "category1,category2,category3"}},
	}
	for name, want := range cases {
		t.Run(name, func(t *testing.T) {
			s, _ := newStore(t)
			p, res := importBytes(t, s, readFile(t, filepath.Join(dir, name)), ImportOptions{Region: "US", Source: name})
			if res.New != len(want) || p.New != len(want) || p.Skipped != 0 {
				t.Errorf("preview %d new, %d skipped; commit %+v", p.New, p.Skipped, res)
			}
			checkContacts(t, all(t, s), want)
		})
	}
}

func TestImportReportsInvalidNumbersAndKeepsThem(t *testing.T) {
	dir := vendorDir(t)
	s, _ := newStore(t)
	p, _ := importBytes(t, s, readFile(t, filepath.Join(dir, "outlook-2003.vcf")), ImportOptions{Region: "US"})
	c := byName(t, s, "John Doe III")
	if c.Phones[0].Raw != "BusinessPhone" || c.Phones[0].Kind != phone.Invalid || c.Phones[0].Problem != "It has no digits." {
		t.Errorf("first phone %+v", c.Phones[0])
	}
	if p.Invalid != 4 || !strings.Contains(previewText(t, p), "line 1 (John Doe III): BusinessPhone: It has no digits.") {
		t.Errorf("preview:\n%s", previewText(t, p))
	}
	if !strings.Contains(c.Notes, "Second line\n\nThird line is empty") {
		t.Errorf("quoted-printable note with a soft line break = %q", c.Notes)
	}
}

func TestImportDecodesQuotedPrintableCharsetsAndBareTypes(t *testing.T) {
	s, _ := newStore(t)
	p, _ := importBytes(t, s, readFile(t, "testdata/v21-quoted-printable-charsets.vcf"), ImportOptions{Region: "FR"})
	checkContacts(t, all(t, s), []wantContact{
		{name: "Élodie Lefèvre", first: "Élodie", last: "Lefèvre", phone: "+33612345678", phones: 3},
		{name: "Renée François", first: "Renée", last: "François", phone: "+33761223344", phones: 1},
	})
	e := byName(t, s, "Élodie Lefèvre")
	if e.Notes != "Préfère le matin.\nPas le dimanche." {
		t.Errorf("notes = %q", e.Notes)
	}
	if fax := e.Phones[2]; fax.Label != "fax" || fax.Problem == "" || !e.Phones[0].Preferred {
		t.Errorf("phones %+v", e.Phones)
	}
	r := byName(t, s, "Renée François")
	if r.Company != "Café de la Gare" || r.Notes != "Achète pour 20 € par semaine" {
		t.Errorf("company %q notes %q", r.Company, r.Notes)
	}
	if p.Landlines != 2 || p.Invalid != 0 {
		t.Errorf("landlines %d invalid %d", p.Landlines, p.Invalid)
	}
}

func TestImportReadsAppleItemGroupsTelURIsAndGroupCards(t *testing.T) {
	s, _ := newStore(t)
	p, res := importBytes(t, s, readFile(t, "testdata/apple-items-and-groups.vcf"), ImportOptions{Region: "FR"})
	if p.New != 2 || p.GroupCards != 1 || res.GroupMembers != 2 {
		t.Fatalf("preview new %d group cards %d; members added %d", p.New, p.GroupCards, res.GroupMembers)
	}
	checkContacts(t, all(t, s), []wantContact{
		{name: "Chloé Martin", phone: "+33698765432", phones: 3, groups: "Amis du samedi,Clients,VIP"},
		{name: "Hugo Bernard", phone: "+33755443322", phones: 2, groups: "Amis du samedi"},
	})
	c := byName(t, s, "Chloé Martin")
	if c.Phones[0].Label != "mobile" || c.Phones[2].Label != "boutique" || !c.Phones[2].Preferred {
		t.Errorf("labels from X-ABLabel and type=pref: %+v", c.Phones)
	}
	if !strings.Contains(previewText(t, p), "1 member(s) are neither in this file nor in your contacts") {
		t.Errorf("the missing group member is not reported:\n%s", previewText(t, p))
	}
}

func TestImportReadsBirthdaysInEveryExportFormat(t *testing.T) {
	s, _ := newStore(t)
	p, _ := importBytes(t, s, readFile(t, "testdata/birthdays.vcf"), ImportOptions{Region: "FR"})
	want := map[string]string{"Basic": "1980-03-22", "Extended": "1980-03-22", "Value param": "1980-03-22",
		"Value in text": "1980-03-22", "No year": "--03-22", "No year dashed": "--03-22", "With time": "1980-03-22",
		"Basic with time": "1980-03-22", "Apple no year": "--03-22", "Unreadable": ""}
	for _, c := range all(t, s) {
		if got := c.Birthday.String(); got != want[c.Name] {
			t.Errorf("%s: birthday %q, want %q", c.Name, got, want[c.Name])
		}
	}
	if len(p.Problems) != 1 || p.Problems[0].Line != 55 || !strings.Contains(p.Problems[0].Reason, `"circa 1980" could not be read`) {
		t.Errorf("problems %+v", p.Problems)
	}
}

func TestImportSurvivesABOMBlankLinesAMissingEndAndACardWithoutPhone(t *testing.T) {
	s, _ := newStore(t)
	p, _ := importBytes(t, s, readFile(t, "testdata/bom-blank-lines-no-phone-no-end.vcf"), ImportOptions{Region: "FR"})
	checkContacts(t, all(t, s), []wantContact{
		{name: "Sans Numéro"},
		{name: "Dernière Carte", phone: "+33655555555", phones: 1},
	})
	text := previewText(t, p)
	for _, want := range []string{"line 1 (Sans Numéro): It has no phone number.", "line 8 (Dernière Carte): The card has no END:VCARD line"} {
		if !strings.Contains(text, want) {
			t.Errorf("preview lacks %q:\n%s", want, text)
		}
	}
}

func TestImportReportsTheLinesGoVCardWouldDropSilently(t *testing.T) {
	s, _ := newStore(t)
	p, _ := importBytes(t, s, readFile(t, "testdata/broken-lines.vcf"), ImportOptions{Region: "FR"})
	if len(p.Problems) != 1 || !strings.Contains(p.Problems[0].Reason, "Line 5: this line could not be read") {
		t.Fatalf("problems %+v", p.Problems)
	}
	if c := byName(t, s, "Léa Petit"); c.Phone != "+33644332211" || c.Notes != "fin" {
		t.Errorf("the lines around the broken one were lost: %+v", c)
	}
}

func TestImportFlagsLandlinesAsCannotReceiveSMSAndChoosesTheMobile(t *testing.T) {
	s, _ := newStore(t)
	p, _ := importBytes(t, s, readFile(t, "testdata/numbers.vcf"), ImportOptions{Region: "FR"})
	want := map[string]string{"Ligne Fixe": "", "Trop Court": "", "Mobile Belge": "+32470123456",
		"Double International": "+33677889900", "Zero Entre Parentheses": "+33611223355", "Numéro Vert": ""}
	for _, c := range all(t, s) {
		if c.Phone != want[c.Name] {
			t.Errorf("%s: phone %q, want %q", c.Name, c.Phone, want[c.Name])
		}
	}
	fixe := byName(t, s, "Ligne Fixe")
	if fixe.Phones[0].Kind != phone.Landline || fixe.Phones[0].Problem != "It is a landline: it cannot receive SMS." {
		t.Errorf("landline %+v", fixe.Phones[0])
	}
	if p.Landlines != 2 || p.Invalid != 1 || p.NoNumber != 3 {
		t.Errorf("landlines %d invalid %d no number %d", p.Landlines, p.Invalid, p.NoNumber)
	}
	if got := fixe.Problems(); len(got) != 2 || got[1] != "No number that can receive SMS." {
		t.Errorf("contact problems %q", got)
	}
}

func TestImportCapsTheFileSizeWithAClearMessage(t *testing.T) {
	s, _ := newStore(t)
	data := readFile(t, "testdata/duplicates.vcf")
	_, err := s.Preview(t.Context(), strings.NewReader(string(data)), ImportOptions{MaxBytes: 100})
	if err == nil || !strings.Contains(err.Error(), "larger than 100 bytes") || !strings.HasPrefix(err.Error(), "contacts: ") {
		t.Fatalf("err = %v", err)
	}
	if len(all(t, s)) != 0 {
		t.Error("a refused file changed the contacts")
	}
}

// The time it takes is measured by BenchmarkImportCardWith3MBPhoto.
func TestImportOfACardWithAHugePhotoKeepsTheCard(t *testing.T) {
	s, _ := newStore(t)
	p := preview(t, s, photoCard(1<<20), ImportOptions{Region: "FR"})
	if p.New != 1 || len(p.Problems) != 0 {
		t.Errorf("new %d, problems %v", p.New, p.Problems)
	}
}
