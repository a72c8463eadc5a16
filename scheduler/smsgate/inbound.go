package smsgate

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"minuit/scheduler"
	"minuit/scheduler/providerhttp"
)

// InboxPage is the page Inbound asks GET /inbox for (the API's most).
const InboxPage = 500

// maxInboxPages bounds one Inbound call (InboxPage × maxInboxPages SMS).
const maxInboxPages = 40

type wireInbox struct {
	ID             string `json:"id"`
	Type           string `json:"type"`
	Sender         string `json:"sender"`
	ContentPreview string `json:"contentPreview"` // the whole text for an SMS
	CreatedAt      string `json:"createdAt"`
}

// Inbound implements scheduler.InboundProvider with GET /inbox?type=SMS&from=…,
// newest first, page by page. Senders made only of digits get their "+"; a
// national number (06…) is left as the phone wrote it. The app serves /inbox
// since version 1.59; an older one answers 404, reported as a permanent error.
func (p *Provider) Inbound(ctx context.Context, since time.Time) ([]scheduler.InboundMessage, error) {
	var out []scheduler.InboundMessage
	for page := 0; page < maxInboxPages; page++ {
		q := url.Values{"type": {"SMS"}, "limit": {strconv.Itoa(InboxPage)}, "offset": {strconv.Itoa(page * InboxPage)}}
		if !since.IsZero() {
			// The app defaults "to" to its now and refuses a "from" after "to":
			// ask up to a day past the later of since and our clock.
			to := p.now()
			if since.After(to) {
				to = since
			}
			to = to.Add(24 * time.Hour)
			q.Set("from", since.UTC().Format(timeLayout))
			q.Set("to", to.UTC().Format(timeLayout))
		}
		rep, err := p.do(ctx, "inbound", http.MethodGet, "/inbox", q, nil)
		switch {
		case err != nil:
			return nil, err
		case rep.status == http.StatusNotFound:
			return nil, providerhttp.Error(scheduler.Permanent,
				"this SMS Gateway cannot list received SMS: update the app (1.59 or later) so STOP replies are read",
				fmt.Errorf("smsgate: inbound: HTTP 404: %s", apiMessage(rep)))
		case !rep.ok():
			return nil, p.statusError("inbound", rep)
		}
		var msgs []wireInbox
		if err := rep.decode(&msgs); err != nil {
			return nil, providerhttp.Unreadable("SMS Gateway", false, fmt.Errorf("smsgate: inbound: %w", err))
		}
		for _, m := range msgs {
			at := parseTime(m.CreatedAt)
			if at.Before(since) || (m.Type != "" && m.Type != "SMS") {
				continue
			}
			out = append(out, scheduler.InboundMessage{ID: m.ID, From: e164(m.Sender), Body: m.ContentPreview, At: at})
		}
		total, err := strconv.Atoi(rep.header.Get("X-Total-Count"))
		if len(msgs) < InboxPage || (err == nil && (page+1)*InboxPage >= total) {
			break
		}
	}
	return out, nil
}
