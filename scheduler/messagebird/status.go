package messagebird

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	mb "github.com/messagebird/go-rest-api/v9"
	"github.com/messagebird/go-rest-api/v9/balance"
	"github.com/messagebird/go-rest-api/v9/sms"

	"minuit/scheduler"
	"minuit/scheduler/providerhttp"
)

// Status implements scheduler.Provider with GET /messages/{id}. A message this
// Provider cancelled is gone at MessageBird (404): its recipients are reported
// DLRCancelled, as long as this Provider lives (see Cancel).
func (p *Provider) Status(ctx context.Context, providerID string) ([]scheduler.RecipientStatus, error) {
	if !validID(providerID) {
		return nil, badID("status", providerID)
	}
	var msg *sms.Message
	rec, err := p.callWith(ctx, "status", http.MethodGet, func(c mb.Client) error {
		var err error
		msg, err = sms.Read(c, providerID)
		return err
	})
	if err != nil {
		if c, ok := p.wasCancelled(providerID); ok && rec.status.Load() == http.StatusNotFound {
			return c.statuses(), nil
		}
		return nil, err
	}
	out := make([]scheduler.RecipientStatus, 0, len(msg.Recipients.Items))
	for _, r := range msg.Recipients.Items {
		rs := scheduler.RecipientStatus{Recipient: e164(r.Recipient), Status: dlr(r.Status)}
		if r.StatusDatetime != nil {
			rs.At = *r.StatusDatetime
		}
		rs.Reason = failureReason(rs.Status, r.StatusReason)
		out = append(out, rs)
	}
	return out, nil
}

func badID(op, id string) error {
	reason := "this is not a MessageBird message id"
	return providerhttp.Error(scheduler.Permanent, reason, fmt.Errorf("messagebird: %s: %s: %q", op, reason, id))
}

// validID accepts the API's ids (hex) and, defensively, any letters and digits,
// never characters that would change the request's path or query.
func validID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, c := range id {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// dlr normalises a recipient status. Unknown statuses count as pending: no
// final word yet.
func dlr(status string) scheduler.DLR {
	switch status {
	case "scheduled":
		return scheduler.DLRScheduled
	case "delivered":
		return scheduler.DLRDelivered
	case "delivery_failed":
		return scheduler.DLRFailed
	case "expired":
		return scheduler.DLRExpired
	default: // sent, buffered
		return scheduler.DLRPending
	}
}

// failureReason puts a failure into plain words, using the API's statusReason
// when it says more than "failed".
func failureReason(status scheduler.DLR, apiReason *string) string {
	reason := ""
	if apiReason != nil {
		reason = strings.ToLower(strings.TrimSpace(*apiReason))
	}
	switch status {
	case scheduler.DLRExpired:
		return "the phone could not be reached before the message expired"
	case scheduler.DLRFailed:
	default:
		return ""
	}
	switch {
	case reason == "unknown subscriber":
		return "the number is not in use"
	case reason == "unavailable subscriber" || reason == "absent subscriber":
		return "the phone could not be reached"
	case strings.Contains(reason, "barred") || strings.Contains(reason, "blocked"):
		return "the operator blocked the message"
	case reason == "" || reason == "failed" || reason == "delivery failed":
		return "the operator could not deliver it"
	default:
		return "the operator could not deliver it (" + reason + ")"
	}
}

// Balance implements scheduler.Provider with GET /balance. It is also the
// cheapest way to check the access key.
func (p *Provider) Balance(ctx context.Context) (scheduler.Balance, error) {
	var b *balance.Balance
	err := p.call(ctx, "balance", http.MethodGet, func(c mb.Client) error {
		var err error
		b, err = balance.Read(c)
		return err
	})
	if err != nil {
		return scheduler.Balance{}, err
	}
	// The SDK decodes the amount into a float32; go through its shortest
	// decimal form so 9.2 stays 9.2 rather than 9.199999809265137.
	amount, _ := strconv.ParseFloat(strconv.FormatFloat(float64(b.Amount), 'g', -1, 32), 64)
	return scheduler.Balance{Amount: amount, Type: b.Type}, nil
}
