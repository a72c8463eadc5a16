package messagebird

import (
	"context"
	"net/http"
	"strings"
	"time"

	mb "github.com/messagebird/go-rest-api/v9"
	"github.com/messagebird/go-rest-api/v9/sms"

	"minuit/scheduler"
)

var _ scheduler.InboundProvider = (*Provider)(nil)

// Inbound implements scheduler.InboundProvider: it pages through received
// messages (GET /messages with direction "mo"), newest first, until it reaches
// messages created before since (less LookupMargin) or runs out. Originators made
// of digits get back the "+" MessageBird drops.
func (p *Provider) Inbound(ctx context.Context, since time.Time) ([]scheduler.InboundMessage, error) {
	var out []scheduler.InboundMessage
	cutoff := since.Add(-LookupMargin)
	for offset := 0; ; {
		var page *sms.MessageList
		err := p.call(ctx, "inbound", http.MethodGet, func(c mb.Client) error {
			var err error
			page, err = sms.List(c, &sms.ListParams{Direction: "mo", Limit: LookupPageSize, Offset: offset})
			return err
		})
		if err != nil {
			return nil, err
		}
		reachedOld := false
		for i := range page.Items {
			m := &page.Items[i]
			var at time.Time
			if m.CreatedDatetime != nil {
				at = *m.CreatedDatetime
			}
			if !since.IsZero() && !at.IsZero() && at.Before(cutoff) {
				reachedOld = true
				continue
			}
			from := strings.TrimSpace(m.Originator)
			if from != "" && strings.Trim(from, "0123456789") == "" {
				from = "+" + from
			}
			out = append(out, scheduler.InboundMessage{ID: m.ID, From: from, Body: m.Body, At: at})
		}
		offset += len(page.Items)
		if reachedOld || len(page.Items) == 0 || offset >= page.TotalCount {
			return out, nil
		}
	}
}
