package scheduler

import (
	"context"

	"minuit/internal/minuit"
)

// Directory resolves contact and group recipients to numbers at the moment an
// occurrence is materialised. app/ adapts the contacts store to it; the scheduler
// never imports contacts.
type Directory interface {
	Resolve(ctx context.Context, contactIDs []int64, groups []string) ([]minuit.Recipient, error)
}
