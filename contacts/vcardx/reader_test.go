package vcardx

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-vcard"
)

// vendorDir finds ../shared/testdata/vcards next to the repository root (the folder
// holding go.mod), or skips the test.
func vendorDir(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("repository root (go.mod) not found")
		}
		dir = parent
	}
	vendor := filepath.Join(dir, "..", "shared", "testdata", "vcards")
	if _, err := os.Stat(vendor); err != nil {
		t.Skipf("vendor vCard exports not found at %s: %v", vendor, err)
	}
	return vendor
}

func readAll(t *testing.T, data string) []*Card {
	t.Helper()
	r := NewReader(strings.NewReader(data))
	var out []*Card
	for {
		c, err := r.Next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, c)
	}
}

func goVCard(t *testing.T, data []byte) []vcard.Card {
	t.Helper()
	dec := vcard.NewDecoder(bytes.NewReader(data))
	var out []vcard.Card
	for {
		c, err := dec.Decode()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, c)
	}
}

// normalize drops what the reader leaves out on purpose: binary properties, and the
// ENCODING and CHARSET parameters of values it has decoded.
func normalize(c vcard.Card) vcard.Card {
	for _, k := range []string{"PHOTO", "LOGO", "SOUND", "KEY"} {
		delete(c, k)
	}
	for _, fs := range c {
		for _, f := range fs {
			delete(f.Params, "CHARSET")
			delete(f.Params, "ENCODING")
			if len(f.Params) == 0 {
				f.Params = nil
			}
		}
	}
	return c
}

func TestReaderMatchesGoVCardOnWellFormedFiles(t *testing.T) {
	dir := vendorDir(t)
	// vCard 3.0 and 4.0 exports without the quirks go-vcard mishandles
	for _, name := range []string{"John_Doe_EVOLUTION.vcf", "John_Doe_GMAIL.vcf", "John_Doe_IPHONE.vcf",
		"John_Doe_LOTUS_NOTES.vcf", "John_Doe_MAC_ADDRESS_BOOK.vcf", "fullcontact.vcf", "gmail-list.vcf",
		"gmail-single.vcf", "gmail-single2.vcf", "rfc2426-example.vcf", "rfc6350-example.vcf",
		"thunderbird-MoreFunctionsForAddressBook-extension.vcf"} {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			want := goVCard(t, data)
			got := readAll(t, string(data))
			if len(got) != len(want) {
				t.Fatalf("read %d cards, go-vcard %d", len(got), len(want))
			}
			for i := range got {
				if len(got[i].Problems) != 0 {
					t.Errorf("card %d: problems %v", i, got[i].Problems)
				}
				if g, w := normalize(got[i].Card), normalize(want[i]); !reflect.DeepEqual(g, w) {
					for k := range w {
						if !reflect.DeepEqual(g[k], w[k]) {
							t.Errorf("card %d %s: got %v, go-vcard %v", i, k, fields(g[k]), fields(w[k]))
						}
					}
					for k := range g {
						if w[k] == nil {
							t.Errorf("card %d: extra %s %v", i, k, fields(g[k]))
						}
					}
				}
			}
		})
	}
}

func fields(fs []*vcard.Field) []vcard.Field {
	out := make([]vcard.Field, len(fs))
	for i, f := range fs {
		out[i] = *f
	}
	return out
}

func TestReaderJoinsQuotedPrintableSoftLineBreaks(t *testing.T) {
	cards := readAll(t, "BEGIN:VCARD\r\nVERSION:2.1\r\n"+
		"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Lef=C3=A8vre;=C3=89lo=\r\ndie;;;\r\n"+
		"NOTE;ENCODING=QUOTED-PRINTABLE:line one=0D=0A=\r\nline two\r\n"+
		"TEL;CELL:0612345678\r\nEND:VCARD\r\n")
	if len(cards) != 1 || len(cards[0].Problems) != 0 {
		t.Fatalf("cards %v", cards)
	}
	c := cards[0].Card
	if got := c.Value("N"); got != "Lefèvre;Élodie;;;" {
		t.Errorf("N = %q", got)
	}
	if got := c.Value("NOTE"); got != "line one\nline two" {
		t.Errorf("NOTE = %q", got)
	}
}

func TestReaderReadsBareVCard21TypesAsTypes(t *testing.T) {
	cards := readAll(t, "BEGIN:VCARD\nVERSION:2.1\nTEL;CELL;PREF:+33612345678\nTEL;HOME;VOICE:0142000000\nEND:VCARD\n")
	tels := cards[0].Card["TEL"]
	if len(tels) != 2 || tels[0].Value != "+33612345678" || !tels[0].Params.HasType("cell") || !tels[0].Params.HasType("pref") {
		t.Fatalf("TEL = %v", fields(tels))
	}
	if tels[1].Value != "0142000000" || !tels[1].Params.HasType("home") {
		t.Errorf("second TEL = %v", *tels[1])
	}
}

