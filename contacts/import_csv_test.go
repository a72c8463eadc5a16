package contacts

import (
	"context"
	"strings"
	"testing"
	"time"

	"minuit/internal/minuit"
)

func TestShopifyExportRecordsSMSConsentWithItsSourceAndImportTime(t *testing.T) {
	s, clk := newStore(t)
	p, _ := importBytes(t, s, readFile(t, "testdata/shopify-customers.csv"), ImportOptions{Region: "FR", Source: "customers_export.csv"})
	if p.Format != FormatShopify || p.New != 4 {
		t.Fatalf("format %q new %d", p.Format, p.New)
	}
	camille := byName(t, s, "Camille Leroy")
	want := Consent{Status: minuit.ConsentOptedIn, Source: SourceShopify, At: clk.now(),
		Proof: "customers_export.csv, line 2: Accepts SMS Marketing = yes"}
	if camille.Consent != want {
		t.Errorf("consent %+v, want %+v", camille.Consent, want)
	}
	if camille.Phone != "+33612000001" || camille.UID != "shopify:7700000001" || strings.Join(camille.Groups, ",") != "Newsletter,VIP" ||
		camille.Notes != "Aime le pain aux noix" || camille.Phones[1].Raw != "+33612000001" {
		t.Errorf("Camille %+v", camille)
	}
	jonas := byName(t, s, "Jonas Peeters")
	if jonas.Phone != "+32470112233" || jonas.Consent.Status != minuit.ConsentUnknown || jonas.Company != "Bakkerij Peeters" {
		t.Errorf("Jonas (Belgian number written nationally) %+v", jonas)
	}
	if sarah := byName(t, s, "Sarah Miller"); sarah.Phone != "+16175550123" {
		t.Errorf("Sarah (US number) phone %q", sarah.Phone)
	}
	history, err := s.ConsentHistory(context.Background(), jonas.ID)
	if err != nil || len(history) != 0 {
		t.Errorf("Jonas said no and has history %v %v", history, err)
	}
}

func TestReimportingAShopifyExportDoesNotRepeatConsentEvents(t *testing.T) {
	s, clk := newStore(t)
	data := readFile(t, "testdata/shopify-customers.csv")
	importBytes(t, s, data, ImportOptions{Region: "FR"})
	clk.advance(time.Hour)
	p, _ := importBytes(t, s, data, ImportOptions{Region: "FR"})
	if p.Updated != 0 {
		t.Errorf("re-import updates %+v", p.Changes)
	}
	h, err := s.ConsentHistory(context.Background(), byName(t, s, "Camille Leroy").ID)
	if err != nil || len(h) != 1 {
		t.Errorf("history %v %v", h, err)
	}
}

func TestAStopReplyIsNotUndoneByAShopifyExportThatSaysYes(t *testing.T) {
	s, clk := newStore(t)
	data := readFile(t, "testdata/shopify-customers.csv")
	importBytes(t, s, data, ImportOptions{Region: "FR"})
	id := byName(t, s, "Camille Leroy").ID
	clk.advance(time.Hour)
	if err := s.SetConsent(context.Background(), id, minuit.ConsentOptedOut, "STOP reply", "inbound message 991"); err != nil {
		t.Fatal(err)
	}
	p, _ := importBytes(t, s, data, ImportOptions{Region: "FR"})
	if c := byName(t, s, "Camille Leroy"); c.Consent.Status != minuit.ConsentOptedOut || c.Consent.Source != "STOP reply" {
		t.Errorf("consent %+v", c.Consent)
	}
	if !strings.Contains(previewText(t, p), "Kept opted out (STOP reply, 2025-03-01); the file says they accept SMS marketing.") {
		t.Errorf("preview does not say why:\n%s", previewText(t, p))
	}
}

func TestAShopifyExportSayingNoWithdrawsAnOptInThatCameFromShopify(t *testing.T) {
	s, clk := newStore(t)
	data := string(readFile(t, "testdata/shopify-customers.csv"))
	importBytes(t, s, []byte(data), ImportOptions{Region: "FR"})
	clk.advance(time.Hour)
	withdrawn := strings.Replace(data, "'+33612000001,yes,", "'+33612000001,no,", 1)
	p, _ := importBytes(t, s, []byte(withdrawn), ImportOptions{Region: "FR"})
	c := byName(t, s, "Camille Leroy")
	if p.Updated != 1 || c.Consent.Status != minuit.ConsentOptedOut || c.Consent.Source != SourceShopify || !c.Consent.At.Equal(clk.now()) {
		t.Errorf("updated %d consent %+v", p.Updated, c.Consent)
	}
	h, _ := s.ConsentHistory(context.Background(), c.ID)
	if len(h) != 2 || h[0].Status != minuit.ConsentOptedIn || h[1].Status != minuit.ConsentOptedOut {
		t.Errorf("history %+v", h)
	}
}

