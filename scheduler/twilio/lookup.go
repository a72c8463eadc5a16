package twilio

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	api "github.com/twilio/twilio-go/rest/api/v2010"

	"minuit/scheduler"
	"minuit/scheduler/providerhttp"
)

// LookupMargin widens Lookup's and Inbound's windows to before `since`, for clock
// drift between this computer and Twilio and for dates with whole seconds.
const LookupMargin = 5 * time.Minute

// ListPageSize is the page asked of GET Messages.json (Twilio's maximum).
const ListPageSize = 1000

// maxPages stops a listing that never ends (a server that repeats its pages).
const maxPages = 100

// Lookup implements scheduler.Provider by recipient and text (see the package
// documentation for what stays uncertain). Batches without exactly one
// recipient, or without a reference, are never found.
func (p *Provider) Lookup(ctx context.Context, batches []scheduler.Batch, since time.Time) (map[string]scheduler.Accepted, error) {
	byTo := map[string][]scheduler.Batch{}
	var order []string
	for _, b := range batches {
		if b.Reference == "" || len(b.Recipients) != 1 {
			continue
		}
		to := normalize(b.Recipients[0])
		if _, ok := byTo[to]; !ok {
			order = append(order, to)
		}
		byTo[to] = append(byTo[to], b)
	}
	found := map[string]scheduler.Accepted{}
	var cutoff time.Time
	if !since.IsZero() {
		cutoff = since.Add(-LookupMargin)
	}
	for _, to := range order {
		if err := p.lookupNumber(ctx, to, byTo[to], cutoff, found); err != nil {
			return nil, err
		}
	}
	return found, nil
}

// lookupNumber finds the batches sent to one number: first among the messages
// sent since cutoff's day, then, for batches still missing, among all messages
// to the number (scheduled and unsent ones have no date_sent, so the DateSent
// filter leaves them out). Hand-offs are looked up among all messages at once,
// so that the newest message wins over an older one already sent.
func (p *Provider) lookupNumber(ctx context.Context, to string, batches []scheduler.Batch, cutoff time.Time, found map[string]scheduler.Accepted) error {
	var cands []api.ApiV2010Message
	seen := map[string]bool{}
	collect := func(m *api.ApiV2010Message) {
		sid := str(m.Sid)
		created := parseDate(str(m.DateCreated))
		if sid == "" || seen[sid] || !strings.HasPrefix(str(m.Direction), "outbound") ||
			!cutoff.IsZero() && !created.IsZero() && created.Before(cutoff) {
			return
		}
		seen[sid] = true
		cands = append(cands, *m)
	}
	params := (&api.ListMessageParams{}).SetTo(to)
	passes := []*api.ListMessageParams{params}
	handOff := slices.ContainsFunc(batches, func(b scheduler.Batch) bool { return !b.SendAt.IsZero() })
	if !cutoff.IsZero() && !handOff {
		dated := *params
		passes = []*api.ListMessageParams{dated.SetDateSentAfter(cutoff.UTC().Truncate(24 * time.Hour)), params}
	}
	for _, ps := range passes {
		if err := p.list(ctx, "lookup", ps, collect); err != nil {
			return err
		}
		if matchBatches(batches, cands, found) {
			return nil
		}
	}
	return nil
}

// matchBatches gives each batch not yet found the newest candidate with its
// text that no other batch has, and reports whether every batch is found.
func matchBatches(batches []scheduler.Batch, cands []api.ApiV2010Message, found map[string]scheduler.Accepted) bool {
	slices.SortStableFunc(cands, func(a, b api.ApiV2010Message) int {
		return parseDate(str(b.DateCreated)).Compare(parseDate(str(a.DateCreated)))
	})
	used := map[string]bool{}
	for _, a := range found {
		used[a.ID] = true
	}
	all := true
	for _, b := range batches {
		if _, ok := found[b.Reference]; ok {
			continue
		}
		i := slices.IndexFunc(cands, func(m api.ApiV2010Message) bool {
			return !used[str(m.Sid)] && str(m.Body) == b.Body
		})
		if i < 0 {
			all = false
			continue
		}
		used[str(cands[i].Sid)] = true
		found[b.Reference] = scheduler.Accepted{ID: str(cands[i].Sid), Reference: b.Reference,
			Recipients: []string{normalize(str(cands[i].To))}}
	}
	return all
}

// Inbound implements scheduler.InboundProvider: the inbound messages sent to the
// shop's number since `since` (read by day with DateSent>, then by date_sent).
func (p *Provider) Inbound(ctx context.Context, since time.Time) ([]scheduler.InboundMessage, error) {
	if p.inbound == "" {
		reason := "Twilio replies cannot be read: the sender is not a phone number; enter the number customers reply to in the settings"
		return nil, providerhttp.Error(scheduler.Permanent, reason, errors.New("twilio: inbound: no number to read replies of"))
	}
	params := (&api.ListMessageParams{}).SetTo(p.inbound)
	if !since.IsZero() {
		params.SetDateSentAfter(since.UTC().Truncate(24 * time.Hour))
	}
	var out []scheduler.InboundMessage
	err := p.list(ctx, "inbound", params, func(m *api.ApiV2010Message) {
		at := parseDate(str(m.DateSent))
		if at.IsZero() {
			at = parseDate(str(m.DateCreated))
		}
		if str(m.Direction) != "inbound" || str(m.Sid) == "" || !since.IsZero() && at.Before(since) {
			return
		}
		out = append(out, scheduler.InboundMessage{ID: str(m.Sid), From: normalize(str(m.From)), Body: str(m.Body), At: at})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// list pages through GET Messages.json with params, calling visit for each message.
func (p *Provider) list(ctx context.Context, op string, params *api.ListMessageParams, visit func(*api.ApiV2010Message)) error {
	ps := *params
	ps.SetPageSize(ListPageSize)
	token, page := "", ""
	for range maxPages {
		var resp *api.ListMessageResponse
		err := p.call(ctx, op, http.MethodGet, func(s *api.ApiService) error {
			var err error
			resp, err = s.PageMessage(&ps, token, page)
			return err
		})
		if err != nil {
			return err
		}
		for i := range resp.Messages {
			visit(&resp.Messages[i])
		}
		next := str(resp.NextPageUri)
		if next == "" || len(resp.Messages) == 0 {
			return nil
		}
		u, err := url.Parse(next)
		if err != nil || u.Query().Get("PageToken") == "" && u.Query().Get("Page") == "" {
			return providerhttp.Error(scheduler.Transient, "Twilio's list of messages could not be read",
				fmt.Errorf("twilio: %s: next page %q: no Page or PageToken", op, next))
		}
		token, page = u.Query().Get("PageToken"), u.Query().Get("Page")
	}
	return providerhttp.Error(scheduler.Transient, "Twilio's list of messages did not end",
		fmt.Errorf("twilio: %s: more than %d pages", op, maxPages))
}
