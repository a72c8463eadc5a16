package brevo

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"minuit/scheduler"
	"minuit/scheduler/providerhttp"
)

// AccountPath is the account endpoint, under the base URL.
const AccountPath = "/account"

// Status implements scheduler.Provider. It reads the events of the id's phone
// number and keeps those of the id's message: delivered wins; otherwise the
// latest of hardBounces, blocked, rejected, skipped (failed) and unsubscription
// (failed, opted out); otherwise the message is pending (sent, accepted,
// softBounces, which the operator retries, or no event yet).
func (p *Provider) Status(ctx context.Context, providerID string) ([]scheduler.RecipientStatus, error) {
	msgID, to, ok := parseProviderID(providerID)
	if !ok {
		reason := "this is not a Brevo message id"
		return nil, providerhttp.Error(scheduler.Permanent, reason, errors.New("brevo: status: "+reason+": "+strconv.Quote(providerID)))
	}
	st := scheduler.RecipientStatus{Recipient: "+" + to, Status: scheduler.DLRPending}
	var delivered, failed *event
	var latest time.Time
	q := url.Values{"phoneNumber": {to}}
	err := p.listEvents(ctx, "status", q, time.Time{}, func(e event) bool {
		if id, ok := parseMessageID(string(e.MessageID)); !ok || id != msgID || (e.number() != "" && e.number() != to) {
			return false
		}
		at := e.at()
		if at.After(latest) {
			latest = at
		}
		switch e.kind() {
		case evDelivered:
			if delivered == nil || at.After(delivered.at()) {
				delivered = &e
			}
		case evHardBounce, evBlocked, evRejected, evSkipped, evUnsubscribe:
			if failed == nil || at.After(failed.at()) {
				failed = &e
			}
		}
		return false
	})
	if err != nil {
		return nil, err
	}
	switch {
	case delivered != nil:
		st.Status, st.At = scheduler.DLRDelivered, delivered.at()
	case failed != nil:
		st.Status, st.At = scheduler.DLRFailed, failed.at()
		st.Reason, st.OptedOut = failureReason(*failed)
	default:
		st.At = latest
	}
	return []scheduler.RecipientStatus{st}, nil
}

// failureReason puts a failed event into plain words, with Brevo's reason.
func failureReason(e event) (reason string, optedOut bool) {
	switch e.kind() {
	case evUnsubscribe:
		reason, optedOut = "the contact unsubscribed from SMS at Brevo", true
	case evBlocked:
		reason = "Brevo blocked the message"
	case evRejected:
		reason = "the message was rejected before it reached the operator"
	case evSkipped:
		reason = "Brevo did not send the message"
	default:
		reason = "the operator could not deliver it"
	}
	if r := clip(e.Reason); r != "" {
		reason += " (" + r + ")"
	}
	return reason, optedOut
}

// Balance implements scheduler.Provider with GET /account, the cheapest way to
// check the key: Amount is the credits of the account's "sms" plan.
func (p *Provider) Balance(ctx context.Context) (scheduler.Balance, error) {
	a, err := p.call(ctx, "balance", http.MethodGet, AccountPath, nil, nil)
	if err != nil {
		return scheduler.Balance{}, err
	}
	var out struct {
		Plan []struct {
			Type    string  `json:"type"`
			Credits float64 `json:"credits"`
		} `json:"plan"`
	}
	if err := decode("balance", http.MethodGet, a, &out); err != nil {
		return scheduler.Balance{}, err
	}
	b := scheduler.Balance{Type: "SMS credits"}
	for _, plan := range out.Plan {
		if plan.Type == "sms" {
			b.Amount += plan.Credits
		}
	}
	return b, nil
}
