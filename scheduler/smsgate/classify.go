package smsgate

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"minuit/scheduler"
	"minuit/scheduler/providerhttp"
)

// apiMessage is the error text of an answer: the "message" of the app's and
// the cloud's {"message": "…"}, or a short plain-text body.
func apiMessage(r *reply) string {
	var e struct {
		Error   string `json:"error"`
		Message string `json:"message"`
	}
	if json.Unmarshal(r.body, &e) == nil && e.Message != "" {
		return e.Message
	}
	s := strings.TrimSpace(string(r.body))
	if len(s) > 200 || strings.ContainsAny(s, "<{") {
		return ""
	}
	return s
}

// retryAfter reads Retry-After (seconds or an HTTP date) against now.
func retryAfter(h http.Header, now time.Time) time.Duration {
	return providerhttp.RetryAfter(h.Get("Retry-After"), now)
}

// statusError classifies an answer whose status is not 2xx. Callers handle the
// statuses that mean something for their operation (404, 409) first.
func (p *Provider) statusError(op string, r *reply) error {
	msg := apiMessage(r)
	detail := fmt.Sprintf("HTTP %d", r.status)
	if msg != "" {
		detail += ": " + msg
	}
	wrapped := fmt.Errorf("smsgate: %s: %s", op, detail)
	pe := providerhttp.Error(scheduler.Permanent, "", wrapped)
	lower := strings.ToLower(msg)
	switch {
	case r.status == http.StatusUnauthorized:
		pe.Reason, pe.Account = p.who()+" refused the user name or password (SMS Gateway)", true
	case r.status == http.StatusForbidden:
		pe.Reason, pe.Account = "SMS Gateway refused this user access: check its permissions", true
	case r.status == http.StatusNotFound:
		pe.Reason, pe.Account = "SMS Gateway has nothing at this address: check the URL (the cloud's ends in /3rdparty/v1)", true
	case r.status == http.StatusTooManyRequests:
		pe.Class, pe.Reason = scheduler.Transient, "SMS Gateway asked us to slow down"
		pe.RetryAfter = retryAfter(r.header, r.phoneNow(p.now()))
	case r.status == http.StatusServiceUnavailable && strings.Contains(lower, "queue limit"):
		pe.Class, pe.RetryAfter = scheduler.Transient, retryAfter(r.header, r.phoneNow(p.now()))
		pe.Reason = "SMS Gateway takes no new messages because the phone's queue is stuck: " +
			"check that the phone is on, online, and that battery saving does not stop the app"
	case r.status >= 500:
		pe.Class, pe.RetryAfter = scheduler.Transient, retryAfter(r.header, r.phoneNow(p.now()))
		pe.Reason = "SMS Gateway had a problem (" + detail + "); it will be tried again"
	case r.status == http.StatusBadRequest && strings.Contains(lower, "phone number"):
		pe.Reason = "the number is not valid (SMS Gateway: " + msg + ")"
	case r.status == http.StatusBadRequest && msg != "":
		pe.Reason = "SMS Gateway refused the message: " + msg
	default:
		pe.Reason = "SMS Gateway refused the request (" + detail + ")"
	}
	return pe
}
