package contacts

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"minuit/internal/db"
)

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
	clients, err := s.List(ctx, Query{Group: "Clients", Text: "06"})
	if err != nil || names(clients) != "Chloé Martin, Paul Durand" {
		t.Errorf("group and number: %q %v", names(clients), err)
	}
	groups, err := s.Groups(ctx)
	if err != nil || len(groups) != 4 || groups[0] != (Group{Name: "Amis du samedi", Count: 2}) {
		t.Errorf("groups %+v %v", groups, err)
	}
}

func TestSearchCutsLongWordsToAPrefixIndexAndChecksTheCandidates(t *testing.T) {
	q := parseSearch("Chloé dur L")
	if q.match != `"chlo"* AND "du"* AND "l"*` || !q.verify {
		t.Fatalf("query %+v", q)
	}
	if !q.matches("Chloé Durand Lune") || q.matches("Chloris Durand Lune") || q.matches("Chloé Dupont Lune") {
		t.Error("candidates are not checked against the whole words typed")
	}
	if q := parseSearch("ab lefe"); q.verify || q.match != `"ab"* AND "lefe"*` {
		t.Errorf("query %+v", q)
	}
}

func TestMigration2RebuildsTheSearchIndexOfStoredContacts(t *testing.T) {
	d, err := db.Open(filepath.Join(t.TempDir(), "minuit.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	first, err := migrations.ReadFile("migrations/0001_contacts.sql")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	v1 := fstest.MapFS{"m/0001_contacts.sql": {Data: first}}
	if err := d.Migrate(ctx, "contacts", v1, "m"); err != nil {
		t.Fatal(err)
	}
	if _, err := d.W.Exec(`INSERT INTO contacts (id, name, sort_key, company, created_at, updated_at)
		VALUES (7, 'Gaëlle Fontaine', 'gaelle fontaine', 'Fleurs & Co', '', '')`); err != nil {
		t.Fatal(err)
	}
	s, err := Open(ctx, d, newClock().now)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"gaëlle", "fontai", "fleurs"} {
		if got, err := s.Search(ctx, q, 5); err != nil || len(got) != 1 || got[0].ID != 7 {
			t.Errorf("search %q after migration: %v %v", q, got, err)
		}
	}
}

func TestNumberSearchPagesInIDOrder(t *testing.T) {
	s, _ := seed(t)
	ctx := context.Background()
	var got []string
	q := Query{Text: "06", Limit: 2}
	for i := 0; i < 10; i++ {
		cs, err := s.List(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if len(cs) == 0 {
			break
		}
		for _, c := range cs {
			got = append(got, c.Name)
		}
		q.After = cs[len(cs)-1].ID
	}
	want := "Chloé Martin, Paul Durand, Inès Roux, Élodie Lefèvre, Trop Court, Double International, Zero Entre Parentheses"
	if strings.Join(got, ", ") != want {
		t.Errorf("pages %q, want %q", strings.Join(got, ", "), want)
	}
}
