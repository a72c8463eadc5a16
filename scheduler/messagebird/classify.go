package messagebird

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	mb "github.com/messagebird/go-rest-api/v9"

	"minuit/scheduler"
	"minuit/scheduler/providerhttp"
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
		return providerhttp.Error(scheduler.Transient, "MessageBird is temporarily unavailable", wrapped)
	case status == http.StatusTooManyRequests:
		return throttled(wrapped, rec)
	case status == http.StatusUnauthorized:
		return providerhttp.Account(reasonAccessKey, wrapped)
	case status == http.StatusPaymentRequired:
		return providerhttp.Account(reasonNoBalance, wrapped)
	case status >= 400:
		return providerhttp.Error(scheduler.Permanent, fmt.Sprintf("MessageBird refused the request (HTTP %d)", status), wrapped)
	}

	post := method == http.MethodPost
	if status >= 200 && status < 300 {
		// MessageBird answered "created", but the answer was cut or unreadable.
		return providerhttp.Unreadable("MessageBird", post, wrapped)
	}
	return providerhttp.Unanswered(ctx, "MessageBird", post, rec.wrote.Load(), wrapped)
}

// Plain sentences for the account problems, which pause all sending.
const (
	reasonAccessKey = "MessageBird refused the access key"
	reasonNoBalance = "the MessageBird account has no balance left"
)

// throttled is a 429: Transient, with the wait of a Retry-After header if the
// answer had one (MessageBird documents none: RetryAfter is then 0 and the
// scheduler's own backoff applies).
func throttled(wrapped error, rec *callRecord) *scheduler.ProviderError {
	pe := providerhttp.Error(scheduler.Transient, "MessageBird asked us to slow down", wrapped)
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
		return providerhttp.Error(scheduler.Transient, "MessageBird is temporarily unavailable", wrapped)
	case status == http.StatusUnauthorized || hasCode(e, 2):
		return providerhttp.Account(reasonAccessKey, wrapped)
	case status == http.StatusPaymentRequired || hasCode(e, 25):
		return providerhttp.Account(reasonNoBalance, wrapped)
	case hasParam(e, "recipient"):
		return providerhttp.Error(scheduler.Permanent, "the number is not valid", wrapped)
	case hasParam(e, "originator"):
		return providerhttp.Error(scheduler.Permanent, "the sender ID was refused", wrapped)
	case hasCode(e, 20):
		return providerhttp.Error(scheduler.Permanent, "MessageBird does not know this message", wrapped)
	}
	var descriptions []string
	for _, item := range e.Errors {
		if item.Description != "" {
			descriptions = append(descriptions, item.Description)
		}
	}
	if len(descriptions) == 0 {
		return providerhttp.Error(scheduler.Permanent, fmt.Sprintf("MessageBird refused the request (HTTP %d)", status), wrapped)
	}
	return providerhttp.Error(scheduler.Permanent, "MessageBird refused the request: "+strings.Join(descriptions, "; "), wrapped)
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
