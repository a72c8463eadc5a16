package app

import (
	"strings"
	"testing"

	"minuit/contacts"
	"minuit/internal/minuit"
)

func TestChangingTheCountryInSettingsAppliesToTheNextImportAtOnce(t *testing.T) {
	e, err := openEnv(t.Context(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	d := uiDeps(t.Context(), e)
	if err := d.Store.SetSetting(t.Context(), minuit.KeyRegion, "BE"); err != nil {
		t.Fatal(err)
	}
	card := "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Lotte\r\nTEL;TYPE=CELL:0470 12 34 56\r\nEND:VCARD\r\n"
	p, err := e.contacts.Preview(t.Context(), strings.NewReader(card), contacts.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if _, err := e.contacts.Commit(t.Context(), p); err != nil {
		t.Fatal(err)
	}
	c, ok, err := e.contacts.ByNumber(t.Context(), "+32470123456")
	if err != nil || !ok || c.Name != "Lotte" {
		t.Fatalf("the number was not read as Belgian: %v %v %+v", ok, err, c)
	}
}