func TestReaderConvertsDeclaredAndUndeclaredLegacyCharsets(t *testing.T) {
	data := "BEGIN:VCARD\r\nVERSION:2.1\r\n" +
		"FN;CHARSET=ISO-8859-1:Ren\xe9e Fran\xe7ois\r\n" +
		"NOTE;CHARSET=WINDOWS-1252;ENCODING=QUOTED-PRINTABLE:=80 5=\r\n\r\n" +
		"ORG:Caf\xe9 \x80\r\nEND:VCARD\r\n"
	c := readAll(t, data)[0]
	if got := c.Card.Value("FN"); got != "Renée François" {
		t.Errorf("FN = %q", got)
	}
	if got := c.Card.Value("NOTE"); got != "€ 5" {
		t.Errorf("NOTE = %q", got)
	}
	if got := c.Card.Value("ORG"); got != "Café €" {
		t.Errorf("undeclared Windows-1252 ORG = %q", got)
	}
	if len(c.Problems) != 0 {
		t.Errorf("problems %v", c.Problems)
	}
}

func TestReaderReportsLinesItCannotReadWithTheirLineNumbers(t *testing.T) {
	cards := readAll(t, "BEGIN:VCARD\nVERSION:3.0\nFN:Anne\nthis line has no colon\n=C3=A9 stray\nTEL:0612345678\nEND:VCARD\n")
	c := cards[0]
	if c.Card.Value("TEL") != "0612345678" || c.Card.Value("FN") != "Anne" {
		t.Fatalf("card %v", c.Card)
	}
	if len(c.Problems) != 2 || c.Problems[0].Line != 4 || c.Problems[1].Line != 5 {
		t.Fatalf("problems %v, want lines 4 and 5", c.Problems)
	}
	if !strings.Contains(c.Problems[0].Reason, "could not be read") {
		t.Errorf("reason %q", c.Problems[0].Reason)
	}
}

func TestReaderEndsACardWithoutEndVCardAndSaysSo(t *testing.T) {
	cards := readAll(t, "\xef\xbb\xbfBEGIN:VCARD\nVERSION:3.0\nFN:First\n\n\nBEGIN:VCARD\nVERSION:3.0\nFN:Second\n")
	if len(cards) != 2 || cards[0].Card.Value("FN") != "First" || cards[1].Card.Value("FN") != "Second" {
		t.Fatalf("cards %v", cards)
	}
	if len(cards[0].Problems) != 1 || !strings.Contains(cards[0].Problems[0].Reason, "no END:VCARD") {
		t.Errorf("first card problems %v", cards[0].Problems)
	}
	if len(cards[1].Problems) != 1 || cards[1].Problems[0].Line != 6 {
		t.Errorf("second card problems %v", cards[1].Problems)
	}
}

func TestReaderSkipsVCard21Base64PhotosEndedByABlankLine(t *testing.T) {
	data := "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Paul\r\nPHOTO;ENCODING=BASE64;JPEG:/9j/4AAQSkZJRg\r\n" +
		"AAQSkZJRgABAQAAAQABAAD\r\n  ABAQAAAQABAAD==\r\n\r\nTEL;CELL:0611223344\r\nEND:VCARD\r\n"
	c := readAll(t, data)[0]
	if c.Card.Value("TEL") != "0611223344" || c.Card["PHOTO"] != nil || len(c.Problems) != 0 {
		t.Fatalf("card %v problems %v", c.Card, c.Problems)
	}
}

func TestReaderReadsAThreeMegabytePhotoInLinearTime(t *testing.T) {
	var b strings.Builder
	b.WriteString("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Big\r\nPHOTO;ENCODING=b;TYPE=JPEG:")
	line := strings.Repeat("QUJD", 18) + "\r\n "
	for b.Len() < 3<<20 {
		b.WriteString(line)
	}
	b.WriteString("QUJD\r\nTEL:0611223344\r\nEND:VCARD\r\n")
	start := time.Now()
	c := readAll(t, b.String())[0]
	if c.Card.Value("TEL") != "0611223344" {
		t.Fatalf("card %v", c.Card)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %v", d)
	}
}

func TestReaderCapsAnOverlongLineAndReportsIt(t *testing.T) {
	data := "BEGIN:VCARD\nVERSION:3.0\nNOTE:" + strings.Repeat("x", MaxLineBytes+10) + "\nFN:Kept\nEND:VCARD\n"
	c := readAll(t, data)[0]
	if c.Card.Value("FN") != "Kept" || c.Card["NOTE"] != nil {
		t.Fatalf("card %v", c.Card)
	}
	if len(c.Problems) != 1 || c.Problems[0].Line != 3 || !strings.Contains(c.Problems[0].Reason, "longer than") {
		t.Errorf("problems %v", c.Problems)
	}
}

func TestReaderReportsTextOutsideCards(t *testing.T) {
	cards := readAll(t, "hello\nBEGIN:VCARD\nFN:A\nEND:VCARD\ntrailing: junk\n")
	if len(cards) != 2 || cards[0].Card.Value("FN") != "A" {
		t.Fatalf("cards %v", cards)
	}
	if len(cards[0].Problems) != 1 || cards[0].Problems[0].Line != 1 {
		t.Errorf("first problems %v", cards[0].Problems)
	}
	if cards[1].Card != nil || len(cards[1].Problems) != 1 || cards[1].Problems[0].Line != 5 {
		t.Errorf("trailing problems %v", cards[1])
	}
}
