package twilio

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	twclient "github.com/twilio/twilio-go/client"
	api "github.com/twilio/twilio-go/rest/api/v2010"

	"minuit/scheduler"
	"minuit/scheduler/providerhttp"
)

// MaxValidity is the longest ValidityPeriod Twilio takes (and its default).
const MaxValidity = 10 * time.Hour

// Send implements scheduler.Provider: one POST Messages.json for the batch's only
// recipient, from Config.From and/or through Config.MessagingServiceSID, with the
// batch's Validity (whole seconds, 1 to 36,000) and, for a hand-off,
// ScheduleType=fixed and SendAt in UTC.
func (p *Provider) Send(ctx context.Context, b scheduler.Batch) (scheduler.Accepted, error) {
	to, err := p.checkBatch(b)
	if err != nil {
		return scheduler.Accepted{}, err
	}
	params := (&api.CreateMessageParams{}).SetTo(to).SetBody(b.Body)
	if p.from != "" {
		params.SetFrom(p.from)
	}
	if p.service != "" {
		params.SetMessagingServiceSid(p.service)
	}
	if v := validitySeconds(b.Validity); v > 0 {
		params.SetValidityPeriod(v)
	}
	if !b.SendAt.IsZero() {
		params.SetScheduleType("fixed").SetSendAt(b.SendAt.UTC().Truncate(time.Second))
	}
	var msg *api.ApiV2010Message
	err = p.call(ctx, "send", http.MethodPost, func(s *api.ApiService) error {
		var err error
		msg, err = s.CreateMessage(params)
		return err
	})
	if err != nil {
		return scheduler.Accepted{}, err
	}
	if msg.Sid == nil || *msg.Sid == "" {
		return scheduler.Accepted{}, providerhttp.Error(scheduler.Ambiguous,
			"Twilio's answer had no message id; the message may have been sent", errors.New("twilio: send: no sid in the answer"))
	}
	return scheduler.Accepted{ID: *msg.Sid, Reference: b.Reference, Recipients: []string{to}}, nil
}

// checkBatch refuses, with a Permanent error and no request, what Twilio would
// refuse for every recipient, and returns the recipient.
func (p *Provider) checkBatch(b scheduler.Batch) (string, error) {
	var reason, to string
	if len(b.Recipients) > 0 {
		to = normalize(b.Recipients[0])
	}
	switch {
	case len(b.Recipients) == 0:
		reason = "the message has no recipient"
	case len(b.Recipients) > 1:
		reason = "Twilio takes one recipient a request"
	case b.Body == "":
		reason = "the message is empty"
	case !isE164(to):
		reason = "the number " + strconv.Quote(b.Recipients[0]) + " is not in international form (+ and 8 to 15 digits)"
	case !b.SendAt.IsZero() && p.service == "":
		reason = "Twilio can only schedule a message sent through a Messaging Service; none is set"
	default:
		return to, nil
	}
	return "", providerhttp.Error(scheduler.Permanent, reason, errors.New("twilio: send: "+reason))
}

// normalize removes the spaces of a number and gives back the "+" of a number
// made of digits only.
func normalize(n string) string {
	n = strings.ReplaceAll(strings.TrimSpace(n), " ", "")
	if isDigits(n) {
		return "+" + n
	}
	return n
}

// validitySeconds converts a validity to Twilio's ValidityPeriod: 0 stays 0
// (the field is then omitted), anything else is rounded up to whole seconds and
// capped at MaxValidity.
func validitySeconds(d time.Duration) int {
	if d <= 0 {
		return 0
	}
	return int((min(d, MaxValidity) + time.Second - 1) / time.Second)
}

// Cancel implements scheduler.Canceller: POST Messages/{Sid}.json with
// Status=canceled. Twilio's error 30409 (the message is no longer scheduled)
// wraps scheduler.ErrAlreadySent, unless the message turns out to be cancelled
// already.
func (p *Provider) Cancel(ctx context.Context, providerID string) error {
	if err := checkID("cancel", providerID); err != nil {
		return err
	}
	params := (&api.UpdateMessageParams{}).SetStatus("canceled")
	err := p.call(ctx, "cancel", http.MethodPost, func(s *api.ApiService) error {
		_, err := s.UpdateMessage(providerID, params)
		return err
	})
	var apiErr *twclient.TwilioRestError
	if err == nil || !errors.As(err, &apiErr) || apiErr.Code != codeCannotCancel {
		return err
	}
	if st, serr := p.Status(ctx, providerID); serr == nil && len(st) == 1 && st[0].Status == scheduler.DLRCancelled {
		return nil
	}
	return &scheduler.ProviderError{Class: scheduler.Permanent,
		Reason: "Twilio had already sent the message: it can no longer be cancelled",
		Err:    fmt.Errorf("twilio: cancel %s: %w (%v)", providerID, scheduler.ErrAlreadySent, apiErr)}
}

// checkID refuses ids that are not Twilio SIDs ("SM…", "MM…") nor, for Bird's
// exit API, letters, digits, "-" and "_": nothing that would change the path.
func checkID(op, id string) error {
	ok := id != "" && len(id) <= 64
	for _, c := range id {
		ok = ok && ('0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '-' || c == '_')
	}
	if ok {
		return nil
	}
	reason := "this is not a Twilio message id"
	return providerhttp.Error(scheduler.Permanent, reason, fmt.Errorf("twilio: %s: %s: %q", op, reason, id))
}
