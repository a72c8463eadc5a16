package bird

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"minuit/scheduler"
	"minuit/scheduler/providerhttp"
)

// APIError is Bird's error envelope {"error":{…}} with the HTTP status. It is
// the error wrapped by the *scheduler.ProviderError of a refused request.
type APIError struct {
	StatusCode int
	Type       string `json:"type"` // auth_error, validation_error, rate_limit_error, …
	Code       string `json:"code"` // opaque and stable, E#####
	Name       string `json:"name"` // a slug for logs, e.g. RequestInProgress
	Message    string `json:"message"`
	Param      string `json:"param"`
	Details    []struct {
		Param   string `json:"param"`
		Message string `json:"message"`
	} `json:"details"`
	DocURL    string `json:"doc_url"`
	RequestID string `json:"request_id"`
}

func (e *APIError) Error() string {
	s := fmt.Sprintf("HTTP %d", e.StatusCode)
	for _, part := range []string{e.Type, e.Code, e.Name} {
		if part != "" {
			s += " " + part
		}
	}
	if e.Param != "" {
		s += " on " + strconv.Quote(e.Param)
	}
	if e.Message != "" {
		s += ": " + e.Message
	}
	if e.RequestID != "" {
		s += " (request " + e.RequestID + ")"
	}
	return s
}

// slug lowers a name and drops "_" and "-": RequestInProgress and
// request_in_progress both become requestinprogress.
func slug(s string) string {
	return strings.NewReplacer("_", "", "-", "", " ", "").Replace(strings.ToLower(s))
}

// onParam reports whether the error is about field (or an element of it).
func (e *APIError) onParam(field string) bool {
	is := func(p string) bool {
		return p == field || strings.HasPrefix(p, field+"[") || strings.HasPrefix(p, field+".")
	}
	if is(e.Param) {
		return true
	}
	for _, d := range e.Details {
		if is(d.Param) {
			return true
		}
	}
	return false
}

// classifyAPI turns a non-2xx answer into a *scheduler.ProviderError. It
// branches on the status, the type, the documented codes E01004/E01005, the
// name and the param, never on the message, which Bird says is not stable.
func classifyAPI(status int, h http.Header, raw []byte, wrap func(error) error) error {
	e := &APIError{StatusCode: status}
	var env struct {
		Error *APIError `json:"error"`
	}
	if json.Unmarshal(raw, &env) == nil && env.Error != nil {
		e = env.Error
		e.StatusCode = status
	}
	if e.RequestID == "" {
		e.RequestID = h.Get("X-Request-Id")
	}
	err := wrap(e)
	name := slug(e.Name)
	pe := func(class scheduler.ErrorClass, reason string) *scheduler.ProviderError {
		return providerhttp.Error(class, reason, err)
	}
	account := func(reason string) *scheduler.ProviderError { return providerhttp.Account(reason, err) }
	switch {
	case status >= 500:
		p := pe(scheduler.Transient, "Bird is temporarily unavailable")
		p.RetryAfter = retryAfter(h)
		return p
	case status == http.StatusTooManyRequests || e.Type == "rate_limit_error":
		p := pe(scheduler.Transient, "Bird asked Minuit to slow down")
		p.RetryAfter = retryAfter(h)
		return p
	case e.Code == "E01004" || name == "requestinprogress":
		p := pe(scheduler.Transient, "Bird is still handling the same message; Minuit will ask again shortly")
		p.RetryAfter = max(retryAfter(h), time.Second)
		return p
	case e.Code == "E01005" || name == "idempotencykeyreuse":
		return pe(scheduler.Permanent, "Bird already received a different message under this reference")
	case strings.Contains(name, "optedout") || strings.Contains(name, "suppress") || strings.Contains(name, "unsubscribed"):
		p := pe(scheduler.Permanent, "the recipient asked Bird to stop sending them messages (STOP)")
		p.OptedOut = true
		return p
	case status == http.StatusUnauthorized || e.Type == "auth_error":
		return account("Bird refused the API key")
	case status == http.StatusPaymentRequired || e.Type == "billing_error" || strings.Contains(name, "balance"):
		return account("the Bird account has no balance left")
	case strings.Contains(name, "suspend"):
		return account("the Bird account is suspended")
	case status == http.StatusForbidden || e.Type == "permission_error":
		return account("Bird does not allow this API key to send SMS; check the key's permissions in Bird")
	case status == http.StatusNotFound || e.Type == "not_found_error":
		return pe(scheduler.Permanent, "Bird does not know this message")
	case name == "smsunsupportedfeature":
		return pe(scheduler.Permanent, "Bird does not support this option yet")
	case e.onParam("to"):
		return pe(scheduler.Permanent, "the number is not valid")
	case e.onParam("from") || strings.Contains(name, "sender"):
		return pe(scheduler.Permanent, "Bird refused the sender ID")
	case e.onParam("text"):
		return pe(scheduler.Permanent, "Bird refused the text: it is empty or longer than 12 SMS")
	case e.Message != "":
		return pe(scheduler.Permanent, "Bird refused the request: "+e.Message)
	default:
		return pe(scheduler.Permanent, fmt.Sprintf("Bird refused the request (HTTP %d)", status))
	}
}

// retryAfter reads Retry-After, in seconds or as an HTTP date; 0 when absent.
func retryAfter(h http.Header) time.Duration {
	return providerhttp.RetryAfter(h.Get("Retry-After"), time.Now())
}
