package contacts

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
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

func TestSearchFindsContactsByNamePrefixesWithoutAccentsAndByNumber(t *testing.T) {
	s, _ := seed(t)
	ctx := context.Background()
	cases := map[string]string{
		"elo":               "Élodie Lefèvre",
		"LEFÈV":             "Élodie Lefèvre",
		"chl mart":          "Chloé Martin",
		"06 98 76":          "Chloé Martin",
		"+33 6 98 76 54 32": "Chloé Martin",
		"0033698":           "Chloé Martin",
		"698765":            "Chloé Martin",
		"+32 470":           "Mobile Belge",
		"06 12 34":          "Élodie Lefèvre, Trop Court", // a valid number, then an invalid one by its digits
		"café":              "Renée François",
		"zzz":               "",
	}
	for q, want := range cases {
		got, err := s.Search(ctx, q, 10)
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		if names(got) != want {
			t.Errorf("search %q = %q, want %q", q, names(got), want)
		}
	}
}

func TestListPagesByNameAndFiltersByGroup(t *testing.T) {
	s, _ := seed(t)
	ctx := context.Background()
	var pages []string
	q := Query{Limit: 4}
	for {
		cs, err := s.List(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if len(cs) == 0 {
			break
		}
		pages = append(pages, names(cs))
		q.After = cs[len(cs)-1].ID
	}
	want := []string{"Chloé Martin, Double International, Élodie Lefèvre, Hugo Bernard",
		"Inès Roux, Ligne Fixe, Mobile Belge, Numéro Vert", "Paul Durand, Renée François, Trop Court, Zero Entre Parentheses"}
	if strings.Join(pages, " | ") != strings.Join(want, " | ") {
		t.Errorf("pages:\n%q\nwant\n%q", pages, want)
	}
	vip, err := s.List(ctx, Query{Group: "vip"})
	if err != nil || names(vip) != "Chloé Martin" {
		t.Errorf("group vip: %q %v", names(vip), err)
	}
	amis, err := s.List(ctx, Query{Group: "Amis du samedi", Text: "hugo"})
	if err != nil || names(amis) != "Hugo Bernard" {
		t.Errorf("group and text: %q %v", names(amis), err)
	}
	groups, err := s.Groups(ctx)
	if err != nil || len(groups) != 4 || groups[0] != (Group{Name: "Amis du samedi", Count: 2}) {
		t.Errorf("groups %+v %v", groups, err)
	}
}

func TestUpdateRecordsTheEditedFieldsAndRefusesANumberOfAnotherContact(t *testing.T) {
	s, clk := seed(t)
	ctx := context.Background()
	c := byName(t, s, "Hugo Bernard")
	clk.advance(time.Minute)
	c.Name = "Hugo B."
	c.Groups = append(c.Groups, "Voisins")
	c.Birthday = Birthday{Month: time.July, Day: 14}
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

func TestConsentHistoryIsAppendOnlyAndExportsAsCSV(t *testing.T) {
	s, clk := seed(t)
	ctx := context.Background()
	id := byName(t, s, "Chloé Martin").ID
	if err := s.SetConsent(ctx, id, "maybe", "app", ""); !errors.Is(err, ErrBadConsent) {
		t.Errorf("bad status: %v", err)
	}
	if err := s.SetConsent(ctx, id, ConsentOptedIn, "in the shop", "signed form #12"); err != nil {
		t.Fatal(err)
	}
	clk.advance(time.Hour)
	if err := s.SetConsent(ctx, id, ConsentOptedOut, "STOP reply", "=cmd|' /C calc'!A0"); err != nil {
		t.Fatal(err)
	}
	h, err := s.ConsentHistory(ctx, id)
	if err != nil || len(h) != 2 || h[1].Status != ConsentOptedOut || !h[1].At.Equal(clk.now()) {
		t.Fatalf("history %+v %v", h, err)
	}
	if _, err := s.d.W.Exec(`UPDATE consent_events SET status = 'opted-in'`); err == nil {
		t.Error("consent history could be rewritten")
	}
	var b bytes.Buffer
	if err := s.WriteConsentCSV(ctx, &b); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil || len(rows) != 3 || rows[2][3] != "opted-out" || rows[2][5] != "'=cmd|' /C calc'!A0" {
		t.Errorf("consent CSV %q %v", rows, err)
	}
}

func TestEraseRemovesTheContactEverywhereTogetherWithItsMessageHistory(t *testing.T) {
	s, _ := seed(t)
	ctx := context.Background()
	c := byName(t, s, "Chloé Martin")
	if err := s.SetConsent(ctx, c.ID, ConsentOptedIn, "app", ""); err != nil {
		t.Fatal(err)
	}
	// the scheduler's table, erased in the same transaction
	if _, err := s.d.W.Exec(`CREATE TABLE messages (number TEXT, body TEXT)`); err != nil {
		t.Fatal(err)
	}
	if _, err := s.d.W.Exec(`INSERT INTO messages VALUES ('+33698765432', 'Bonjour Chloé')`); err != nil {
		t.Fatal(err)
	}
	failing := func(tx *sql.Tx) error { return errors.New("scheduler busy") }
	if err := s.Erase(ctx, c.ID, failing); err == nil {
		t.Fatal("erase succeeded although the message history could not be erased")
	}
	if _, err := s.Get(ctx, c.ID); err != nil {
		t.Fatalf("a failed erase removed the contact: %v", err)
	}
	extra := func(tx *sql.Tx) error {
		_, err := tx.Exec(`UPDATE messages SET number = '', body = '' WHERE number IN
			(SELECT e164 FROM contact_phones WHERE contact_id = ?)`, c.ID)
		return err
	}
	if err := s.Erase(ctx, c.ID, extra); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(ctx, c.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("get after erase: %v", err)
	}
	var left int
	for _, q := range []string{`SELECT count(*) FROM contact_phones WHERE contact_id = ?`,
		`SELECT count(*) FROM consent_events WHERE contact_id = ?`, `SELECT count(*) FROM contact_group_members WHERE contact_id = ?`,
		`SELECT count(*) FROM messages WHERE body != '' AND ? > 0`} {
		if err := s.d.R.QueryRow(q, c.ID).Scan(&left); err != nil || left != 0 {
			t.Errorf("%s: %d left (%v)", q, left, err)
		}
	}
	if found, _ := s.Search(ctx, "chloé", 5); len(found) != 0 {
		t.Errorf("search still finds %q", names(found))
	}
	if c, ok, err := s.ByNumber(ctx, "+33698765432"); ok || err != nil {
		t.Errorf("by number after erase: %v %v %v", c, ok, err)
	}
	groups, _ := s.Groups(ctx)
	for _, g := range groups {
		if g.Name == "VIP" {
			t.Error("the group only she was in is still listed")
		}
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

func TestExportToVCard4ThenReimportChangesNothing(t *testing.T) {
	s, _ := seed(t)
	importBytes(t, s, readFile(t, "testdata/shopify-customers.csv"), ImportOptions{Region: "FR"})
	importBytes(t, s, readFile(t, "testdata/birthdays.vcf"), ImportOptions{Region: "FR"})
	before := all(t, s)
	var b bytes.Buffer
	if err := s.ExportVCard(context.Background(), &b, nil); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "VERSION:4.0\r\n") || strings.Count(b.String(), "BEGIN:VCARD") != len(before) {
		t.Fatalf("export:\n%s", b.String())
	}
	p, _ := importBytes(t, s, b.Bytes(), ImportOptions{Region: "US"}) // the region must not matter
	if p.New != 0 || p.Updated != 0 || p.Unchanged != len(before) || len(p.Problems) != countNumberProblems(before) {
		t.Errorf("re-import: new %d updated %d unchanged %d of %d, changes %+v", p.New, p.Updated, p.Unchanged, len(before), p.Changes)
	}
	// a fresh store gets the same contacts back
	fresh, _ := newStore(t)
	importBytes(t, fresh, b.Bytes(), ImportOptions{Region: "FR"})
	got := map[string]Contact{}
	for _, c := range all(t, fresh) {
		got[c.Name] = c
	}
	if len(got) != len(before) {
		t.Errorf("%d contacts back of %d", len(got), len(before))
	}
	for _, a := range before {
		z := got[a.Name]
		if a.Name != z.Name || a.Phone != z.Phone || a.Birthday != z.Birthday || strings.Join(a.Groups, ",") != strings.Join(z.Groups, ",") ||
			a.Notes != z.Notes || a.Email != z.Email || a.UID != z.UID || len(a.Phones) != len(z.Phones) {
			t.Errorf("round trip:\n%+v\n%+v", a, z)
		}
	}
}

func countNumberProblems(cs []Contact) int {
	n := 0
	for _, c := range cs {
		n += len(c.Problems())
	}
	return n
}

func TestWriteJSONLinesPrintsOneObjectPerContact(t *testing.T) {
	s, _ := seed(t)
	cs, err := s.List(context.Background(), Query{Text: "chloé"})
	if err != nil || len(cs) != 1 {
		t.Fatalf("%v %v", cs, err)
	}
	fixe := byName(t, s, "Ligne Fixe")
	var b bytes.Buffer
	if err := WriteJSONLines(&b, append(cs, fixe)); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("lines %q", lines)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"id", "name", "phone", "phones", "birthday", "groups", "consent", "problems"} {
		if _, ok := m[k]; !ok {
			t.Errorf("no %q in %s", k, lines[0])
		}
	}
	if m["phone"] != "+33698765432" || m["birthday"] != nil || len(m["phones"].([]any)) != 3 {
		t.Errorf("object %s", lines[0])
	}
	if !strings.Contains(lines[1], `"problems":["01 23 45 67 89: It is a landline: it cannot receive SMS.","No number that can receive SMS."]`) {
		t.Errorf("landline contact %s", lines[1])
	}
}

func TestDefaultRegionComesFromTheLocaleWithFranceAsFallback(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	none := func() string { return "" }
	cases := []struct {
		env    map[string]string
		system func() string
		want   string
	}{
		{map[string]string{"LANG": "fr_FR.UTF-8"}, none, "FR"},
		{map[string]string{"LC_ALL": "de_CH.UTF-8@euro", "LANG": "fr_FR.UTF-8"}, none, "CH"},
		{map[string]string{"LC_MESSAGES": "en_US", "LANG": "fr_BE.UTF-8"}, none, "US"},
		{map[string]string{"LANG": "C"}, none, "FR"},
		{map[string]string{}, func() string { return "ca" }, "CA"},
		{map[string]string{"LANG": "en_XX.UTF-8"}, none, "FR"},
	}
	for _, c := range cases {
		if got := regionFrom(env(c.env), c.system); got != c.want {
			t.Errorf("%v: %q, want %q", c.env, got, c.want)
		}
	}
	if r := DefaultRegion(); len(r) != 2 {
		t.Errorf("DefaultRegion() = %q", r)
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
