// Package providerhttp holds what the SMS providers (messagebird, twilio, bird,
// brevo, smsgate) share on the client side of HTTP: the validation of a base
// URL, the per-call transport that records whether a request left and what came
// back, Retry-After, and the classification of a call that got no answer into a
// *scheduler.ProviderError.
//
// Sentences a shop owner reads name the vendor: the functions take its display
// name ("MessageBird", "Twilio", "the phone") as who. What a vendor's answers
// mean stays in the vendor's package.
package providerhttp

import (
	"context"
	"errors"
	"net"

	"minuit/internal/usererr"
	"minuit/scheduler"
)

// Error returns a *scheduler.ProviderError of class with reason, wrapping err.
func Error(class scheduler.ErrorClass, reason string, err error) *scheduler.ProviderError {
	return &scheduler.ProviderError{Class: class, Reason: reason, Err: err}
}

// errorf is Error with a reason the translation catalogue knows: format is its
// key (usererr.Msgf).
func errorf(class scheduler.ErrorClass, err error, format string, args ...any) *scheduler.ProviderError {
	return withMsg(class, err, usererr.Msgf(format, args...))
}

// withMsg is Error with the reason m.
func withMsg(class scheduler.ErrorClass, err error, m usererr.Msg) *scheduler.ProviderError {
	return &scheduler.ProviderError{Class: class, Reason: m.String(), Msg: m, Err: err}
}

// Account returns a Permanent error of the account itself (wrong credentials,
// no balance): every other request would fail the same way.
func Account(reason string, err error) *scheduler.ProviderError {
	pe := Error(scheduler.Permanent, reason, err)
	pe.Account = true
	return pe
}

// NotSent is the Transient error of a call whose context ended before its
// request was written: nothing can have been created.
func NotSent(err error) *scheduler.ProviderError {
	return errorf(scheduler.Transient, err, "the request was cancelled before it was sent")
}

// Unreadable classifies a success answer from who that could not be read: the
// message of a POST may exist (Ambiguous); any other request is Transient.
func Unreadable(who string, post bool, err error) *scheduler.ProviderError {
	if post {
		return errorf(scheduler.Ambiguous, err, "%s's answer could not be read; the message may have been sent", who)
	}
	return errorf(scheduler.Transient, err, "%s's answer could not be read", who)
}

// Unanswered classifies err, the failure of a call to who that got no HTTP
// answer. Nothing written means nothing created: Transient, "could not be
// reached" (its DNS, cancelled and timed-out variants). A written POST may have
// created its message: Ambiguous, "…; the message may have been sent". Any
// other written request is Transient. ctx is the call's context: when it has
// ended, the call counts as cancelled.
func Unanswered(ctx context.Context, who string, post, wrote bool, err error) *scheduler.ProviderError {
	cancelled := ctx.Err() != nil
	timedOut := !cancelled && IsTimeout(err)
	var dnsErr *net.DNSError
	switch {
	case wrote:
		return Lost(who, post, cancelled, timedOut, "the message may have been sent", err)
	case cancelled:
		return NotSent(err)
	case errors.As(err, &dnsErr):
		return errorf(scheduler.Transient, err, "%s's server could not be found; check the internet connection", who)
	case timedOut:
		return errorf(scheduler.Transient, err, "%s could not be reached in time", who)
	default:
		return errorf(scheduler.Transient, err, "%s could not be reached", who)
	}
}

// Lost classifies err, the failure of a request to who that was (even partly)
// written but got no answer. A POST may have created its message: Ambiguous,
// with mayHave ("the message may have been sent") after the sentence. Any other
// request is Transient.
func Lost(who string, post, cancelled, timedOut bool, mayHave string, err error) *scheduler.ProviderError {
	var reason usererr.Msg
	switch {
	case cancelled:
		reason = usererr.Msgf("the request was cancelled before %s answered", who)
	case timedOut:
		reason = usererr.Msgf("%s did not answer in time", who)
	case post:
		reason = usererr.Msgf("the connection to %s broke before it answered", who)
	default:
		reason = usererr.Msgf("the connection to %s broke", who)
	}
	if post {
		return errorf(scheduler.Ambiguous, err, "%s; %s", reason, usererr.NewMsg(mayHave, nil))
	}
	return withMsg(scheduler.Transient, err, reason)

}

// IsTimeout reports whether err is a deadline or a network timeout.
func IsTimeout(err error) bool {
	var ne net.Error
	return errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout())
}
