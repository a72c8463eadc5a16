package l10n

import (
	"encoding/json"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"minuit/assets"
)

// entry is a catalogue value: a sentence, or plural forms.
type entry struct {
	text   string
	forms  map[string]string
	plural bool
}

func readCatalogue(t *testing.T, name string) map[string]entry {
	t.Helper()
	b, err := assets.Translations.ReadFile(assets.TranslationsDir + "/" + name)
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatalf("%s is not a JSON object: %v", name, err)
	}
	out := map[string]entry{}
	for k, v := range raw {
		var s string
		if json.Unmarshal(v, &s) == nil {
			out[k] = entry{text: s}
			continue
		}
		var forms map[string]string
		if err := json.Unmarshal(v, &forms); err != nil {
			t.Errorf("%s: %q is neither a string nor {\"one\", \"other\"}", name, k)
			continue
		}
		out[k] = entry{forms: forms, plural: true}
	}
	return out
}

var (
	placeholder = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)
	verb        = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[a-zA-Z%]`)
)

// placeholders lists a text's {{.Name}}s.
func placeholders(s string) []string {
	var out []string
	for _, m := range placeholder.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	sort.Strings(out)
	return slices.Compact(out)
}

// verbs lists a fmt format's verbs without their indexes, sorted: a translation
// may reorder them with %[n]s.
func verbs(s string) []string {
	var out []string
	for _, m := range verb.FindAllString(s, -1) {
		if m == "%%" {
			continue
		}
		out = append(out, m[len(m)-1:])
	}
	sort.Strings(out)
	return out
}

func TestEveryStringShownHasItsFrenchTranslationAndEveryTranslationIsUsed(t *testing.T) {
	uses, bad := usedKeys(t)
	for _, at := range bad {
		t.Errorf("%s: lang key is not a literal, so no test can check its translation", at)
	}
	if len(uses) < 300 {
		t.Fatalf("found only %d keys in the sources: is the scan broken?", len(uses))
	}
	fr, en := readCatalogue(t, "fr.json"), readCatalogue(t, "en.json")
	used := map[string]keyUse{}
	for _, u := range uses {
		used[u.key] = u
		e, ok := fr[u.key]
		switch {
		case !ok:
			t.Errorf("%s: %q has no French translation in assets/lang/fr.json", u.at, u.key)
			continue
		case u.plural && (!e.plural || e.forms["one"] == "" || e.forms["other"] == ""):
			t.Errorf("%s: %q is a plural (lang.N): fr.json needs {\"one\": …, \"other\": …}", u.at, u.key)
		case u.plural && en[u.key].forms["one"] == "":
			// Without it, lang.N(key, 1) logs "Translation failure" (go-i18n finds no "one").
			t.Errorf("%s: %q is a plural (lang.N): en.json needs {\"one\": …, \"other\": %q}", u.at, u.key, u.key)
		case !u.plural && e.plural:
			t.Errorf("%s: %q is not a plural, but fr.json has plural forms", u.at, u.key)
		}
		texts := []string{e.text}
		if e.plural {
			texts = []string{e.forms["one"], e.forms["other"]}
		}
		for _, tr := range texts {
			if !u.printf {
				for _, n := range placeholders(tr) {
					if !slices.Contains(placeholders(u.key), n) {
						t.Errorf("%q: the French %q uses {{.%s}}, which the English does not give", u.key, tr, n)
					}
				}
			} else if !slices.Equal(verbs(tr), verbs(u.key)) {
				t.Errorf("%q: the French %q has verbs %v, the English %v", u.key, tr, verbs(tr), verbs(u.key))
			}
		}
	}
	optional := catalogueWords(t)
	for k := range fr {
		if _, ok := used[k]; !ok && !optional[k] {
			t.Errorf("fr.json has %q, which no source uses: remove it", k)
		}
	}
	for k, e := range en {
		u, ok := used[k]
		switch {
		case !ok:
			t.Errorf("en.json has %q, which no source uses: remove it", k)
		case !e.plural || !u.plural:
			t.Errorf("en.json has %q: English needs an entry only for a plural (the key is the English)", k)
		case e.forms["other"] != k:
			t.Errorf("en.json: %q's \"other\" must be the key itself, not %q", k, e.forms["other"])
		}
	}
}

// reserved are the words go-i18n reads as a message's own fields: a top-level
// key spelled so would make it reject the whole file.
var reserved = []string{"id", "description", "hash", "leftdelim", "rightdelim", "zero", "one", "two", "few", "many", "other", "translation"}

func TestTheCatalogueLoadsIntoFyne(t *testing.T) {
	for _, name := range []string{"fr.json", "en.json"} {
		for k := range readCatalogue(t, name) {
			if slices.Contains(reserved, strings.ToLower(k)) {
				t.Errorf("%s: the key %q is a word go-i18n reserves", name, k)
			}
		}
	}
	if err := Use(French); err != nil {
		t.Fatalf("the catalogue does not load: %v", err)
	}
	t.Cleanup(func() { _ = Use(English) })
}
