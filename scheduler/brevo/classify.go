package brevo

import (
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"minuit/scheduler"
	"minuit/scheduler/providerhttp"
)

// ResetHeader is the header in which Brevo says, in seconds, when its rate
// limit resets; it sends no Retry-After.
const ResetHeader = "x-sib-ratelimit-reset"

// apiError is Brevo's error body.
type apiError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// classifyAnswer turns a non-2xx answer into a *scheduler.ProviderError.
func classifyAnswer(op string, a *answer) error {
	var e apiError
	_ = json.Unmarshal(a.body, &e) // a body that is not Brevo's JSON leaves e empty
	msg := clip(e.Message)
	detail := fmt.Sprintf("HTTP %d", a.status)
	if e.Code != "" {
		detail += " " + e.Code
	}
	if msg != "" {
		detail += ": " + msg
	}
	wrapped := fmt.Errorf("brevo: %s: %s", op, detail)
	account := func(reason string) error { return providerhttp.Account(reason, wrapped) }
	lower := strings.ToLower(msg)
	switch {
	case a.status == http.StatusTooManyRequests:
		pe := providerhttp.Error(scheduler.Transient, "Brevo asked us to slow down", wrapped)
		pe.RetryAfter = resetAfter(a.header)
		return pe
	case a.status >= 500:
		return providerhttp.Error(scheduler.Transient, "Brevo is temporarily unavailable", wrapped)
	case a.status == http.StatusUnauthorized || e.Code == "unauthorized":
		return account("Brevo refused the API key (or this computer's IP address is not among the authorised ones); check the key in the settings")
	case a.status == http.StatusPaymentRequired || e.Code == "not_enough_credits":
		return account("the Brevo account has no SMS credits left")
	case e.Code == "account_under_validation":
		return account("the Brevo account is still being validated by Brevo and cannot send SMS yet")
	case a.status == http.StatusForbidden:
		return account("Brevo does not allow this API key to send SMS (permission denied); check the key's permissions in Brevo")
	case strings.Contains(lower, "unsubscribe") || strings.Contains(lower, "blacklist"):
		pe := providerhttp.Error(scheduler.Permanent, "the contact unsubscribed from SMS at Brevo", wrapped)
		pe.OptedOut = true
		return pe
	case e.Code == "invalid_parameter" && strings.Contains(lower, "sender"):
		return providerhttp.Error(scheduler.Permanent, "Brevo refused the sender ID", wrapped)
	case (e.Code == "invalid_parameter" || e.Code == "missing_parameter") && mentions(lower, "phone", "recipient", "mobile", "number"):
		return providerhttp.Error(scheduler.Permanent, "the number is not valid", wrapped)
	case a.status == http.StatusNotFound:
		return providerhttp.Error(scheduler.Permanent, "Brevo does not know this address (HTTP 404); check the Brevo server address in the settings", wrapped)
	case msg != "":
		return providerhttp.Error(scheduler.Permanent, "Brevo refused the request: "+msg, wrapped)
	default:
		return providerhttp.Error(scheduler.Permanent, fmt.Sprintf("Brevo refused the request (HTTP %d)", a.status), wrapped)
	}
}

func mentions(s string, words ...string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// clip keeps Brevo's message short and on one line for the user.
func clip(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) > 200 {
		s = string([]rune(s)[:200]) + "…"
	}
	return s
}

// resetAfter reads the x-sib-ratelimit-reset header: seconds (possibly with a
// fraction) until the limit resets; 0 when absent or unreadable.
func resetAfter(h http.Header) time.Duration {
	v, err := strconv.ParseFloat(strings.TrimSpace(h.Get(ResetHeader)), 64)
	if err != nil || v <= 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0
	}
	return time.Duration(math.Ceil(min(v, 86400) * float64(time.Second)))
}
