package scheduler

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"minuit/internal/db"
)

// providerOptOut acts on a provider's word that numbers opted out there (Twilio
// 21610, Bird's recipient_opted_out): the opt-out is recorded in the contacts
// (Config.OnOptOut, with the provider's words as proof) and the numbers' pending
// marketing is skipped, their handed-off marketing withdrawn, as for a STOP reply.
func (e *Engine) providerOptOut(ctx context.Context, numbers []string, reason string, now time.Time) ([]Event, error) {
	var evs []Event
	var errs []error
	for _, n := range numbers {
		proof := fmt.Sprintf("%s refused a message to %s on %s: %s", e.cfg.Provider.Name(), n,
			now.UTC().Format(time.RFC3339), reason)
		if e.cfg.OnOptOut != nil {
			if err := e.cfg.OnOptOut(ctx, n, proof, now); err != nil {
				errs = append(errs, fmt.Errorf("scheduler: record the opt-out of %s: %w", n, err))
				continue
			}
		}
		why := fmt.Sprintf("Not sent: %s says the contact replied STOP to stop marketing messages.", e.cfg.Provider.Name())
		var out []Event
		err := db.InTx(ctx, e.cfg.Store.db.W, func(tx *sql.Tx) error {
			var err error
			out, err = skipMarketingTx(ctx, tx, n, why, now)
			return err
		})
		errs = append(errs, err)
		evs = append(append(evs, Event{Kind: EventOptOut, To: n, Reason: reason, At: now}), out...)
	}
	return evs, errors.Join(errs...)
}
