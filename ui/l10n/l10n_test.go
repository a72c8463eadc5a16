package l10n

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"fyne.io/fyne/v2/lang"

	"minuit/internal/minuit"
	"minuit/internal/usererr"
	"minuit/scheduler"
)

func TestTheLanguageIsMinuitLangThenTheSettingThenTheSystem(t *testing.T) {
	for _, tc := range []struct {
		env, setting string
		system       []string
		want         string
	}{
		{"fr", "en", []string{"en-US"}, French},
		{"EN", "fr", []string{"fr-FR"}, English},
		{"de", "fr", []string{"en-US"}, French}, // MINUIT_LANG names no language Minuit speaks: ignored
		{"", "en", []string{"fr-FR"}, English},
		{"", "", []string{"fr_FR.UTF-8"}, French},
		{"", "", []string{"fr-CA"}, French},
		{"", "", []string{"de-DE", "fr-FR"}, French}, // LANGUAGE=de:fr: the first Minuit speaks
		{"", "", []string{"de-DE"}, English},
		{"", "", []string{"C"}, English},
		{"", "", []string{"POSIX"}, English},
		{"", "", []string{"fr_FR@euro"}, French},
		{"", "", []string{"\x00garbage"}, English},
		{"", "", nil, English},
	} {
		if got := Choose(tc.env, tc.setting, tc.system); got != tc.want {
			t.Errorf("Choose(%q, %q, %q) = %q, want %q", tc.env, tc.setting, tc.system, got, tc.want)
		}
	}
}

// use switches to l for one test.
func use(t *testing.T, l string) {
	t.Helper()
	if err := Use(l); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = Use(English) })
}

func TestTheChosenLanguageWinsOverTheSystem(t *testing.T) {
	t.Setenv("LANGUAGE", "")
	t.Setenv("LC_ALL", "de_DE.UTF-8") // Fyne itself would pick its German
	use(t, French)
	if got := lang.L("Cancel"); got != "Annuler" {
		t.Errorf("French on a German system: Cancel = %q", got)
	}
	use(t, English)
	if got := lang.L("Cancel"); got != "Cancel" {
		t.Errorf("English on a German system: Cancel = %q", got)
	}
	use(t, "de") // not a language Minuit speaks: English
	if got, cur := lang.L("Cancel"), Current(); got != "Cancel" || cur != English {
		t.Errorf("Use(de): Cancel = %q, Current = %q", got, cur)
	}
}

func TestDatesNumbersAndMoneyAreWrittenTheLanguagesWay(t *testing.T) {
	at := time.Date(2026, 12, 7, 8, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		lang                 string
		dateTime, money, num string
		short, month         string
	}{
		{French, "lundi 7 décembre 2026, 08:00", "1\u00a0234,50\u00a0€", "1\u00a0234\u00a0567", "lun. 7 déc.", "décembre 2026"},
		{English, "Monday 7 December 2026, 08:00", "€1,234.50", "1,234,567", "Mon 7 Dec", "December 2026"},
	} {
		use(t, tc.lang)
		if got := DateTime(at); got != tc.dateTime {
			t.Errorf("%s: DateTime = %q, want %q", tc.lang, got, tc.dateTime)
		}
		if got := Money(1234.5, "EUR"); got != tc.money {
			t.Errorf("%s: Money = %q, want %q", tc.lang, got, tc.money)
		}
		if got := Int(1234567); got != tc.num {
			t.Errorf("%s: Int = %q, want %q", tc.lang, got, tc.num)
		}
		if got := Short(at); got != tc.short {
			t.Errorf("%s: Short = %q, want %q", tc.lang, got, tc.short)
		}
		if got := MonthYear(at); got != tc.month {
			t.Errorf("%s: MonthYear = %q, want %q", tc.lang, got, tc.month)
		}
	}
	use(t, French)
	if got := Money(0.0725, "EUR"); got != "0,0725\u00a0€" {
		t.Errorf("a price per part below a cent: %q", got)
	}
	use(t, English)
	if got := Money(-3, "EUR"); got != "-€3.00" {
		t.Errorf("a negative amount: %q", got)
	}
}

func TestPluralsFollowEachLanguagesRules(t *testing.T) {
	n := func(count int) string {
		return lang.N("{{.Count}} recipients", count, map[string]any{"Count": count})
	}
	use(t, French) // French: 0 and 1 are "one"
	for count, want := range map[int]string{0: "0 destinataire", 1: "1 destinataire", 3: "3 destinataires"} {
		if got := n(count); got != want {
			t.Errorf("French, %d: %q, want %q", count, got, want)
		}
	}
	use(t, English)
	for count, want := range map[int]string{0: "0 recipients", 1: "1 recipient", 3: "3 recipients"} {
		if got := n(count); got != want {
			t.Errorf("English, %d: %q, want %q", count, got, want)
		}
	}
}

func TestATypedErrorIsReadInThePersonsLanguage(t *testing.T) {
	plan := scheduler.Message{Kind: minuit.Transactional} // nothing else set: several problems
	err := fmt.Errorf("app: schedule: %w", plan.Check(scheduler.PlanCheck{Now: time.Now()}))
	use(t, English)
	english := Sentence(err)
	if english != usererr.Sentence(err) {
		t.Errorf("English through the catalogue %q differs from the error's own %q", english, usererr.Sentence(err))
	}
	use(t, French)
	french := Sentence(err)
	if french == english || french != "Le texte du message est vide. Dites à qui envoyer\u00a0: le message n'a pas de destinataire. Le fuseau horaire manque." {
		t.Errorf("French: %q (English %q)", french, english)
	}
	nested := usererr.Sayf("%s. Nothing was changed.", usererr.Msgf("%s is empty", "/tmp/x.db"))
	if got := Sentence(nested); got != "/tmp/x.db est vide. Rien n'a été modifié." {
		t.Errorf("a message inside a message: %q", got)
	}
	if got := Sentence(errors.New("disk I/O error")); got != "Disk I/O error" {
		t.Errorf("an error without a sentence is shown as it is: %q", got)
	}
	if got := Known("AC…"); got != "AC…" {
		t.Errorf("a word the catalogue lacks is kept: %q", got)
	}
}
