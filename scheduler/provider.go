package scheduler

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Provider is an SMS gateway. The scheduler calls Send once per batch of recipients
// that share one rendered body, after it has durably marked them `sending` under the
// batch's Reference. Implementations live in their own packages (sandbox,
// messagebird) and never import Fyne.
type Provider interface {
	// Name is the provider's short name, stored with each delivery ("sandbox", "messagebird").
	Name() string
	// Send submits one batch. On success it returns the provider's id for the message.
	// Errors should be *ProviderError so the scheduler knows whether to retry.
	Send(ctx context.Context, b Batch) (Accepted, error)
	// Status returns the recipients' current statuses for a message the provider accepted.
	Status(ctx context.Context, providerID string) ([]RecipientStatus, error)
	// Lookup finds, among messages created since `since`, those carrying one of the
	// references. It is how a delivery left `sending` by a crash is reconciled.
	// A reference missing from the result was not accepted by the provider.
	Lookup(ctx context.Context, references []string, since time.Time) (map[string]Accepted, error)
	// Balance checks the credentials ("test connection").
	Balance(ctx context.Context) (Balance, error)
}

// Batch is one provider request: the same body to up to MaxBatch recipients.
type Batch struct {
	Reference  string        // ours; unique per request, written to the store before Send
	Originator string        // sender ID shown on the phone
	Body       string        // rendered text
	Recipients []string      // E.164 numbers, "+" included
	Validity   time.Duration // 0: none; else how long the operator may keep trying
}

// MaxBatch is the most recipients one request carries (MessageBird's limit).
const MaxBatch = 50

// Accepted describes a message the provider took.
type Accepted struct {
	ID         string   // the provider's message id
	Reference  string   // our reference, as the provider echoes it
	Recipients []string // E.164 numbers it lists, "+" included
}

// RecipientStatus is one recipient's status at the provider.
type RecipientStatus struct {
	Recipient string // E.164, "+" included
	Status    DLR
	At        time.Time
	Reason    string // plain words for a failure, when known
}

// DLR is a provider's per-recipient status, normalised.
type DLR string

// Normalised delivery report values.
const (
	DLRPending   DLR = "pending"   // accepted, sent on, or buffered: no final word yet
	DLRDelivered DLR = "delivered" // the handset got it
	DLRFailed    DLR = "failed"    // the operator gave up
	DLRExpired   DLR = "expired"   // validity ran out before delivery
)

// Balance is the account's remaining credit.
type Balance struct {
	Amount float64
	Type   string // "credits", "euros", …
}

// ErrorClass tells the scheduler what to do after a failed call.
type ErrorClass int

const (
	// Transient: the request certainly did not create a message (HTTP 5xx before
	// processing, 429, refused connection). Retry with backoff.
	Transient ErrorClass = iota
	// Permanent: retrying cannot help (invalid number, bad credentials, no balance).
	Permanent
	// Ambiguous: the provider may or may not have accepted the message (timeout or
	// dropped connection after the request was written). Never resend blindly:
	// reconcile by reference first.
	Ambiguous
)

func (c ErrorClass) String() string {
	switch c {
	case Transient:
		return "transient"
	case Permanent:
		return "permanent"
	default:
		return "ambiguous"
	}
}

// ProviderError is a classified provider failure with a sentence a shop owner can read.
type ProviderError struct {
	Class  ErrorClass
	Reason string // plain language, e.g. "the number is not valid"
	Err    error  // underlying error, for logs
}

func (e *ProviderError) Error() string {
	if e.Err == nil {
		return e.Reason
	}
	return fmt.Sprintf("%s: %v", e.Reason, e.Err)
}

func (e *ProviderError) Unwrap() error { return e.Err }

// Classify returns err's class; unknown errors count as ambiguous, the safe choice.
func Classify(err error) ErrorClass {
	var pe *ProviderError
	if errors.As(err, &pe) {
		return pe.Class
	}
	return Ambiguous
}

// Reason returns the plain sentence for err.
func Reason(err error) string {
	var pe *ProviderError
	if errors.As(err, &pe) && pe.Reason != "" {
		return pe.Reason
	}
	return err.Error()
}
