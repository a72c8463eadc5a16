package contacts

import (
	"strings"
	"testing"
	"unicode"
)

// hasControl reports whether s holds a character that imports must strip.
func hasControl(s string, keepLines bool) bool {
	return strings.ContainsFunc(s, func(r rune) bool {
		if keepLines && (r == '\n' || r == '\t') {
			return false
		}
		return unicode.IsControl(r) || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
	})
}

func TestImportStripsNULAndControlCharactersFromEveryField(t *testing.T) {
	s, _ := newStore(t)
	csv := "First Name,Last Name,Company,Email,Phone,Tags,Note\n" +
		"Ma\x00rie,Du\x1bpont\u202e,Bou\x07langerie,marie\x00@example.com,06 12\x00 34 56 78,V\x00IP;Fi\u0085dèles,\"Li\x00gne 1\r\nLigne\t2\x7f\"\n"
	card := "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:abc\x00-1\r\nFN:Lé\x00a\x1b[31m Martin\r\nN:Martin;Lé\x00a;;;\r\n" +
		"item1.TEL:06 98 76 54 32\r\nitem1.X-ABLABEL:mo\x00bile\r\nCATEGORIES:Cli\x01ents\r\nNOTE:Ca\x00fé\r\nEND:VCARD\r\n"
	importBytes(t, s, []byte(csv), ImportOptions{Region: "FR"})
	importBytes(t, s, []byte(card), ImportOptions{Region: "FR"})

	marie := byName(t, s, "Marie Dupont")
	lea := byName(t, s, "Léa[31m Martin")
	for _, c := range []Contact{marie, lea} {
		fields := []string{c.Name, c.FirstName, c.LastName, c.Company, c.Email, c.UID}
		fields = append(fields, c.Groups...)
		for _, p := range c.Phones {
			fields = append(fields, p.Raw, p.Label)
		}
		for _, f := range fields {
			if hasControl(f, false) {
				t.Errorf("%s kept a control character in %q", c.Name, f)
			}
		}
		if hasControl(c.Notes, true) {
			t.Errorf("%s's notes kept a control character: %q", c.Name, c.Notes)
		}
	}
	if marie.Company != "Boulangerie" || marie.Email != "marie@example.com" || marie.Phone != "+33612345678" ||
		strings.Join(marie.Groups, ",") != "Fi dèles,VIP" || marie.Notes != "Ligne 1\nLigne\t2" {
		t.Errorf("Marie = %+v", marie)
	}
	if lea.UID != "abc-1" || lea.Notes != "Café" || lea.Phones[0].Label != "mobile" || strings.Join(lea.Groups, ",") != "Clients" {
		t.Errorf("Léa = %+v", lea)
	}
}
