package l10n

import (
	"fmt"

	"fyne.io/fyne/v2/lang"

	"minuit/internal/usererr"
)

// Sentence is err as the one sentence a person reads, in the current language: the
// typed error's messages through the catalogue (usererr.Localized); an error that
// carries no sentence is shown as it is.
func Sentence(err error) string { return usererr.Localized(err, Translate) }

// Translate is m in the current language, and so are the messages among its
// arguments; a key the catalogue lacks (text that came from elsewhere) is m in
// English, as it is.
func Translate(m usererr.Msg) string {
	if !hasKey(m.Key) {
		return m.String()
	}
	switch {
	case m.Args != nil:
		args := make([]any, len(m.Args))
		for i, a := range m.Args {
			args[i] = translated(a)
		}
		return fmt.Sprintf(lang.L(m.Key), args...)
	case m.Data != nil:
		data := make(map[string]any, len(m.Data))
		for k, v := range m.Data {
			data[k] = translated(v)
		}
		return lang.L(m.Key, data)
	}
	return lang.L(m.Key)
}

// translated is v, translated when it is a message.
func translated(v any) any {
	if m, ok := v.(usererr.Msg); ok {
		return Translate(m)
	}
	return v
}

// Known translates s when the catalogue has it, else returns it as it is: for
// words that come from elsewhere than a literal (the provider catalogue's field
// labels and hints, which scheduler/providers keeps in English). lang.L alone
// would log "Translation failure" for each word the catalogue lacks.
func Known(s string) string {
	if s == "" || !hasKey(s) {
		return s
	}
	return lang.L(s)
}
