package contacts

import (
	"fmt"

	"minuit/internal/usererr"
)

// NotFoundError is an unknown contact id; it wraps ErrNotFound.
type NotFoundError struct{ ID int64 }

func (e *NotFoundError) Error() string { return fmt.Sprintf("%v (id %d)", ErrNotFound, e.ID) }

// Unwrap makes errors.Is(err, ErrNotFound) true.
func (e *NotFoundError) Unwrap() error { return ErrNotFound }

// Sentence implements usererr.Sentencer.
func (e *NotFoundError) Sentence() string { return e.Messages()[0].String() }

// Messages implements usererr.Messager.
func (e *NotFoundError) Messages() []usererr.Msg {
	return []usererr.Msg{usererr.Msgf("There is no contact %d.", e.ID)}
}

// NumberTakenError is a number typed for a contact that another contact has; it
// wraps ErrNumberTaken.
type NumberTakenError struct {
	Number string // E.164
	Owner  string // the other contact's name
}

func (e *NumberTakenError) Error() string {
	return fmt.Sprintf("%v: %s belongs to %s", ErrNumberTaken, e.Number, e.Owner)
}

// Unwrap makes errors.Is(err, ErrNumberTaken) true.
func (e *NumberTakenError) Unwrap() error { return ErrNumberTaken }

// Sentence implements usererr.Sentencer.
func (e *NumberTakenError) Sentence() string { return e.Messages()[0].String() }

// Messages implements usererr.Messager.
func (e *NumberTakenError) Messages() []usererr.Msg {
	return []usererr.Msg{usererr.Msgf("%s is already the number of %s.", e.Number, e.Owner)}
}
