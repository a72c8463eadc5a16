package bird

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"minuit/scheduler"
)

// PageSize is the page the list requests ask for (Bird's maximum).
const PageSize = 100

// LookupMargin widens Lookup's window to before `since`, for clock drift
// between this computer and Bird.
const LookupMargin = 5 * time.Minute

// maxPages stops a listing that would never end (a server repeating itself).
const maxPages = 10_000

type listPage struct {
	Data       []smsMessage `json:"data"`
	NextCursor *string      `json:"next_cursor"`
}

// list pages through GET /v1/sms/messages with q, newest first, calling visit
// for each message until visit returns true or there is no next page.
func (p *Provider) list(ctx context.Context, op string, q url.Values, visit func(*smsMessage) bool) error {
	seen := map[string]bool{}
	for range maxPages {
		var page listPage
		if err := p.do(ctx, request{op: op, method: http.MethodGet, path: "/v1/sms/messages", query: q}, &page); err != nil {
			return err
		}
		for i := range page.Data {
			if visit(&page.Data[i]) {
				return nil
			}
		}
		if page.NextCursor == nil || *page.NextCursor == "" || seen[*page.NextCursor] || len(page.Data) == 0 {
			return nil
		}
		seen[*page.NextCursor] = true
		q.Set("starting_after", *page.NextCursor)
	}
	return nil
}

func timeParam(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// Lookup implements scheduler.Provider with one query per reference: GET
// /v1/sms/messages?tag=minuit_ref:<reference>&direction=outbound&created_after=…
// A reference accepted more than once maps to its newest message; references
// not found are absent. A zero since searches the whole history.
func (p *Provider) Lookup(ctx context.Context, batches []scheduler.Batch, since time.Time) (map[string]scheduler.Accepted, error) {
	found := make(map[string]scheduler.Accepted, len(batches))
	for _, b := range batches {
		ref := b.Reference
		if _, done := found[ref]; done || !refPattern.MatchString(ref) {
			continue // Send never sends a reference Bird cannot tag
		}
		q := url.Values{"tag": {RefTag + ":" + ref}, "direction": {"outbound"}, "limit": {strconv.Itoa(PageSize)}}
		if !since.IsZero() {
			q.Set("created_after", timeParam(since.Add(-LookupMargin)))
		}
		err := p.list(ctx, "lookup", q, func(m *smsMessage) bool {
			if m.reference() != ref {
				return false
			}
			found[ref] = scheduler.Accepted{ID: m.ID, Reference: ref, Recipients: []string{e164(m.To)}}
			return true
		})
		if err != nil {
			return nil, err
		}
	}
	return found, nil
}

// Inbound implements scheduler.InboundProvider: it pages through received
// messages (direction=inbound) created at or after since. Senders made of
// digits get a "+"; At is Bird's created_at.
func (p *Provider) Inbound(ctx context.Context, since time.Time) ([]scheduler.InboundMessage, error) {
	q := url.Values{"direction": {"inbound"}, "limit": {strconv.Itoa(PageSize)}}
	if !since.IsZero() {
		q.Set("created_after", timeParam(since))
	}
	var out []scheduler.InboundMessage
	err := p.list(ctx, "inbound", q, func(m *smsMessage) bool {
		out = append(out, scheduler.InboundMessage{ID: m.ID, From: e164(m.From), Body: m.Text, At: m.CreatedAt})
		return false
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
