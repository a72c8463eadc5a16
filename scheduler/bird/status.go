package bird

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"minuit/scheduler"
	"minuit/scheduler/providerhttp"
)

// Status implements scheduler.Provider with GET /v1/sms/messages/{id}.
func (p *Provider) Status(ctx context.Context, providerID string) ([]scheduler.RecipientStatus, error) {
	if !validID(providerID) {
		reason := "this is not a Bird message id"
		return nil, providerhttp.Error(scheduler.Permanent, reason, errors.New("bird: status: "+reason+": "+strconv.Quote(providerID)))
	}
	var m smsMessage
	if err := p.do(ctx, request{op: "status", method: http.MethodGet, path: "/v1/sms/messages/" + providerID}, &m); err != nil {
		return nil, err
	}
	return []scheduler.RecipientStatus{recipientStatus(&m)}, nil
}

// validID accepts letters, digits, "-" and "_", never characters that would
// change the request's path or query.
func validID(id string) bool {
	if id == "" || len(id) > 128 {
		return false
	}
	for _, c := range id {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

func recipientStatus(m *smsMessage) scheduler.RecipientStatus {
	rs := scheduler.RecipientStatus{Recipient: e164(m.To), Status: dlr(m.Status), At: m.CreatedAt}
	switch {
	case m.Delivered != nil && rs.Status == scheduler.DLRDelivered:
		rs.At = *m.Delivered
	case m.LastError != nil && !m.LastError.OccurredAt.IsZero():
		rs.At = m.LastError.OccurredAt
	case m.SentAt != nil:
		rs.At = *m.SentAt
	}
	code := ""
	if m.LastError != nil {
		code = m.LastError.Code
	}
	switch rs.Status {
	case scheduler.DLRFailed:
		rs.Reason = failureReason(m.Status, code)
		rs.OptedOut = code == "recipient_opted_out"
	case scheduler.DLRExpired:
		rs.Reason = "the phone could not be reached before the message expired"
	}
	return rs
}

// dlr normalises Bird's status. "undelivered" (handset off or unreachable) is
// final for Bird, like "failed" and "rejected"; unknown statuses count as pending.
func dlr(status string) scheduler.DLR {
	switch status {
	case "delivered", "received":
		return scheduler.DLRDelivered
	case "failed", "undelivered", "rejected":
		return scheduler.DLRFailed
	case "expired":
		return scheduler.DLRExpired
	case "scheduled":
		return scheduler.DLRScheduled
	case "canceled", "cancelled":
		return scheduler.DLRCancelled
	default: // accepted, sent
		return scheduler.DLRPending
	}
}

// failureReasons puts Bird's last_error.code into plain words.
var failureReasons = map[string]string{
	"invalid_destination":  "the number is not in use or not valid",
	"unreachable":          "the phone was off or out of coverage",
	"blocked_by_carrier":   "the mobile operator blocked the message",
	"blocked_by_recipient": "the recipient's phone blocks this sender",
	"landline_unreachable": "the number is a landline that cannot receive SMS",
	"content_rejected":     "the mobile operator refused the text of the message",
	"sender_unregistered":  "the sender ID is not registered for this country",
	"recipient_opted_out":  "the recipient asked Bird to stop sending them messages (STOP)",
	"provider_unavailable": "Bird's operator network failed, even after retrying",
	"insufficient_balance": "the Bird account had no balance left",
	"unknown":              "Bird could not deliver it, for an unknown reason",
}

func failureReason(status, code string) string {
	if r, ok := failureReasons[code]; ok {
		return r
	}
	if status == "rejected" {
		return "Bird refused to send it"
	}
	return "Bird could not deliver it"
}

// Balance implements scheduler.Provider. Bird documents no balance endpoint for
// API keys (billing is session-only), so this checks the key with the cheapest
// authenticated read, GET /v1/sms/messages?limit=1, and returns a Balance with
// Type "": the Amount means nothing.
func (p *Provider) Balance(ctx context.Context) (scheduler.Balance, error) {
	q := url.Values{"limit": {"1"}}
	err := p.do(ctx, request{op: "balance", method: http.MethodGet, path: "/v1/sms/messages", query: q}, nil)
	if err != nil {
		return scheduler.Balance{}, err
	}
	return scheduler.Balance{}, nil
}
