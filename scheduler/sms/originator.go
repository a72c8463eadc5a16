package sms

import (
	"errors"
	"strings"

	"minuit/internal/usererr"
)

// ErrInvalidOriginator is wrapped by every error ValidateOriginator returns.
var ErrInvalidOriginator = errors.New("sms: invalid sender ID")

// OriginatorError says why a sender ID is refused; it wraps ErrInvalidOriginator.
type OriginatorError struct {
	Why string
	Msg usererr.Msg // Why for the translation catalogue
}

func (e *OriginatorError) Error() string { return ErrInvalidOriginator.Error() + ": " + e.Why }

// Unwrap gives ErrInvalidOriginator to errors.Is.
func (e *OriginatorError) Unwrap() error { return ErrInvalidOriginator }

// Sentence implements usererr.Sentencer.
func (e *OriginatorError) Sentence() string { return e.Messages()[0].String() }

// Messages implements usererr.Messager.
func (e *OriginatorError) Messages() []usererr.Msg {
	return []usererr.Msg{usererr.Msgf("The sender ID is not valid: %s.", e.Msg)}
}

// originatorError is an OriginatorError; format is the catalogue's key.
func originatorError(format string, args ...any) error {
	m := usererr.Msgf(format, args...)
	return &OriginatorError{Why: m.String(), Msg: m}
}

// Sender ID limits. MessageBird's API takes "a telephone number (including
// country code) or an alphanumeric string" of at most 11 characters, and its
// support pages ask for 3 to 11 characters for a name, because most phones
// cannot show a one- or two-character sender. For numbers, MessageBird accepts
// up to 17 digits, but no E.164 number is longer than 15, the limit kept here.
const (
	MinOriginator        = 3  // fewest characters or digits in a sender ID
	MaxAlphaOriginator   = 11 // most characters in a name sender ID
	MaxNumericOriginator = 15 // most digits in a number sender ID (E.164)
)

// ValidateOriginator checks a sender ID (MessageBird's "originator") and returns
// nil or an error wrapping ErrInvalidOriginator with a sentence saying what to fix.
//
// A sender ID is either a number, 3 to 15 digits with an optional leading "+"
// (a phone number in international form or a short code), or a name of 3 to 11
// characters made of unaccented letters, digits and spaces, with at least one
// letter and no space at either end ("Minuit", "Chez Lea 2"). Spaces are allowed
// inside because the SMS alphanumeric sender field carries them; MessageBird's
// documentation does not forbid them, and Twilio and Telnyx document them as allowed.
func ValidateOriginator(s string) error {
	if s == "" {
		return originatorError("it is empty; enter your shop's name (3 to 11 letters or digits) or a phone number")
	}
	digits := strings.TrimPrefix(s, "+")
	if s[0] == '+' || isDigits(digits) {
		switch {
		case digits != "" && !isDigits(digits):
			return originatorError("a number may contain only digits after the \"+\"")
		case len(digits) < MinOriginator:
			return originatorError("a number needs at least %d digits", MinOriginator)
		case len(digits) > MaxNumericOriginator:
			return originatorError("a number can have at most %d digits, this one has %d", MaxNumericOriginator, len(digits))
		}
		return nil
	}

	letters := 0
	for _, r := range s {
		switch {
		case r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z':
			letters++
		case r >= '0' && r <= '9' || r == ' ':
		default:
			return originatorError("%q is not allowed; use only unaccented letters, digits and spaces", r)
		}
	}
	n := len(s) // only ASCII is left, so bytes are characters
	switch {
	case letters == 0:
		return originatorError("a name needs at least one letter, and a number must be written with digits only")
	case s[0] == ' ' || s[n-1] == ' ':
		return originatorError("a name may not start or end with a space")
	case n < MinOriginator:
		return originatorError("a name needs at least %d characters", MinOriginator)
	case n > MaxAlphaOriginator:
		return originatorError("a name can have at most %d characters, this one has %d", MaxAlphaOriginator, n)
	}
	return nil
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
