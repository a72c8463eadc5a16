// Package l10n is Minuit's language: it loads the translation catalogue
// (assets/lang/*.json) into Fyne's lang package, chooses French or English, and
// formats dates, numbers, money and error sentences in that language. ui/ and app/
// write their words with lang.L / lang.N (fyne.io/fyne/v2/lang), the English
// sentence being the key; this package decides which language those calls answer in.
package l10n

import (
	"encoding/json"
	"strings"
	"sync"
	"sync/atomic"
	_ "unsafe" // go:linkname, see force

	"fyne.io/fyne/v2/lang"
	"github.com/jeandeaual/go-locale"
	"golang.org/x/text/language"

	"minuit/assets"
)

// The languages Minuit speaks, as stored in the setting and read from MINUIT_LANG.
const (
	System  = ""   // follow the computer's language
	French  = "fr" // français
	English = "en" // English, also for any language Minuit does not speak
)

// EnvLang overrides the language for one run: MINUIT_LANG=fr or en (anything else
// is ignored). It wins over the setting.
const EnvLang = "MINUIT_LANG"

// SettingKey is the store's setting holding the person's choice: "", "fr" or "en".
const SettingKey = "language"

// supported is what the system's preferences are matched against; the first is the
// fallback for a language Minuit does not speak.
var supported = []language.Tag{language.English, language.French}

var (
	current atomic.Value    // string: French or English
	keys    map[string]bool // the French catalogue's keys, for Known
	load    sync.Once
	loadErr error
)

// Current is the language words and formats are in: French or English.
func Current() string {
	if v, _ := current.Load().(string); v != "" {
		return v
	}
	return English
}

// Valid reports whether v names a language Minuit speaks ("fr", "en", "FR"…),
// and which.
func Valid(v string) (string, bool) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case French:
		return French, true
	case English:
		return English, true
	}
	return "", false
}

// Choose is the language to use: MINUIT_LANG (env) when it names one, else the
// setting when it names one, else the first of the system's preferred languages
// (most preferred first, BCP 47 or POSIX form: "fr-FR", "fr_FR.UTF-8") that is French
// or English; English when none is.
func Choose(env, setting string, system []string) string {
	if l, ok := Valid(env); ok {
		return l
	}
	if l, ok := Valid(setting); ok {
		return l
	}
	var prefs []language.Tag
	for _, s := range system {
		base, _, _ := strings.Cut(s, ".") // "fr_FR.UTF-8"
		base, _, _ = strings.Cut(base, "@")
		t, err := language.Parse(strings.ReplaceAll(base, "_", "-"))
		if err != nil {
			continue // "C", "POSIX" or garbage: no preference
		}
		prefs = append(prefs, t)
	}
	_, i, conf := language.NewMatcher(supported).Match(prefs...)
	if conf == language.No {
		return English
	}
	b, _ := supported[i].Base()
	return b.String()
}

// SystemLanguages is the computer's preferred languages, most preferred first, as
// Fyne reads them (github.com/jeandeaual/go-locale): LANGUAGE, LC_ALL, LC_MESSAGES
// and LANG on Linux and BSD, the user's locale (GetUserDefaultLocaleName) on
// Windows, AppleLanguages on macOS. Nil under the C locale or when unknown.
func SystemLanguages() []string {
	all, err := locale.GetLocales()
	if err != nil {
		return nil
	}
	return all
}

// Use loads the catalogue (once) and makes every lang.L / lang.N answer in l
// (French or English; anything else means English). It returns an error only when
// the catalogue cannot be read, which a test prevents; words are then English.
func Use(l string) error {
	loadCatalogue()
	if v, ok := Valid(l); ok {
		l = v
	} else {
		l = English
	}
	current.Store(l)
	force(l)
	return loadErr
}

// readKeys lists the French catalogue's keys (every translated key is in it).
func readKeys() error {
	b, err := assets.Translations.ReadFile(assets.TranslationsDir + "/fr.json")
	if err != nil {
		return err
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	keys = make(map[string]bool, len(m))
	for k := range m {
		keys[k] = true
	}
	return nil
}

// loadCatalogue adds the catalogue to Fyne's lang, once.
func loadCatalogue() {
	load.Do(func() {
		loadErr = lang.AddTranslationsFS(assets.Translations, assets.TranslationsDir)
		if err := readKeys(); err != nil && loadErr == nil {
			loadErr = err
		}
	})
}

func hasKey(s string) bool {
	loadCatalogue() // keys is written once, under load, before any read
	return keys[s]
}

// force makes Fyne's lang answer in l, whatever the system says.
//
// How Fyne 2.7.1's lang chooses: at init and after each AddTranslations* call it
// runs updateLocalizer, which matches the system's locales (go-locale, see
// SystemLanguages) against every language it holds a file for — Fyne's own
// German, Spanish, Polish… included — and builds its localizer for the best one.
// There is no public way to choose: on Linux the LANGUAGE variable (set before
// AddTranslationsFS) would steer it, but Windows and macOS read only the OS
// settings, and a German system would get a German localizer in which none of
// Minuit's words exist (each lang.L then logs "Translation failure"). So, after
// the catalogue is loaded, we set the localizer ourselves through lang's own
// unexported setupLang(lang string), the function updateLocalizer ends with and
// Fyne's tests use to override the system. Nothing calls AddTranslations* after
// Use, so the choice stays. TestTheChosenLanguageWinsOverTheSystem fails if an
// upgrade of Fyne changes this.
func force(l string) { setupLang(l) }

//go:linkname setupLang fyne.io/fyne/v2/lang.setupLang
func setupLang(lang string)
