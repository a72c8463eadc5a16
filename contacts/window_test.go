package contacts

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"minuit/internal/minuit"
)

// cardsCSV is n contacts "Client i" with a French mobile each, in group (none when "").
func cardsCSV(n, from int, group string) []byte {
	var b strings.Builder
	b.WriteString("name,mobile,groups\n")
	for i := from; i < from+n; i++ {
		fmt.Fprintf(&b, "Client %d,+336%08d,%s\n", i, 20000000+i, group)
	}
	return []byte(b.String())
}

func TestCountSaysHowManyContactsAllPagesOfASearchHold(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	importBytes(t, s, cardsCSV(250, 0, "Clients"), ImportOptions{Source: "a.csv"})
	importBytes(t, s, cardsCSV(30, 1000, ""), ImportOptions{Source: "b.csv"})
	for _, tc := range []struct {
		q    Query
		want int
	}{
		{Query{}, 280},
		{Query{Group: "clients"}, 250},
		{Query{Text: "client"}, 280},
		{Query{Text: "clien", Group: "Clients"}, 250},
		{Query{Text: "client 10"}, 41}, // 10, 100..109 and 1000..1029
		{Query{Text: "06 20 00 01"}, 100},
		{Query{Text: "+33 6 20 00 01", Group: "Clients"}, 100},
		{Query{Group: "nobody"}, 0},
		{Query{Text: "zzz"}, 0},
	} {
		n, err := s.Count(ctx, tc.q)
		if err != nil || n != tc.want {
			t.Errorf("Count(%+v) = %d, %v; want %d", tc.q, n, err, tc.want)
		}
		// the pages of List hold as many
		got, after := 0, int64(0)
		for {
			q := tc.q
			q.After, q.Limit = after, 40
			page, err := s.List(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			got += len(page)
			if len(page) < 40 {
				break
			}
			after = page[len(page)-1].ID
		}
		if tc.q.Text != "" && got != tc.want {
			t.Errorf("the pages of %+v hold %d contacts, Count says %d", tc.q, got, tc.want)
		}
	}
}

func TestCreateSavesATypedContactWithItsNumbersGroupsAndBirthday(t *testing.T) {
	s, _ := newStore(t)
	ctx := context.Background()
	id, err := s.Create(ctx, Contact{Name: " Élodie Martin ", Phones: []Phone{{Raw: "06 12 34 56 78", Label: "cell"},
		{Raw: "01 40 20 30 40", Label: "home"}}, Groups: []string{"VIP", "vip", "Clients"},
		Birthday: minuit.Birthday{Month: 3, Day: 22}, NoMessages: true})
	if err != nil {
		t.Fatal(err)
	}
	c, err := s.Get(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if c.Name != "Élodie Martin" || c.Phone != "+33612345678" || len(c.Phones) != 2 || strings.Join(c.Groups, ",") != "Clients,VIP" ||
		c.Birthday.String() != "--03-22" || !c.NoMessages || c.Consent.Status != minuit.ConsentUnknown || c.Source != SourceApp {
		t.Fatalf("created %+v", c)
	}
	if found, _ := s.Search(ctx, "elodie", 10); len(found) != 1 || found[0].ID != id {
		t.Fatalf("the search does not find the new contact: %v", found)
	}
	_, err = s.Create(ctx, Contact{Name: "Paul", Phones: []Phone{{Raw: "+33612345678"}}})
	var taken *NumberTakenError
	if !errors.As(err, &taken) || taken.Owner != "Élodie Martin" || !errors.Is(err, ErrNumberTaken) {
		t.Fatalf("a number already taken gave %v", err)
	}
	if _, err := s.Create(ctx, Contact{Name: "  "}); !errors.Is(err, errNoName) {
		t.Fatalf("a contact without a name gave %v", err)
	}
	if n, _ := s.Count(ctx, Query{}); n != 1 {
		t.Fatalf("%d contacts after two refused creations, want 1", n)
	}
}

func TestThePreviewSaysHowEachGroupGrows(t *testing.T) {
	s, _ := newStore(t)
	importBytes(t, s, cardsCSV(5, 0, "Clients"), ImportOptions{Source: "a.csv"})
	// 3 of the 5 again (no change), 20 new ones, one of which is there twice with
	// another group; clients written in another case.
	data := append(cardsCSV(3, 0, "clients"), cardsCSV(20, 100, "Clients")[len("name,mobile,groups\n"):]...)
	data = append(data, []byte("Client 100 again,+33620000100,VIP\n")...)
	p := preview(t, s, data, ImportOptions{Source: "b.csv"})
	want := []GroupChange{{Name: "Clients", Before: 5, After: 25}, {Name: "VIP", Before: 0, After: 1}}
	if fmt.Sprint(p.Groups) != fmt.Sprint(want) {
		t.Fatalf("group changes %+v, want %+v", p.Groups, want)
	}
	var got []int
	if _, err := s.CommitProgress(context.Background(), p, func(done, total int) { got = append(got, done, total) }); err != nil {
		t.Fatal(err)
	}
	if len(got) == 0 || got[len(got)-2] != got[len(got)-1] || got[len(got)-1] != 24 {
		t.Fatalf("progress %v does not end at 24 of 24 cards", got)
	}
	gs, _ := s.Groups(context.Background())
	if fmt.Sprint(gs) != "[{Clients 25} {VIP 1}]" {
		t.Fatalf("groups after the import %v, the preview said %v", gs, want)
	}
}
