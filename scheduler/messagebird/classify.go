package messagebird

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"

	mb "github.com/messagebird/go-rest-api/v9"

	"minuit/scheduler"
)

// How the SDK (v9.1.1) surfaces failures, measured against mbemu:
//   - JSON error bodies (4xx, 429, JSON 5xx other than 500) come back as
//     mb.ErrorResponse, a value, without the HTTP status: rec.status has it;
//   - HTTP 500 comes back as mb.ErrUnexpectedResponse, whatever the body;
//   - a non-JSON error body (502/503 from a proxy) is a plain fmt error
//     ("failed to unmarshal response json …");
//   - a 2xx whose body is not JSON is a plain fmt error ("could not decode …");
//   - transport failures are the *url.Error from http.Client.Do, unwrapped;
//     a body cut short is the raw error of io.ReadAll.

func providerError(class scheduler.ErrorClass, reason string, err error) *scheduler.ProviderError {
	return &scheduler.ProviderError{Class: class, Reason: reason, Err: err}
}

// classify turns the error of one SDK call into a *scheduler.ProviderError.
func classify(ctx context.Context, op, method string, err error, rec *callRecord) error {
	wrapped := fmt.Errorf("messagebird: %s: %w", op, err)
	status := int(rec.status.Load())

	var apiErr mb.ErrorResponse
	if errors.As(err, &apiErr) {
		return classifyAPI(status, apiErr, wrapped, rec)
	}
	switch {
	case errors.Is(err, mb.ErrUnexpectedResponse), status >= 500:
		return providerError(scheduler.Transient, "MessageBird is temporarily unavailable", wrapped)
	case status == http.StatusTooManyRequests:
		return throttled(wrapped, rec)
	case status == http.StatusUnauthorized:
		return accountError(reasonAccessKey, wrapped)
	case status == http.StatusPaymentRequired:
		return accountError(reasonNoBalance, wrapped)
	case status >= 400:
		return providerError(scheduler.Permanent, fmt.Sprintf("MessageBird refused the request (HTTP %d)", status), wrapped)
	}

	post := method == http.MethodPost
	cancelled := ctx.Err() != nil
	timedOut := !cancelled && isTimeout(err)
	switch {
	case status >= 200 && status < 300 && post:
		// MessageBird answered "created", but the answer was cut or unreadable.
		return providerError(scheduler.Ambiguous, "MessageBird's answer could not be read; the message may have been sent", wrapped)
	case status >= 200 && status < 300:
		return providerError(scheduler.Transient, "MessageBird's answer could not be read", wrapped)
	case !rec.wrote.Load():
		// Nothing left this computer: no message can have been created.
		return providerError(scheduler.Transient, unreachableReason(err, cancelled, timedOut), wrapped)
	case post && cancelled:
		return providerError(scheduler.Ambiguous, "the request was cancelled before MessageBird answered; the message may have been sent", wrapped)
	case post && timedOut:
		return providerError(scheduler.Ambiguous, "MessageBird did not answer in time; the message may have been sent", wrapped)
	case post:
		return providerError(scheduler.Ambiguous, "the connection to MessageBird broke before it answered; the message may have been sent", wrapped)
	case cancelled:
		return providerError(scheduler.Transient, "the request was cancelled before MessageBird answered", wrapped)
	case timedOut:
		return providerError(scheduler.Transient, "MessageBird did not answer in time", wrapped)
	default:
		return providerError(scheduler.Transient, "the connection to MessageBird broke", wrapped)
	}
}

func unreachableReason(err error, cancelled, timedOut bool) string {
	var dnsErr *net.DNSError
	switch {
	case cancelled:
		return "the request was cancelled before it was sent"
	case errors.As(err, &dnsErr):
		return "MessageBird's server could not be found; check the internet connection"
	case timedOut:
		return "MessageBird could not be reached in time"
	default:
		return "MessageBird could not be reached"
	}
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout())
}

// Plain sentences for the account problems, which pause all sending.
const (
	reasonAccessKey = "MessageBird refused the access key"
	reasonNoBalance = "the MessageBird account has no balance left"
)

// accountError is a Permanent error of the account itself (wrong access key,
// no balance): every other request would fail the same way.
func accountError(reason string, wrapped error) *scheduler.ProviderError {
	pe := providerError(scheduler.Permanent, reason, wrapped)
	pe.Account = true
	return pe
}

// throttled is a 429: Transient, with the wait of a Retry-After header if the
// answer had one (MessageBird documents none: RetryAfter is then 0 and the
// scheduler's own backoff applies).
func throttled(wrapped error, rec *callRecord) *scheduler.ProviderError {
	pe := providerError(scheduler.Transient, "MessageBird asked us to slow down", wrapped)
	pe.RetryAfter = rec.retryAfter()
	return pe
}

// classifyAPI handles the API's JSON errors: code 2 (request not allowed,
// incorrect access_key) and code 25 (not enough balance) are account problems.
func classifyAPI(status int, e mb.ErrorResponse, wrapped error, rec *callRecord) error {
	switch {
	case status == http.StatusTooManyRequests:
		return throttled(wrapped, rec)
	case status >= 500:
		return providerError(scheduler.Transient, "MessageBird is temporarily unavailable", wrapped)
	case status == http.StatusUnauthorized || hasCode(e, 2):
		return accountError(reasonAccessKey, wrapped)
	case status == http.StatusPaymentRequired || hasCode(e, 25):
		return accountError(reasonNoBalance, wrapped)
	case hasParam(e, "recipient"):
		return providerError(scheduler.Permanent, "the number is not valid", wrapped)
	case hasParam(e, "originator"):
		return providerError(scheduler.Permanent, "the sender ID was refused", wrapped)
	case hasCode(e, 20):
		return providerError(scheduler.Permanent, "MessageBird does not know this message", wrapped)
	}
	var descriptions []string
	for _, item := range e.Errors {
		if item.Description != "" {
			descriptions = append(descriptions, item.Description)
		}
	}
	if len(descriptions) == 0 {
		return providerError(scheduler.Permanent, fmt.Sprintf("MessageBird refused the request (HTTP %d)", status), wrapped)
	}
	return providerError(scheduler.Permanent, "MessageBird refused the request: "+strings.Join(descriptions, "; "), wrapped)
}

func hasCode(e mb.ErrorResponse, code int) bool {
	for _, item := range e.Errors {
		if item.Code == code {
			return true
		}
	}
	return false
}

// hasParam reports a "missing or invalid parameter" (9, 10) or "bad request"
// (21) error on a parameter starting with prefix ("recipient" matches "recipients").
func hasParam(e mb.ErrorResponse, prefix string) bool {
	for _, item := range e.Errors {
		if (item.Code == 9 || item.Code == 10 || item.Code == 21) && strings.HasPrefix(strings.ToLower(item.Parameter), prefix) {
			return true
		}
	}
	return false
}
