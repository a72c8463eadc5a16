package brevo

import (
	"context"
	"net/url"
	"time"

	"minuit/scheduler"
)

// Lookup implements scheduler.Provider. Send tags each message with the batch's
// Reference, so Lookup asks for the events with that tag (one listing a
// reference), newest first, back to since less LookupMargin (the whole history
// when since is zero). Any event of a message proves Brevo accepted it; a
// reference sent twice maps to the message of its newest event. Brevo records a
// message's first event shortly after accepting it, so a message accepted a
// moment ago may not be found yet.
func (p *Provider) Lookup(ctx context.Context, batches []scheduler.Batch, since time.Time) (map[string]scheduler.Accepted, error) {
	found := make(map[string]scheduler.Accepted, len(batches))
	cutoff := windowStart(since)
	for _, b := range batches {
		ref := b.Reference
		if _, done := found[ref]; ref == "" || done {
			continue
		}
		q := url.Values{"tags": {ref}}
		err := p.listEvents(ctx, "lookup", q, cutoff, func(e event) bool {
			id, ok := parseMessageID(string(e.MessageID))
			to := e.number()
			if e.Tag != ref || !ok || !isDigits(to) {
				return false // the filter is not trusted blindly
			}
			found[ref] = scheduler.Accepted{ID: providerID(id, to), Reference: ref, Recipients: []string{"+" + to}}
			return true
		})
		if err != nil {
			return nil, err
		}
	}
	return found, nil
}

// Inbound implements scheduler.InboundProvider: the "replies" events since
// `since` (less LookupMargin), newest first. The ID is
// "<messageId>:<digits>:<date>", as replies have no id of their own.
func (p *Provider) Inbound(ctx context.Context, since time.Time) ([]scheduler.InboundMessage, error) {
	var out []scheduler.InboundMessage
	seen := map[string]bool{}
	q := url.Values{"event": {evReply}}
	err := p.listEvents(ctx, "inbound", q, windowStart(since), func(e event) bool {
		if e.kind() != evReply {
			return false
		}
		at := e.at()
		from := e.number()
		id := string(e.MessageID) + ":" + from + ":" + at.UTC().Format(time.RFC3339Nano)
		if seen[id] {
			return false
		}
		seen[id] = true
		if isDigits(from) {
			from = "+" + from
		}
		out = append(out, scheduler.InboundMessage{ID: id, From: from, Body: e.Reply, At: at})
		return false
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// windowStart is since less LookupMargin; zero stays zero (no limit).
func windowStart(since time.Time) time.Time {
	if since.IsZero() {
		return since
	}
	return since.Add(-LookupMargin)
}
