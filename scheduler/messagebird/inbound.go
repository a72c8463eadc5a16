package messagebird

import (
	"context"
	"strings"
	"time"

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
	err := p.listSince(ctx, "inbound", "mo", since, func(m *sms.Message) bool {
		var at time.Time
		if m.CreatedDatetime != nil {
			at = *m.CreatedDatetime
		}
		from := strings.TrimSpace(m.Originator)
		if from != "" && strings.Trim(from, "0123456789") == "" {
			from = "+" + from
		}
		out = append(out, scheduler.InboundMessage{ID: m.ID, From: from, Body: m.Body, At: at})
		return false
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
