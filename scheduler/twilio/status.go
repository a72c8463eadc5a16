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

// Status implements scheduler.Provider with GET Messages/{Sid}.json.
func (p *Provider) Status(ctx context.Context, providerID string) ([]scheduler.RecipientStatus, error) {
	if err := checkID("status", providerID); err != nil {
		return nil, err
	}
	var msg *api.ApiV2010Message
	err := p.call(ctx, "status", http.MethodGet, func(s *api.ApiService) error {
		var err error
		msg, err = s.FetchMessage(providerID, nil)
		return err
	})
	if err != nil {
		return nil, err
	}
	status, code := str(msg.Status), 0
	if msg.ErrorCode != nil {
		code = *msg.ErrorCode
	}
	rs := scheduler.RecipientStatus{Recipient: normalize(str(msg.To)), Status: dlr(status)}
	rs.At = parseDate(str(msg.DateUpdated))
	if rs.At.IsZero() {
		rs.At = parseDate(str(msg.DateSent))
	}
	if rs.Status == scheduler.DLRFailed {
		rs.Reason, rs.OptedOut = failureReason(code, str(msg.ErrorMessage))
	}
	return []scheduler.RecipientStatus{rs}, nil
}

// dlr normalises a message status. Unknown statuses count as pending.
func dlr(status string) scheduler.DLR {
	switch status {
	case "scheduled":
		return scheduler.DLRScheduled
	case "delivered", "read":
		return scheduler.DLRDelivered
	case "undelivered", "failed":
		return scheduler.DLRFailed
	case "canceled":
		return scheduler.DLRCancelled
	default: // queued, accepted, sending, sent, partially_delivered, …
		return scheduler.DLRPending
	}
}

// failureReason puts a failed message's error code into plain words.
func failureReason(code int, apiText string) (reason string, optedOut bool) {
	switch code {
	case 30003:
		return "the phone could not be reached: it may be off or out of coverage (Twilio error 30003)", false
	case 30005:
		return "the number is not in use (Twilio error 30005)", false
	case 30006:
		return "the number is a landline or its operator cannot be reached (Twilio error 30006)", false
	case 30007:
		return "the operator filtered the message as unwanted (Twilio error 30007)", false
	case codeUnsubscribed:
		return "the recipient replied STOP to the shop's Twilio number (Twilio error 21610)", true
	case 0:
		return "the operator could not deliver it", false
	}
	if apiText = strings.TrimSpace(apiText); apiText != "" {
		return fmt.Sprintf("the operator could not deliver it: %s (Twilio error %d)", apiText, code), false
	}
	return fmt.Sprintf("the operator could not deliver it (Twilio error %d)", code), false
}

func str(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// parseDate reads the API's RFC 2822 dates; zero when empty or unreadable.
func parseDate(s string) time.Time {
	for _, layout := range []string{time.RFC1123Z, time.RFC1123} {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	return time.Time{}
}

// Balance implements scheduler.Provider with GET Balance.json; Type is the
// currency code ("USD", "EUR"). Where there is no balance to read (a subaccount,
// or Bird's exit API: HTTP 404), it checks the credentials by listing one
// message instead and returns a Balance with no Type.
func (p *Provider) Balance(ctx context.Context) (scheduler.Balance, error) {
	var b *api.ApiV2010Balance
	err := p.call(ctx, "balance", http.MethodGet, func(s *api.ApiService) error {
		var err error
		b, err = s.FetchBalance(nil)
		return err
	})
	var apiErr *twclient.TwilioRestError
	if errors.As(err, &apiErr) && (apiErr.Status == http.StatusNotFound || apiErr.Code == codeNotFound) {
		err = p.call(ctx, "balance", http.MethodGet, func(s *api.ApiService) error {
			_, err := s.PageMessage((&api.ListMessageParams{}).SetPageSize(1), "", "")
			return err
		})
		return scheduler.Balance{}, err
	}
	if err != nil {
		return scheduler.Balance{}, err
	}
	if strings.TrimSpace(str(b.Balance)) == "" {
		return scheduler.Balance{}, nil // a subaccount: the credentials work, no balance to show
	}
	amount, perr := strconv.ParseFloat(strings.TrimSpace(str(b.Balance)), 64)
	if perr != nil {
		return scheduler.Balance{}, providerhttp.Error(scheduler.Transient, "Twilio's balance could not be read",
			fmt.Errorf("twilio: balance: %q: %w", str(b.Balance), perr))
	}
	return scheduler.Balance{Amount: amount, Type: strings.ToUpper(str(b.Currency))}, nil
}
