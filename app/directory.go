package app

import (
	"context"
	"errors"

	"minuit/contacts"
	"minuit/internal/minuit"
	"minuit/scheduler"
)

// directory adapts the contacts store to the scheduler, which never imports it.
func (e *env) directory() scheduler.Directory { return contactDirectory{e.contacts} }

type contactDirectory struct{ cs *contacts.Store }

func (d contactDirectory) Resolve(ctx context.Context, ids []int64, groups []string) ([]minuit.Recipient, error) {
	rs, err := d.cs.Resolve(ctx, ids, groups)
	if errors.Is(err, contacts.ErrUnknownGroup) {
		return nil, unknownGroupError{err}
	} else if err != nil {
		return nil, err
	}
	return rs, nil // one Recipient for both sides (internal/minuit): nothing to copy
}

// Reach makes the contacts directory a scheduler.Reacher: planning a message
// checks its recipients without loading them.
func (d contactDirectory) Reach(ctx context.Context, ids []int64, groups []string) ([]int64, int, error) {
	found, n, err := d.cs.Reach(ctx, ids, groups)
	if errors.Is(err, contacts.ErrUnknownGroup) {
		return nil, 0, unknownGroupError{err}
	}
	return found, n, err
}

// unknownGroupError keeps the contacts store's words and is
// scheduler.ErrUnknownGroup to the scheduler, which refuses to plan for it.
type unknownGroupError struct{ error }

func (e unknownGroupError) Is(target error) bool { return target == scheduler.ErrUnknownGroup }
func (e unknownGroupError) Unwrap() error        { return e.error }
