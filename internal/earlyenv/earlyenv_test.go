package earlyenv

import "testing"

func TestACLocaleIsReadAsEnglishAndARealOneIsKept(t *testing.T) {
	for _, tc := range []struct{ lcAll, lang, wantAll, wantLang string }{
		{"", "C.UTF-8", "", Fallback},
		{"", "POSIX", "", Fallback},
		{"C", "fr_FR.UTF-8", Fallback, "fr_FR.UTF-8"},
		{"", "fr_FR.UTF-8", "", "fr_FR.UTF-8"},
		{"de_DE.UTF-8", "C", "de_DE.UTF-8", "C"},
		{"", "", "", ""},
	} {
		env := map[string]string{"LC_ALL": tc.lcAll, "LANG": tc.lang}
		Apply(func(k string) string { return env[k] }, func(k, v string) error { env[k] = v; return nil })
		if env["LC_ALL"] != tc.wantAll || env["LANG"] != tc.wantLang {
			t.Errorf("LC_ALL=%q LANG=%q became %q %q, want %q %q", tc.lcAll, tc.lang, env["LC_ALL"], env["LANG"],
				tc.wantAll, tc.wantLang)
		}
	}
}

func TestALocaleWithAModifierGivesFyneALanguageItCanRead(t *testing.T) {
	for _, tc := range []struct{ lang, language, want string }{
		{"fr_FR@euro", "", "fr_FR"},
		{"fr_FR.ISO-8859-15@euro", "", "fr_FR"},
		{"fr_FR@euro", "en", "en"}, // a language list set by the person is kept
		{"fr_FR.UTF-8", "", ""},
	} {
		env := map[string]string{"LANG": tc.lang, "LANGUAGE": tc.language}
		Apply(func(k string) string { return env[k] }, func(k, v string) error { env[k] = v; return nil })
		if env["LANGUAGE"] != tc.want || env["LANG"] != tc.lang {
			t.Errorf("LANG=%q LANGUAGE=%q became %q %q, want LANGUAGE %q", tc.lang, tc.language, env["LANG"], env["LANGUAGE"], tc.want)
		}
	}
}
