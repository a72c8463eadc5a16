package contacts

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

var (
	genFirst = []string{"Élodie", "Jean", "Zoë", "François", "Hélène", "Noël", "Chloé", "Léa", "Jérôme", "Amélie",
		"Thomas", "Camille", "Ñuño", "Sören", "Marie", "Paul", "Inès", "Loïc", "Agnès", "Benoît", "Œdipe", "Çağla"}
	genLast = []string{"Lefèvre", "Martin", "Dupont", "Géraud", "Müller", "Bernard", "Petit", "Durand", "Leroy",
		"Moreau", "Simon", "Laurent", "Michel", "Garçon", "Fournier", "Girard", "Bonnet", "Dupré", "Lambert"}
	genOrgs   = []string{"Boulangerie Durand", "Café de la Gare", "Fleurs & Co", "Garage Moreau", "Librairie Ô Livres"}
	genGroups = []string{"Clients", "VIP", "Fidélité", "Newsletter", "Marché du samedi", "Professionnels"}
	genNote   = "Cliente fidèle depuis 2015. Préfère être contactée le matin, jamais le dimanche. Commande " +
		"régulière de pain de campagne et de croissants pour le week-end; aime les nouveautés. Vient " +
		"souvent avec sa fille; paie par carte."
)

// writeBigVCard writes n generated vCard 3.0 cards: 2 or 3 TEL (a French mobile, a
// landline, sometimes a Belgian mobile), EMAIL, BDAY, CATEGORIES, ADR, ORG, a
// folded NOTE and non-ASCII names. Every 100th card repeats an earlier card's mobile
// (a duplicate to merge). 100,000 cards make about 49 MB.
func writeBigVCard(w io.Writer, n int) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < n; i++ {
		first, last := genFirst[rng.IntN(len(genFirst))], genLast[rng.IntN(len(genLast))]
		mobile := spread(i)
		if i%100 == 99 {
			mobile = spread(rng.IntN(i))
		}
		fmt.Fprintf(bw, "BEGIN:VCARD\r\nVERSION:3.0\r\nN:%s;%s;;;\r\nFN:%s %s\r\n", last, first, first, last)
		fmt.Fprintf(bw, "ORG:%s\r\n", genOrgs[rng.IntN(len(genOrgs))])
		if p1 := mobile / 1000000 % 100; mobile%2 == 0 {
			fmt.Fprintf(bw, "TEL;TYPE=CELL:06 %02d %02d %02d %02d\r\n", p1, mobile/10000%100, mobile/100%100, mobile%100)
		} else { // 07 mobiles are 073 to 079
			fmt.Fprintf(bw, "TEL;TYPE=CELL:07 %02d %02d %02d %02d\r\n", 30+p1%70, mobile/10000%100, mobile/100%100, mobile%100)
		}
		home := spread(i + 1)
		fmt.Fprintf(bw, "TEL;TYPE=HOME:0%d %02d %02d %02d %02d\r\n", 1+i%5, 10+home/1000000%90, home/10000%100,
			home/100%100, home%100)
		if i%2 == 0 {
			fmt.Fprintf(bw, "TEL;TYPE=WORK:+32 47%d %02d %02d %02d\r\n", i%10, i/10000%100, i/100%100, i%100)
		}
		fmt.Fprintf(bw, "EMAIL;TYPE=INTERNET:%s.%s%d@example.com\r\n", ascii(first), ascii(last), i)
		fmt.Fprintf(bw, "BDAY:%04d-%02d-%02d\r\n", 1940+rng.IntN(65), 1+rng.IntN(12), 1+rng.IntN(28))
		fmt.Fprintf(bw, "CATEGORIES:%s,%s\r\n", genGroups[rng.IntN(len(genGroups))], genGroups[rng.IntN(len(genGroups))])
		fmt.Fprintf(bw, "ADR;TYPE=HOME:;;%d rue de la République;Lyon;;690%02d;France\r\n", 1+rng.IntN(200), rng.IntN(10))
		cut := 60 + rng.IntN(len(genNote)-60)
		for cut < len(genNote) && !utf8.RuneStart(genNote[cut]) {
			cut++
		}
		bw.WriteString(fold75("NOTE:" + genNote[:cut]))
		bw.WriteString("END:VCARD\r\n")
	}
	return bw.Flush()
}

// spread maps 0, 1, 2... to distinct 8-digit numbers spread over the whole range, as
// real subscriber numbers are.
func spread(i int) int { return (i*7919 + 1234567) % 100_000_000 }

// fold75 folds a content line at 75 octets, as RFC 6350 says.
func fold75(line string) string {
	var b strings.Builder
	for len(line) > 75 {
		cut := 75
		for cut > 0 && line[cut]&0xC0 == 0x80 {
			cut-- // do not split a UTF-8 sequence
		}
		b.WriteString(line[:cut])
		b.WriteString("\r\n ")
		line = line[cut:]
	}
	b.WriteString(line)
	b.WriteString("\r\n")
	return b.String()
}

func ascii(s string) string {
	return strings.ToLower(asciiReplacer.Replace(s))
}

var asciiReplacer = strings.NewReplacer("É", "E", "é", "e", "ë", "e", "ç", "c", "è", "e", "ô", "o", "ï", "i", "ö", "o",
	"Ñ", "N", "ñ", "n", "ü", "u", "Ç", "C", "ğ", "g", "Œ", "Oe", "è", "e", "î", "i", "ê", "e", "â", "a")

// bigVCard generates the n-card file into dir and returns its path and size.
func bigVCard(tb testing.TB, dir string, n int) (string, int64) {
	tb.Helper()
	path := filepath.Join(dir, fmt.Sprintf("generated-%d.vcf", n))
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	if err := writeBigVCard(f, n); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		tb.Fatal(err)
	}
	return path, st.Size()
}
