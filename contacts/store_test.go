package contacts

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"minuit/internal/minuit"
)

// seed imports the fixtures most store tests use.
func seed(t *testing.T) (*Store, *clock) {
	t.Helper()
	s, clk := newStore(t)
	for _, f := range []string{"testdata/apple-items-and-groups.vcf", "testdata/duplicates.vcf",
		"testdata/v21-quoted-printable-charsets.vcf", "testdata/numbers.vcf"} {
		importBytes(t, s, readFile(t, f), ImportOptions{Region: "FR", Source: f})
	}
	return s, clk
}

func names(cs []Contact) string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Name
	}
	return strings.Join(out, ", ")
}

func TestUpdateRecordsTheEditedFieldsAndRefusesANumberOfAnotherContact(t *testing.T) {
	s, clk := seed(t)
	ctx := context.Background()
	c := byName(t, s, "Hugo Bernard")
	clk.advance(time.Minute)
	c.Name = "Hugo B."
	c.Groups = append(c.Groups, "Voisins")
	c.Birthday = minuit.Birthday{Month: time.July, Day: 14}
	c.Phones = append(c.Phones, Phone{Raw: "06 98 76 54 32"}) // Chloé's
	if err := s.Update(ctx, c); !errors.Is(err, ErrNumberTaken) || !strings.Contains(err.Error(), "Chloé Martin") {
		t.Fatalf("err = %v", err)
	}
	c.Phones = c.Phones[:len(c.Phones)-1]
	c.Phones = append(c.Phones, Phone{Raw: "06 11 11 11 11", Label: "Cell"})
	if err := s.Update(ctx, c); err != nil {
		t.Fatal(err)
	}
	got, err := s.Get(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "Hugo B." || got.Birthday.String() != "--07-14" || len(got.Phones) != 3 || got.Phones[2].Number != "+33611111111" {
		t.Errorf("contact %+v", got)
	}
	for _, f := range []string{fName, fGroups, fBirthday, fPhones} {
		if !got.Edited[f].Equal(clk.now()) {
			t.Errorf("%s not recorded as edited: %v", f, got.Edited)
		}
	}
	if _, ok := got.Edited[fEmail]; ok {
		t.Error("an unchanged field is recorded as edited")
	}
	if found, _ := s.Search(ctx, "06 11 11", 5); names(found) != "Hugo B." {
		t.Errorf("search after update: %q", names(found))
	}
}

func TestResolveReturnsGroupMembersOnceWithTheirPlaceholders(t *testing.T) {
	s, _ := seed(t)
	ctx := context.Background()
	hugo := byName(t, s, "Hugo Bernard")
	fixe := byName(t, s, "Ligne Fixe")
	rs, err := s.Resolve(ctx, []int64{hugo.ID, fixe.ID, 999999}, []string{"amis du samedi"})
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 3 || rs[0].Name != "Chloé Martin" || rs[1].ContactID != hugo.ID || rs[2].ContactID != fixe.ID {
		t.Fatalf("recipients %+v", rs)
	}
	if rs[0].Number != "+33698765432" || rs[0].Fields["first_name"] != "Chloé" || rs[0].Fields["email"] != "chloe@example.fr" {
		t.Errorf("Chloé %+v", rs[0])
	}
	if rs[2].Number != "" {
		t.Errorf("a landline-only contact has a number to text: %q", rs[2].Number)
	}
	if _, err := s.Resolve(ctx, nil, []string{"nobody"}); err == nil || !strings.Contains(err.Error(), `no group named "nobody"`) {
		t.Errorf("unknown group: %v", err)
	}
}

func TestByNumberFindsAContactFromAnInboundNumberWithOrWithoutPlus(t *testing.T) {
	s, _ := seed(t)
	ctx := context.Background()
	for _, n := range []string{"+33698765432", "33698765432", "06 98 76 54 32"} {
		c, ok, err := s.ByNumber(ctx, n)
		if err != nil || !ok || c.Name != "Chloé Martin" {
			t.Errorf("%q: %q %v %v", n, c.Name, ok, err)
		}
	}
	if _, ok, err := s.ByNumber(ctx, "+33600000000"); ok || err != nil {
		t.Errorf("unknown number: %v %v", ok, err)
	}
}

func TestUpdateKeepsNumbersReadInAnotherRegion(t *testing.T) {
	s, _ := newStore(t)
	importBytes(t, s, readFile(t, "testdata/shopify-customers.csv"), ImportOptions{Region: "US"})
	c := byName(t, s, "Sarah Miller") // (617) 555-0123, read as a US number
	c.Phones[0].Label = "cell"
	if err := s.Update(context.Background(), c); err != nil { // the store's region is FR
		t.Fatal(err)
	}
	got, _ := s.Get(context.Background(), c.ID)
	if got.Phone != "+16175550123" || got.Phones[0].Label != "cell" {
		t.Errorf("phones %+v", got.Phones)
	}
}

func TestCleanCollapsesEveryKindOfWhiteSpace(t *testing.T) {
	for in, want := range map[string]string{" Élodie  Lefèvre ": "Élodie Lefèvre", "Zoë\u00a0Roux": "Zoë Roux",
		"a\tb\nc": "a b c", "Ñuño": "Ñuño", "": ""} {
		if got := clean(in); got != want {
			t.Errorf("clean(%q) = %q, want %q", in, got, want)
		}
	}
}
