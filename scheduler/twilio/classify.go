package twilio

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	twclient "github.com/twilio/twilio-go/client"

	"minuit/scheduler"
	"minuit/scheduler/providerhttp"
)

// How twilio-go (v1.31.0) surfaces failures, measured against twilioemu:
//   - a JSON error body (any status ≥ 400) is a *client.TwilioRestError with
//     Twilio's code and the HTTP status;
//   - any other error body (an HTML 502 from a proxy) is a pkg/errors wrap of
//     the JSON decoder's error: rec.Status() has the HTTP status;
//   - a 2xx whose body cannot be decoded is the decoder's raw error;
//   - transport failures are the *url.Error of http.Client.Do, unwrapped.

// classify turns the error of one SDK call into a *scheduler.ProviderError.
func classify(ctx context.Context, op, method string, err error, rec *providerhttp.Record) error {
	wrapped := fmt.Errorf("twilio: %s: %w", op, err)
	status := rec.Status()
	wait := providerhttp.RetryAfter(rec.Header().Get("Retry-After"), time.Now()).Round(time.Second)

	var apiErr *twclient.TwilioRestError
	if errors.As(err, &apiErr) {
		if status == 0 {
			status = apiErr.Status // refused by the library before sending
		}
		return classifyAPI(status, apiErr.Code, apiErr.Message, wait, wrapped)
	}
	switch {
	case status == http.StatusTooManyRequests:
		return slowDown(wait, wrapped)
	case status >= 500:
		return providerhttp.Error(scheduler.Transient, "Twilio is temporarily unavailable", wrapped)
	case status == http.StatusUnauthorized:
		return providerhttp.Account(wrongCredentials, wrapped)
	case status >= 400:
		return providerhttp.Error(scheduler.Permanent, fmt.Sprintf("Twilio refused the request (HTTP %d)", status), wrapped)
	}

	post := method == http.MethodPost
	if status != 0 {
		// Twilio answered, but the answer was cut or unreadable.
		return providerhttp.Unreadable("Twilio", post, wrapped)
	}
	return providerhttp.Unanswered(ctx, "Twilio", post, rec.Written(), wrapped)
}

func slowDown(wait time.Duration, wrapped error) error {
	return &scheduler.ProviderError{Class: scheduler.Transient, Reason: "Twilio asked us to slow down",
		Err: wrapped, RetryAfter: wait}
}

const wrongCredentials = "Twilio refused the account SID and auth token (or API key); check them in the settings"

// Twilio error codes this package acts on (https://www.twilio.com/docs/api/errors/<code>).
const (
	codeAuthenticate    = 20003
	codeNotFound        = 20404
	codeTooManyRequests = 20429
	codeInvalidTo       = 21211
	codeInvalidFrom     = 21212
	codeBadUsername     = 21222
	codeBadPassword     = 21224
	codeFromNotCapable  = 21606
	codeUnverified      = 21608
	codeUnsubscribed    = 21610
	codeNotMobile       = 21614
	codeTooLong         = 21617
	codeLandline        = 21635
	codeNoService       = 21701
	codeBadService      = 21705
	codeCannotCancel    = 30409
)

// classifyAPI handles Twilio's JSON errors.
func classifyAPI(status, code int, msg string, wait time.Duration, wrapped error) error {
	perm := func(reason string) error {
		return providerhttp.Error(scheduler.Permanent, fmt.Sprintf("%s (Twilio error %d)", reason, code), wrapped)
	}
	switch {
	case status == http.StatusTooManyRequests || code == codeTooManyRequests:
		return slowDown(wait, wrapped)
	case status >= 500:
		return providerhttp.Error(scheduler.Transient, "Twilio is temporarily unavailable", wrapped)
	case status == http.StatusUnauthorized || code == codeAuthenticate:
		return providerhttp.Account(wrongCredentials, wrapped)
	case code == codeBadUsername || code == codeBadPassword:
		return providerhttp.Account("the Twilio credentials may contain only letters and digits; check them in the settings", wrapped)
	case code == codeUnsubscribed:
		return &scheduler.ProviderError{Class: scheduler.Permanent, OptedOut: true, Err: wrapped,
			Reason: "the recipient replied STOP to the shop's Twilio number: Twilio refuses to send them anything until they reply START (Twilio error 21610)"}
	case code == codeFromNotCapable:
		return providerhttp.Account("Twilio cannot send SMS from the sender in the settings: it is not an SMS-capable number of this account (Twilio error 21606)", wrapped)
	case code == codeInvalidFrom:
		return providerhttp.Account("Twilio refused the sender in the settings: it is neither a number of this account nor a valid sender name (Twilio error 21212)", wrapped)
	case code == codeNoService || code == codeBadService:
		return providerhttp.Account(fmt.Sprintf("Twilio does not know the Messaging Service in the settings (Twilio error %d)", code), wrapped)
	case code == codeInvalidTo:
		return perm("Twilio says the number is not valid")
	case code == codeNotMobile:
		return perm("Twilio says the number is not a mobile phone and cannot receive SMS")
	case code == codeLandline:
		return perm("Twilio says the number is a landline and cannot receive SMS")
	case code == codeUnverified:
		return perm("this Twilio trial account can only send to numbers verified in the Twilio console")
	case code == codeTooLong:
		return perm("the message is too long for Twilio, which takes at most 1,600 characters")
	case code >= 35111 && code <= 35126:
		return perm("Twilio can only schedule a message from 15 minutes to 35 days ahead")
	case code == codeNotFound || status == http.StatusNotFound:
		return perm("Twilio found nothing at this address")
	case msg == "":
		return providerhttp.Error(scheduler.Permanent, fmt.Sprintf("Twilio refused the request (HTTP %d, Twilio error %d)", status, code), wrapped)
	default:
		return perm("Twilio refused the request: " + msg)
	}
}
