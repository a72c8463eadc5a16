package sms

import (
	"slices"
	"testing"
)

func TestRenderFillsKnownPlaceholdersAndReportsUnknownOnes(t *testing.T) {
	fields := map[string]string{"first_name": "Léa", "last_name": "Martin", "company": "Boulangerie", "empty": ""}
	tests := []struct {
		name     string
		template string
		fields   map[string]string
		want     string
		unknown  []string
	}{
		{"first and last names", "Bonjour {first_name} {last_name} !", fields, "Bonjour Léa Martin !", nil},
		{"name is built from first and last names", "Hi {name}", fields, "Hi Léa Martin", nil},
		{"name uses only the parts that exist", "Hi {name}", map[string]string{"first_name": "Léa"}, "Hi Léa", nil},
		{"an explicit name field wins", "Hi {name}", map[string]string{"name": "Mme Martin", "first_name": "Léa"}, "Hi Mme Martin", nil},
		{"any field", "{company} vous attend", fields, "Boulangerie vous attend", nil},
		{"an empty value renders as nothing", "a{empty}b", fields, "ab", nil},
		{"names ignore case", "{First_Name} {COMPANY}", fields, "Léa Boulangerie", nil},
		{"spaces inside the braces are allowed", "{ first_name }", fields, "Léa", nil},
		{"an unknown placeholder stays and is reported", "Code {promo_code}, {first_name}", fields, "Code {promo_code}, Léa", []string{"promo_code"}},
		{"unknown names are distinct and in order", "{b} {a} {b}", nil, "{b} {a} {b}", []string{"b", "a"}},
		{"name is unknown without any name field", "Hi {name}", map[string]string{}, "Hi {name}", []string{"name"}},
		{"double braces escape a literal brace", "{{first_name}} is {first_name}", fields, "{first_name} is Léa", nil},
		{"a lone closing brace is literal", "a } b", fields, "a } b", nil},
		{"an unclosed brace is literal", "a { b", fields, "a { b", nil},
		{"braces around text that is no name are literal", "{:-)} {a b}", fields, "{:-)} {a b}", nil},
		{"a brace inside a bad name does not hide the next placeholder", "{x {first_name}", fields, "{x Léa", nil},
		{"empty braces are literal", "{}", fields, "{}", nil},
		{"values are not rendered again", "{first_name}", map[string]string{"first_name": "{last_name}", "last_name": "X"}, "{last_name}", nil},
		{"text without placeholders is unchanged", "Soldes -20 % ce week-end", nil, "Soldes -20 % ce week-end", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, unknown := Render(tt.template, tt.fields)
			if got != tt.want || !slices.Equal(unknown, tt.unknown) {
				t.Errorf("Render(%q) = %q, %q; want %q, %q", tt.template, got, unknown, tt.want, tt.unknown)
			}
		})
	}
}

func TestRenderPicksTheSmallestKeyWhenKeysDifferOnlyByCase(t *testing.T) {
	fields := map[string]string{"City": "Lyon", "CITY": "Paris", "ciTy": "Nice"}
	for range 20 { // map order varies between runs; the result must not
		if got, _ := Render("{city}", fields); got != "Paris" {
			t.Fatalf("Render({city}) = %q, want the value of %q", got, "CITY")
		}
	}
}
