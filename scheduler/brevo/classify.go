package brevo

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"minuit/scheduler"
)

// ResetHeader is the header in which Brevo says, in seconds, when its rate
// limit resets; it sends no Retry-After.
const ResetHeader = "x-sib-ratelimit-reset"

// apiError is Brevo's error body.
type apiError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

func perr(class scheduler.ErrorClass, reason string, err error) *scheduler.ProviderError {
	return &scheduler.ProviderError{Class: class, Reason: reason, Err: err}
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
	account := func(reason string) error {
		return &scheduler.ProviderError{Class: scheduler.Permanent, Reason: reason, Err: wrapped, Account: true}
	}
	lower := strings.ToLower(msg)
	switch {
	case a.status == http.StatusTooManyRequests:
		pe := perr(scheduler.Transient, "Brevo asked us to slow down", wrapped)
		pe.RetryAfter = resetAfter(a.header)
		return pe
	case a.status >= 500:
		return perr(scheduler.Transient, "Brevo is temporarily unavailable", wrapped)
	case a.status == http.StatusUnauthorized || e.Code == "unauthorized":
		return account("Brevo refused the API key (or this computer's IP address is not among the authorised ones); check the key in the settings")
	case a.status == http.StatusPaymentRequired || e.Code == "not_enough_credits":
		return account("the Brevo account has no SMS credits left")
	case e.Code == "account_under_validation":
		return account("the Brevo account is still being validated by Brevo and cannot send SMS yet")
	case a.status == http.StatusForbidden:
		return account("Brevo does not allow this API key to send SMS (permission denied); check the key's permissions in Brevo")
	case strings.Contains(lower, "unsubscribe") || strings.Contains(lower, "blacklist"):
		pe := perr(scheduler.Permanent, "the contact unsubscribed from SMS at Brevo", wrapped)
		pe.OptedOut = true
		return pe
	case e.Code == "invalid_parameter" && strings.Contains(lower, "sender"):
		return perr(scheduler.Permanent, "Brevo refused the sender ID", wrapped)
	case (e.Code == "invalid_parameter" || e.Code == "missing_parameter") && mentions(lower, "phone", "recipient", "mobile", "number"):
		return perr(scheduler.Permanent, "the number is not valid", wrapped)
	case a.status == http.StatusNotFound:
		return perr(scheduler.Permanent, "Brevo does not know this address (HTTP 404); check the Brevo server address in the settings", wrapped)
	case msg != "":
		return perr(scheduler.Permanent, "Brevo refused the request: "+msg, wrapped)
	default:
		return perr(scheduler.Permanent, fmt.Sprintf("Brevo refused the request (HTTP %d)", a.status), wrapped)
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

// classifyNetwork classifies a failure to get an answer. wrote says whether the
// request (even partly) left; answered2xx that Brevo had begun a 2xx answer.
func classifyNetwork(ctx context.Context, op, method string, err error, wrote, answered2xx bool) error {
	wrapped := fmt.Errorf("brevo: %s: %w", op, err)
	post := method == http.MethodPost
	cancelled := ctx.Err() != nil
	timedOut := !cancelled && isTimeout(err)
	switch {
	case answered2xx && post:
		return perr(scheduler.Ambiguous, "Brevo's answer could not be read; the message may have been sent", wrapped)
	case answered2xx:
		return perr(scheduler.Transient, "Brevo's answer could not be read", wrapped)
	case !wrote:
		// Nothing left this computer: no message can have been created.
		return perr(scheduler.Transient, unreachable(err, cancelled, timedOut), wrapped)
	case post && cancelled:
		return perr(scheduler.Ambiguous, "the request was cancelled before Brevo answered; the message may have been sent", wrapped)
	case post && timedOut:
		return perr(scheduler.Ambiguous, "Brevo did not answer in time; the message may have been sent", wrapped)
	case post:
		return perr(scheduler.Ambiguous, "the connection to Brevo broke before it answered; the message may have been sent", wrapped)
	case cancelled:
		return perr(scheduler.Transient, "the request was cancelled before Brevo answered", wrapped)
	case timedOut:
		return perr(scheduler.Transient, "Brevo did not answer in time", wrapped)
	default:
		return perr(scheduler.Transient, "the connection to Brevo broke", wrapped)
	}
}

func unreachable(err error, cancelled, timedOut bool) string {
	var dnsErr *net.DNSError
	switch {
	case cancelled:
		return "the request was cancelled before it was sent"
	case errors.As(err, &dnsErr):
		return "Brevo's server could not be found; check the internet connection"
	case timedOut:
		return "Brevo could not be reached in time"
	default:
		return "Brevo could not be reached"
	}
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout())
}
