package ui

import (
	"slices"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"minuit/contacts"
	"minuit/ui/l10n"
)

// commonCountries come first among the choices, in this order: a French shop's
// customers and those of its neighbours, then the rest sorted by name.
var commonCountries = []string{"FR", "BE", "CH", "LU", "MC", "CA", "US", "GB", "DE", "ES", "IT", "PT", "NL"}

// countries are the choices of "the country of numbers written without +": the
// countries' names in the person's language, the common ones first, then the
// others sorted as that language sorts them, and the code of each name.
type countries struct {
	Names  []string
	byName map[string]string
	byCode map[string]string
}

func newCountries() countries {
	namer, tag := display.English.Regions(), language.English
	if l10n.Current() == l10n.French {
		namer, tag = display.French.Regions(), language.French
	}
	c := countries{byName: map[string]string{}, byCode: map[string]string{}}
	for _, code := range contacts.Regions() {
		name := code
		if r, err := language.ParseRegion(code); err == nil {
			if n := namer.Name(r); n != "" {
				name = n
			}
		}
		if _, dup := c.byName[name]; dup {
			name += " (" + code + ")"
		}
		c.byName[name], c.byCode[code] = code, name
		c.Names = append(c.Names, name)
	}
	collate.New(tag).SortStrings(c.Names)
	var first []string
	for _, code := range commonCountries {
		if n := c.byCode[code]; n != "" {
			first = append(first, n)
			c.Names = slices.DeleteFunc(c.Names, func(x string) bool { return x == n })
		}
	}
	c.Names = append(first, c.Names...)
	return c
}

// name is the country's name for a code ("US" gives "United States"); "" if unknown.
func (c countries) name(code string) string { return c.byCode[code] }

// code is the code of a name shown; "" if unknown.
func (c countries) code(name string) string { return c.byName[name] }
