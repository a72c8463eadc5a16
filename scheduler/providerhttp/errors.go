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

	"minuit/scheduler"
)

// MaySent is what a written POST that got no readable answer may have done.
const MaySent = "the message may have been sent"

// ReasonNotSent is the reason of a call cancelled before its request left.
const ReasonNotSent = "the request was cancelled before it was sent"

// Error returns a *scheduler.ProviderError of class with reason, wrapping err.
func Error(class scheduler.ErrorClass, reason string, err error) *scheduler.ProviderError {
	return &scheduler.ProviderError{Class: class, Reason: reason, Err: err}
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
	return Error(scheduler.Transient, ReasonNotSent, err)
}

// Unreadable classifies a success answer from who that could not be read: the
// message of a POST may exist (Ambiguous); any other request is Transient.
func Unreadable(who string, post bool, err error) *scheduler.ProviderError {
	if post {
		return Error(scheduler.Ambiguous, who+"'s answer could not be read; "+MaySent, err)
	}
	return Error(scheduler.Transient, who+"'s answer could not be read", err)
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
		return Lost(who, post, cancelled, timedOut, MaySent, err)
	case cancelled:
		return NotSent(err)
	case errors.As(err, &dnsErr):
		return Error(scheduler.Transient, who+"'s server could not be found; check the internet connection", err)
	case timedOut:
		return Error(scheduler.Transient, who+" could not be reached in time", err)
	default:
		return Error(scheduler.Transient, who+" could not be reached", err)
	}
}

// Lost classifies err, the failure of a request to who that was (even partly)
// written but got no answer. A POST may have created its message: Ambiguous,
// with mayHave ("the message may have been sent") after the sentence. Any other
// request is Transient.
func Lost(who string, post, cancelled, timedOut bool, mayHave string, err error) *scheduler.ProviderError {
	var reason string
	switch {
	case cancelled:
		reason = "the request was cancelled before " + who + " answered"
	case timedOut:
		reason = who + " did not answer in time"
	case post:
		reason = "the connection to " + who + " broke before it answered"
	default:
		reason = "the connection to " + who + " broke"
	}
	if post {
		return Error(scheduler.Ambiguous, reason+"; "+mayHave, err)
	}
	return Error(scheduler.Transient, reason, err)
}

// IsTimeout reports whether err is a deadline or a network timeout.
func IsTimeout(err error) bool {
	var ne net.Error
	return errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout())
}
