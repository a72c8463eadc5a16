package brevo

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// EventsPath is the endpoint of the transactional SMS events, under the base URL.
const EventsPath = "/transactionalSMS/statistics/events"

// PageSize is the page asked of the events endpoint (Brevo's maximum).
const PageSize = 100

// LookupMargin widens Lookup's and Inbound's window to before `since`, for
// clock drift between this computer and Brevo and events dated a little late.
const LookupMargin = 5 * time.Minute

// maxPages bounds one listing (100,000 events), in case a server ignores offset.
const maxPages = 1000

// Normalised event names; Brevo's spellings vary (see the package documentation).
const (
	evSent        = "sent"
	evAccepted    = "accepted"
	evDelivered   = "delivered"
	evHardBounce  = "hardBounces"
	evSoftBounce  = "softBounces"
	evBounce      = "bounces"
	evUnsubscribe = "unsubscription"
	evReply       = "replies"
	evBlocked     = "blocked"
	evRejected    = "rejected"
	evSkipped     = "skipped"
)

var eventNames = map[string]string{
	"sent": evSent, "accepted": evAccepted, "delivered": evDelivered,
	"hardbounces": evHardBounce, "hardbounce": evHardBounce, "hard_bounce": evHardBounce,
	"softbounces": evSoftBounce, "softbounce": evSoftBounce, "soft_bounce": evSoftBounce,
	"bounces": evBounce, "bounce": evBounce,
	"unsubscription": evUnsubscribe, "unsubscribe": evUnsubscribe, "unsubscribed": evUnsubscribe,
	"replies": evReply, "replied": evReply, "reply": evReply,
	"blocked": evBlocked, "rejected": evRejected, "skipped": evSkipped, "skip": evSkipped,
}

// event is one entry of the events answer.
type event struct {
	PhoneNumber string `json:"phoneNumber"`
	Date        string `json:"date"`
	MessageID   flexID `json:"messageId"`
	Event       string `json:"event"`
	Reason      string `json:"reason"`
	Reply       string `json:"reply"`
	Tag         string `json:"tag"`
}

// kind is the event's normalised name, or its own name when unknown.
func (e event) kind() string {
	if k, ok := eventNames[strings.ToLower(strings.TrimSpace(e.Event))]; ok {
		return k
	}
	return e.Event
}

// number is the event's phone number as digits (without "+" or "00").
func (e event) number() string { return phoneDigits(e.PhoneNumber) }

// at is the event's date; zero when unreadable.
func (e event) at() time.Time { return parseDate(e.Date) }

// flexID reads a message id sent as a JSON string (the schema) or number.
type flexID string

func (f *flexID) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if bytes.Equal(b, []byte("null")) {
		*f = ""
		return nil
	}
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = flexID(strings.TrimSpace(s))
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return fmt.Errorf("messageId %s is neither a string nor a number", b)
	}
	*f = flexID(n.String())
	return nil
}

// phoneDigits normalises a number Brevo reports: "+33…", "0033…" and "33…"
// all give "33…" (no country code starts with 0).
func phoneDigits(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' || r == '.' || r == '(' || r == ')' {
			return -1
		}
		return r
	}, s)
	if d, ok := strings.CutPrefix(s, "+"); ok {
		return d
	}
	return strings.TrimPrefix(s, "00")
}

// dateLayouts are the forms of "date" read, RFC 3339 first (the documented one).
var dateLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05", "2006-01-02"}

func parseDate(s string) time.Time {
	s = strings.TrimSpace(s)
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	return time.Time{}
}

// listEvents pages through the events matching q, newest first, calling visit
// for each one dated at or after cutoff (all of them when cutoff is zero) until
// visit returns true, an older event ends a page, or there are no more.
func (p *Provider) listEvents(ctx context.Context, op string, q url.Values, cutoff time.Time, visit func(event) bool) error {
	q.Set("limit", strconv.Itoa(PageSize))
	q.Set("sort", "desc")
	for page, offset := 0, 0; page < maxPages; page++ {
		q.Set("offset", strconv.Itoa(offset))
		a, err := p.exchange(ctx, op, http.MethodGet, EventsPath, q, nil)
		if err != nil {
			return err
		}
		if a.status == http.StatusNotFound && bytes.Contains(a.body, []byte("document_not_found")) {
			return nil // how some Brevo lists say "nothing"
		}
		if a.status < 200 || a.status > 299 {
			return classifyAnswer(op, a)
		}
		var out struct {
			Events []event `json:"events"`
		}
		if len(bytes.TrimSpace(a.body)) > 0 {
			if err := decode(op, http.MethodGet, a, &out); err != nil {
				return err
			}
		}
		reachedOld := false
		for _, e := range out.Events {
			if at := e.at(); !cutoff.IsZero() && !at.IsZero() && at.Before(cutoff) {
				reachedOld = true
				continue
			}
			if visit(e) {
				return nil
			}
		}
		if reachedOld || len(out.Events) < PageSize {
			return nil
		}
		offset += len(out.Events)
	}
	return nil
}
