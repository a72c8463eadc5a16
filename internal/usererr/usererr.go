// Package usererr is the one place the sentence a person reads is taken from an
// error: the first error in the chain that carries one (a Sentencer: a provider's
// refusal, a plan the rules refuse, a damaged database…) gives it whole; an error
// that carries none is shown as it is. Nothing is ever cut off an error's text.
package usererr

import (
	"errors"
	"unicode"
	"unicode/utf8"
)

// Sentencer is an error that carries the sentence a person reads.
type Sentencer interface {
	Sentence() string
}

// Sentence returns the sentence for err: the first Sentencer's in its chain, else
// its text; with a capital letter and one line.
func Sentence(err error) string {
	if err == nil {
		return ""
	}
	msg := err.Error()
	var s Sentencer
	if errors.As(err, &s) {
		msg = s.Sentence()
	}
	return oneLine(msg)
}

// Capitalize upper-cases the first letter of s, whatever its encoding length.
func Capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError || !unicode.IsLower(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// Error is an error that is only a sentence (no cause to unwrap); Msg, when set,
// is that sentence for the catalogue (see Say).
type Error struct {
	Text string
	Msg  []Msg
}

func (e *Error) Error() string { return e.Text }

// Sentence implements Sentencer.
func (e *Error) Sentence() string { return e.Text }

// Messages implements Messager.
func (e *Error) Messages() []Msg { return e.Msg }

// New returns an error whose text is the sentence a person reads.
func New(sentence string) error { return &Error{Text: sentence} }