func TestAFrenchSpreadsheetInWindows1252WithSemicolonsImports(t *testing.T) {
	s, _ := newStore(t)
	p, _ := importBytes(t, s, readFile(t, "testdata/excel-fr-semicolon-cp1252.csv"), ImportOptions{Region: "FR"})
	if p.Format != FormatCSV || p.Cards != 2 {
		t.Fatalf("format %q, %d rows (the blank row is not a contact)", p.Format, p.Cards)
	}
	checkContacts(t, all(t, s), []wantContact{
		{name: "René Moreau", first: "René", last: "Moreau", phone: "+33621436587", phones: 2, bday: "1980-03-22", groups: "Clients,VIP"},
		{name: "Zoé Lambert", first: "Zoé", last: "Lambert", phone: "+33781121212", phones: 1, bday: "--11-05", groups: "Clients"},
	})
	if r := byName(t, s, "René Moreau"); r.Notes != "Préfère les SMS" || r.Email != "rene@example.fr" || r.Phones[1].Label != "work" {
		t.Errorf("René %+v", r)
	}
}

func TestCSVColumnsCanBeMappedByHand(t *testing.T) {
	s, _ := newStore(t)
	data := "Client,GSM,Remarque\nBoulangerie Lune,06 33 44 55 66,livraison mardi\n"
	_, err := s.Preview(context.Background(), strings.NewReader(data), ImportOptions{Region: "FR"})
	if err != nil {
		t.Fatalf("preview with known headers: %v", err)
	}
	p, _ := importBytes(t, s, []byte(data), ImportOptions{Region: "FR", Columns: map[string]string{"remarque": "notes"}})
	if p.New != 1 {
		t.Fatalf("new %d", p.New)
	}
	c := all(t, s)[0]
	if c.Name != "Boulangerie Lune" || c.Phone != "+33633445566" || c.Notes != "livraison mardi" {
		t.Errorf("contact %+v", c)
	}
}

func TestACSVWithoutKnownColumnsIsRefusedWithAPlainMessage(t *testing.T) {
	s, _ := newStore(t)
	_, err := s.Preview(context.Background(), strings.NewReader("a,b,c\n1,2,3\n"), ImportOptions{Region: "FR"})
	if err == nil || !strings.Contains(err.Error(), "names no column Minuit knows") {
		t.Fatalf("err = %v", err)
	}
}

func TestAnEmptyFileIsRefusedWithAPlainMessage(t *testing.T) {
	s, _ := newStore(t)
	_, err := s.Preview(context.Background(), strings.NewReader(""), ImportOptions{Region: "FR"})
	if err == nil || err.Error() != "contacts: the file is empty" {
		t.Fatalf("err = %v", err)
	}
}

func TestACSVLargerThanTheCapIsRefusedNotLoopedOver(t *testing.T) {
	s, _ := newStore(t)
	data := "Name,Phone\n" + strings.Repeat("Anne,06 12 34 56 78\n", 1000)
	_, err := s.Preview(context.Background(), strings.NewReader(data), ImportOptions{Region: "FR", MaxBytes: 4096})
	if err == nil || !strings.Contains(err.Error(), "larger than 4096 bytes") {
		t.Fatalf("err = %v", err)
	}
}

func TestABareQuoteInsideANameIsKeptAndTheNextRowsImported(t *testing.T) {
	s, _ := newStore(t)
	data := "Name,Phone\nAnne,06 12 34 56 78\nBob \"the\" baker,06 22 33 44 55\nCléo,06 33 44 55 66\n"
	p, _ := importBytes(t, s, []byte(data), ImportOptions{Region: "FR"})
	if p.New != 3 || names(all(t, s)) != `Anne, Bob "the" baker, Cléo` {
		t.Fatalf("new %d: %q, problems %+v", p.New, names(all(t, s)), p.Problems)
	}
}
