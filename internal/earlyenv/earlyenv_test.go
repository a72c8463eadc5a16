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
