package usererr

import (
	"errors"
	"fmt"
	"strings"
	"text/template"
)

// Msg is a sentence as the translation catalogue knows it: Key is the English
// sentence, the catalogue's key. Its variable parts come either as Data, for a key
// that is a Go template ("There is no group “{{.Group}}”.", as ui/ and app/ write
// lang.L keys), or as Args, for a key that is a fmt format ("There is no contact
// %d."), the form the logic packages' sentences had before the catalogue; a
// translation keeps the verbs, in order or indexed (%[2]s). Logic packages cannot
// reach the catalogue (it lives with Fyne): they carry a Msg, read in English
// (String) in logs and error texts, and the edge (ui/l10n) translates it.
//
// Write the key as a literal where the Msg is made (NewMsg, Msgf, Sayf and the
// helpers listed in ui/l10n's catalogue test): the test reads the sources for
// them and checks that each has its French translation.
type Msg struct {
	Key  string
	Data map[string]any
	Args []any
}

// NewMsg returns the message key with its data (nil when the key has no {{.Name}}).
func NewMsg(key string, data map[string]any) Msg { return Msg{Key: key, Data: data} }

// Msgf returns the message whose key is a fmt format, with its arguments.
func Msgf(format string, args ...any) Msg { return Msg{Key: format, Args: args} }

// Sayf returns an error whose sentence is Msgf(format, args...).
func Sayf(format string, args ...any) error { return Say(Msgf(format, args...)) }

// String is the English sentence: the key with its data or arguments.
func (m Msg) String() string {
	if m.Args != nil {
		return fmt.Sprintf(m.Key, m.Args...)
	}
	if m.Data == nil || !strings.Contains(m.Key, "{{") {
		return m.Key
	}
	t, err := template.New("").Parse(m.Key)
	if err != nil {
		return m.Key
	}
	var b strings.Builder
	if err := t.Execute(&b, m.Data); err != nil {
		return m.Key
	}
	return b.String()
}

// Messager is a Sentencer whose sentence the catalogue can translate: its
// sentences as messages, read one after the other.
type Messager interface {
	Sentencer
	Messages() []Msg
}

// Say returns an error whose sentence is m (its text: m in English).
func Say(m Msg) error { return &Error{Text: m.String(), Msg: []Msg{m}} }

// Localized is Sentence read through translate (the catalogue): the first
// Sentencer in err's chain, its messages translated when it is a Messager with
// some, else its sentence as it is; an error without one is shown as it is.
func Localized(err error, translate func(Msg) string) string {
	if err == nil {
		return ""
	}
	var s Sentencer
	if errors.As(err, &s) {
		if m, ok := s.(Messager); ok {
			if ms := m.Messages(); len(ms) > 0 {
				parts := make([]string, len(ms))
				for i, x := range ms {
					parts[i] = translate(x)
				}
				return oneLine(strings.Join(parts, " "))
			}
		}
	}
	return Sentence(err)
}

func oneLine(msg string) string {
	return Capitalize(strings.ReplaceAll(strings.TrimSpace(msg), "\n", "; "))
}
