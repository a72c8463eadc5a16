package usererr

import (
	"errors"
	"fmt"
	"testing"
)

type refusal struct{ why string }

func (r *refusal) Error() string    { return "provider: " + r.why }
func (r *refusal) Sentence() string { return r.why }

func TestTheSentenceComesFromTheTypedErrorNeverFromCuttingText(t *testing.T) {
	wrapped := fmt.Errorf("app: test connection: %w", &refusal{"the access key is not valid"})
	if got := Sentence(wrapped); got != "The access key is not valid" {
		t.Errorf("Sentence = %q", got)
	}
	plain := errors.New("open /home/x/db: minuit.db: attempt to write a readonly database")
	if got := Sentence(plain); got != "Open /home/x/db: minuit.db: attempt to write a readonly database" {
		t.Errorf("an untyped error was changed: %q", got)
	}
	if got := Capitalize("“VIP” is not a group"); got != "“VIP” is not a group" {
		t.Errorf("a sentence starting with a quote was changed: %q", got)
	}
	if got := Capitalize("élodie"); got != "Élodie" {
		t.Errorf("Capitalize(élodie) = %q", got)
	}
}
