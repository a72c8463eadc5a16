package shopify

import (
	"errors"

	"minuit/internal/usererr"
)

// Kind says what kind of failure an *Error is.
type Kind int

// Kinds of failure.
const (
	// KindAPI is any other error Shopify answered with.
	KindAPI Kind = iota
	// KindAuth: Shopify refused the access token, or the client id and secret.
	KindAuth
	// KindUnknownShop: there is no store at that address.
	KindUnknownShop
	// KindScope: the app lacks an access scope a query needs.
	KindScope
	// KindThrottled: Shopify kept asking to slow down longer than the call may wait.
	KindThrottled
	// KindUnreachable: no answer came (network, DNS, timeout, a server error).
	KindUnreachable
	// KindConfig: the settings cannot name a store or a way to sign in.
	KindConfig
	// KindUnavailable: the store cannot be used now (frozen for an unpaid plan, locked).
	KindUnavailable
)

// ErrShopify is what every *Error wraps, for errors.Is.
var ErrShopify = errors.New("shopify")

// Error is a failed call, with the sentence the shop owner reads.
type Error struct {
	Kind Kind
	// Scope is the access scope Shopify says is missing (KindScope), e.g. "read_orders".
	Scope string
	// Status is the HTTP status of the answer, 0 when none came.
	Status int
	msg    usererr.Msg
	err    error
}

func (e *Error) Error() string {
	if e.err != nil {
		return "shopify: " + e.msg.String() + ": " + e.err.Error()
	}
	return "shopify: " + e.msg.String()
}

// Sentence implements usererr.Sentencer: the sentence without its cause's details.
func (e *Error) Sentence() string { return e.msg.String() }

// Messages implements usererr.Messager, for the catalogue.
func (e *Error) Messages() []usererr.Msg { return []usererr.Msg{e.msg} }

// Unwrap returns the cause, or ErrShopify.
func (e *Error) Unwrap() []error {
	if e.err != nil {
		return []error{ErrShopify, e.err}
	}
	return []error{ErrShopify}
}

// Temporary reports whether trying again later may succeed without changing the
// settings.
func (e *Error) Temporary() bool {
	return e.Kind == KindThrottled || e.Kind == KindUnreachable || e.Kind == KindUnavailable
}

func newError(k Kind, status int, err error, m usererr.Msg) *Error {
	return &Error{Kind: k, Status: status, err: err, msg: m}
}

// KindOf returns the Kind of the *Error in err's chain, and false when there is none.
func KindOf(err error) (Kind, bool) {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind, true
	}
	return KindAPI, false
}
