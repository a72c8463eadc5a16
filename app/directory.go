package app

import (
	"context"

	"minuit/contacts"
	"minuit/scheduler"
)

// directory adapts the contacts store to the scheduler, which never imports it.
func (e *env) directory() scheduler.Directory { return contactDirectory{e.contacts} }

type contactDirectory struct{ cs *contacts.Store }

func (d contactDirectory) Resolve(ctx context.Context, ids []int64, groups []string) ([]scheduler.Recipient, error) {
	rs, err := d.cs.Resolve(ctx, ids, groups)
	if err != nil {
		return nil, err
	}
	out := make([]scheduler.Recipient, len(rs))
	for i, r := range rs {
		out[i] = scheduler.Recipient{
			ContactID:       r.ContactID,
			Number:          r.Number,
			Fields:          r.Fields,
			Birthday:        scheduler.Birthday{Year: r.Birthday.Year, Month: r.Birthday.Month, Day: r.Birthday.Day},
			Consent:         string(r.Consent.Status),
			NoMessagesAtAll: r.NoMessagesAtAll,
		}
	}
	return out, nil
}
