package ui

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"minuit/contacts"
	"minuit/internal/db"
	"minuit/scheduler"
)

// benchCards writes n cards like the generated test file of contacts/gen_test.go:
// accented names (a few hundred distinct ones), a mobile and a landline each, one
// or two groups of six.
func benchCards(n int) string {
	first := []string{"Élodie", "Jean", "Zoë", "François", "Hélène", "Noël", "Chloé", "Léa", "Jérôme", "Amélie", "Thomas", "Camille"}
	last := []string{"Lefèvre", "Martin", "Dupont", "Géraud", "Müller", "Bernard", "Petit", "Durand", "Leroy", "Moreau", "Simon"}
	groups := []string{"Clients", "VIP", "Fidélité", "Newsletter", "Marché du samedi", "Professionnels"}
	var b strings.Builder
	for i := range n {
		f, l := first[i%len(first)], last[i/len(first)%len(last)]
		fmt.Fprintf(&b, "BEGIN:VCARD\r\nVERSION:3.0\r\nN:%s;%s;;;\r\nFN:%s %s\r\nTEL;TYPE=CELL:06 %02d %02d %02d %02d\r\n", l, f, f, l,
			i/1000000%100, i/10000%100, i/100%100, i%100)
		fmt.Fprintf(&b, "TEL;TYPE=HOME:01 4%d %02d %02d %02d\r\nCATEGORIES:%s,%s\r\nEND:VCARD\r\n", i%10, i/10000%100, i/100%100, i%100,
			groups[i%len(groups)], groups[i/7%len(groups)])
	}
	return b.String()
}

// BenchmarkContactsSearchKeystrokeAt100k types in the Contacts tab's search with
// 100,000 contacts: the store's query for the page alone, then one keystroke in
// the window (Fyne's test driver) until the list shows the new page, and until its
// count shows too. Goal: the list within 100 ms of the keystroke.
func BenchmarkContactsSearchKeystrokeAt100k(b *testing.B) {
	dir := b.TempDir()
	d, err := db.Open(filepath.Join(dir, "minuit.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer d.Close()
	st, err := scheduler.Open(b.Context(), d, time.Now)
	if err != nil {
		b.Fatal(err)
	}
	cd, err := db.Open(filepath.Join(dir, "contacts.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer cd.Close()
	cs, err := contacts.Open(b.Context(), cd, time.Now)
	if err != nil {
		b.Fatal(err)
	}
	p, err := cs.Preview(b.Context(), strings.NewReader(benchCards(100000)), contacts.ImportOptions{Source: "bench.vcf", Region: "FR"})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := cs.Commit(b.Context(), p); err != nil {
		b.Fatal(err)
	}
	// Typing "martin", then a number, one character at a time.
	var words []string
	for _, w := range []string{"martin", "06 00 01 23"} {
		for i := 1; i <= len(w); i++ {
			words = append(words, w[:i])
		}
	}
	b.Run("store-query", func(b *testing.B) {
		i := 0
		for b.Loop() {
			if _, err := cs.List(b.Context(), contacts.Query{Text: words[i%len(words)], Limit: contactsPage}); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
	m := NewMain(test.NewTempApp(b), Deps{Store: st, Contacts: cs, Zone: "Europe/Paris"})
	m.tk.queue = make(chan func(), 4096)
	m.Window.Resize(m.Window.Content().MinSize().Max(m.Window.Canvas().Size()))
	ct := m.Contacts
	ct.Reload()
	m.Settle()
	b.Run("window-list", func(b *testing.B) {
		i := 0
		for b.Loop() {
			ct.Search.SetText(words[i%len(words)])
			for ct.first { // run the completions until the first page is shown
				f := <-m.tk.queue
				m.tk.pending--
				f()
			}
			b.StopTimer()
			m.Settle()
			b.StartTimer()
			i++
		}
	})
	b.Run("window-list-and-count", func(b *testing.B) {
		i := 0
		for b.Loop() {
			ct.Search.SetText(words[i%len(words)])
			m.Settle()
			i++
		}
		if ct.Total <= 0 || len(ct.Rows) != min(ct.Total, contactsPage) {
			b.Fatalf("the list shows %d rows of %d", len(ct.Rows), ct.Total)
		}
	})
}
