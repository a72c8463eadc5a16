package phone

import (
	"errors"
	"strings"
	"testing"
)

func TestOneRuleSaysWhichNumbersCanReceiveSMS(t *testing.T) {
	cases := []struct {
		raw, region, want string
		kind              Kind
	}{
		{"06 12 34 56 78", "FR", "+33612345678", Mobile},
		{"'+33 6 12 34 56 78", "US", "+33612345678", Mobile},
		{"tel:+33612345678", "FR", "+33612345678", Mobile},
		{"(617) 555-0123", "US", "+16175550123", FixedOrMobile},
		{"01 40 00 00 10", "FR", "", Landline},
		{"0800 123 456", "FR", "", TollFree},
		{"08 99 12 34 56", "FR", "", PremiumRate},
		{"09 51 23 45 67", "FR", "", VoIP},
		{"123", "FR", "", Invalid},
		{"pas de numéro", "FR", "", Invalid},
	}
	for _, c := range cases {
		n := Parse(c.raw, c.region)
		if n.Kind != c.kind || (c.want != "") != n.Textable() {
			t.Errorf("Parse(%q, %s) = %+v, want kind %s, textable %v", c.raw, c.region, n, c.kind, c.want != "")
		}
		got, err := Normalize(c.raw, c.region)
		var pe *Error
		switch {
		case c.want != "" && (err != nil || got != c.want):
			t.Errorf("Normalize(%q, %s) = %q, %v; want %s", c.raw, c.region, got, err, c.want)
		case c.want == "" && (!errors.As(err, &pe) || pe.Why.Key == "" || pe.Raw != c.raw || !strings.Contains(err.Error(), n.Problem)):
			t.Errorf("Normalize(%q, %s) = %q, %v; want an *Error with the problem", c.raw, c.region, got, err)
		}
	}
	if _, err := Normalize("  ", "FR"); !errors.Is(err, ErrEmpty) {
		t.Errorf("a blank number gives %v, want ErrEmpty", err)
	}
}

func TestAUSNumberIsReadInTheUSOnlyWhenAskedTo(t *testing.T) {
	if n := Parse("(617) 555-0123", "FR"); n.Textable() {
		t.Errorf("read in France: %+v, want it refused", n)
	}
	if n := Parse("(617) 555-0123", "US"); !n.Textable() || n.E164 != "+16175550123" {
		t.Errorf("read in the US: %+v", n)
	}
}
