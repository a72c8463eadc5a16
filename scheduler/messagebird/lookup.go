package messagebird

import (
	"context"
	"net/http"
	"time"

	mb "github.com/messagebird/go-rest-api/v9"
	"github.com/messagebird/go-rest-api/v9/sms"

	"minuit/scheduler"
)

// LookupPageSize is the page Lookup asks GET /messages for.
const LookupPageSize = 100

// LookupMargin widens Lookup's window to before `since`, for clock drift between
// this computer and MessageBird and for createdDatetime having whole seconds.
const LookupMargin = 5 * time.Minute

// Lookup implements scheduler.Provider. The API cannot filter by reference, so it
// pages through sent messages, newest first, until it has found every reference,
// reached messages created before since (less LookupMargin), or run out. A
// reference accepted more than once maps to its newest message; references not
// found are absent from the map. A zero since pages through the whole history.
func (p *Provider) Lookup(ctx context.Context, batches []scheduler.Batch, since time.Time) (map[string]scheduler.Accepted, error) {
	want := make(map[string]bool, len(batches))
	for _, b := range batches {
		if b.Reference != "" {
			want[b.Reference] = true
		}
	}
	found := make(map[string]scheduler.Accepted, len(want))
	if len(want) == 0 {
		return found, nil
	}
	err := p.listSince(ctx, "lookup", "mt", since, func(m *sms.Message) bool {
		if _, seen := found[m.Reference]; want[m.Reference] && !seen {
			found[m.Reference] = accepted(m)
		}
		return len(found) == len(want)
	})
	if err != nil {
		return nil, err
	}
	return found, nil
}

// listSince pages through messages of a direction ("mt" sent, "mo" received),
// newest first, calling visit for each one created since `since` (less
// LookupMargin; a zero since means the whole history) until visit returns true,
// an older message is reached, or there are no more.
func (p *Provider) listSince(ctx context.Context, op, direction string, since time.Time, visit func(*sms.Message) bool) error {
	cutoff := since.Add(-LookupMargin)
	for offset := 0; ; {
		var page *sms.MessageList
		err := p.call(ctx, op, http.MethodGet, func(c mb.Client) error {
			var err error
			page, err = sms.List(c, &sms.ListParams{Direction: direction, Limit: LookupPageSize, Offset: offset})
			return err
		})
		if err != nil {
			return err
		}
		reachedOld := false
		for i := range page.Items {
			m := &page.Items[i]
			if !since.IsZero() && m.CreatedDatetime != nil && m.CreatedDatetime.Before(cutoff) {
				reachedOld = true
				continue
			}
			if visit(m) {
				return nil
			}
		}
		offset += len(page.Items)
		if reachedOld || len(page.Items) == 0 || offset >= page.TotalCount {
			return nil
		}
	}
}
