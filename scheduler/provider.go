package scheduler

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"minuit/internal/minuit"
	"minuit/internal/usererr"
)

// Provider is an SMS gateway. The scheduler calls Send once per batch of recipients
// that share one rendered body, after it has durably marked them `sending` under the
// batch's Reference. Implementations live in their own packages under scheduler/
// (sandbox, messagebird, twilio, bird, brevo, smsgate) and never import Fyne; the
// shared conformance suite in scheduler/providertest runs against each one's
// emulator.
type Provider interface {
	// Name is the provider's short name, stored with each delivery ("sandbox", "messagebird").
	Name() string
	// Capabilities says what the provider can do; it never changes for one value.
	Capabilities() Capabilities
	// Send submits one batch. On success it returns the provider's id for the message.
	// A batch with SendAt set is handed to the provider's own scheduler (only sent
	// when Capabilities().CanSchedule(SendAt - now)).
	// Errors should be *ProviderError so the scheduler knows whether to retry.
	Send(ctx context.Context, b Batch) (Accepted, error)
	// Status returns the recipients' current statuses for a message the provider accepted.
	Status(ctx context.Context, providerID string) ([]RecipientStatus, error)
	// Lookup finds, among messages created since `since`, those that carry one of the
	// batches, keyed by the batch's Reference. It is how a delivery left `sending` by a
	// crash, or by an ambiguous error, is reconciled. A batch missing from the result
	// was not accepted by the provider. Providers that keep our reference match on it;
	// the others match recipients and body (see each package for what stays uncertain).
	Lookup(ctx context.Context, batches []Batch, since time.Time) (map[string]Accepted, error)
	// Balance checks the credentials ("test connection") with the cheapest
	// authenticated read; Amount is meaningful only when Type is not "".
	Balance(ctx context.Context) (Balance, error)
}

// Capabilities describes a provider to the scheduler.
type Capabilities struct {
	// MaxBatch is the most recipients one request carries (1 for one-recipient APIs).
	MaxBatch int
	// Idempotent: a Send repeated with the same Reference never creates a second
	// message (Bird's Idempotency-Key, the phone gateway's message id). The scheduler
	// still looks a reference up after an ambiguous error, but a resend is safe.
	Idempotent bool
	// ScheduleMin and ScheduleMax bound how far ahead a batch may be handed to the
	// provider's scheduler (Batch.SendAt). ScheduleMax 0: the provider cannot schedule.
	ScheduleMin, ScheduleMax time.Duration
	// Rate is the most requests a second the provider (or phone) should get; 0: the
	// engine's default. A phone that may send 200 SMS an hour has Rate 200/3600.
	Rate float64
}

// CanSchedule reports whether a batch due `ahead` from now can be handed off.
func (c Capabilities) CanSchedule(ahead time.Duration) bool {
	return c.ScheduleMax > 0 && ahead >= c.ScheduleMin && ahead <= c.ScheduleMax
}

// Canceller is the capability of a provider that can schedule: withdrawing a
// handed-off message before it leaves.
type Canceller interface {
	// Cancel withdraws the message providerID. It returns an error wrapping
	// ErrAlreadySent when the message has left (or is leaving) and can no longer be
	// withdrawn, nil when it is withdrawn or was already cancelled.
	Cancel(ctx context.Context, providerID string) error
}

// ErrAlreadySent is wrapped by Canceller.Cancel when the message already left.
var ErrAlreadySent = errors.New("the provider had already sent it")

// Batch is one provider request: the same body to up to Capabilities().MaxBatch recipients.
type Batch struct {
	Reference  string        // ours; unique per request, written to the store before Send
	Originator string        // sender ID shown on the phone
	Body       string        // rendered text
	Recipients []string      // E.164 numbers, "+" included
	Validity   time.Duration // 0: none; else how long the operator may keep trying
	Kind       minuit.Kind   // transactional or marketing (Bird's category, Brevo's type)
	// SendAt, when not zero, hands the batch to the provider's scheduler: it leaves
	// at SendAt even if this computer is off.
	SendAt time.Time
}

// MaxBatch is the most recipients one request carries for any provider (MessageBird's
// limit); a provider's own limit is Capabilities().MaxBatch.
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
	// OptedOut: the provider refused it because the recipient opted out there
	// (replied STOP to the provider): the scheduler records the opt-out.
	OptedOut bool
}

// DLR is a provider's per-recipient status, normalised.
type DLR string

// Normalised delivery report values.
const (
	DLRPending   DLR = "pending"   // accepted, sent on, or buffered: no final word yet
	DLRDelivered DLR = "delivered" // the handset got it
	DLRFailed    DLR = "failed"    // the operator gave up
	DLRExpired   DLR = "expired"   // validity ran out before delivery
	DLRScheduled DLR = "scheduled" // handed off: waiting in the provider's scheduler
	DLRCancelled DLR = "cancelled" // withdrawn at the provider before it left
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
	// Msg is Reason for the translation catalogue (usererr.Msgf); a zero Msg:
	// Reason is read as it is.
	Msg usererr.Msg
	Err error // underlying error, for logs
	// RetryAfter is, for a Transient error, how long the provider asked us to wait
	// (429 Retry-After or a reset header); 0 when it did not say.
	RetryAfter time.Duration
	// Account: the account itself cannot send (wrong credentials, no balance,
	// suspended): every other request would fail the same way. The scheduler pauses
	// all sending with Reason and leaves the deliveries scheduled.
	Account bool
	// OptedOut: a Permanent refusal because the recipient opted out at the provider
	// (Twilio 21610, Bird recipient_opted_out): the scheduler records the opt-out.
	OptedOut bool
}

func (e *ProviderError) Error() string {
	if e.Err == nil {
		return e.Reason
	}
	return fmt.Sprintf("%s: %v", e.Reason, e.Err)
}

func (e *ProviderError) Unwrap() error { return e.Err }

// Sentence implements usererr.Sentencer: the reason, as a sentence.
func (e *ProviderError) Sentence() string {
	r := strings.TrimSpace(e.Reason)
	if r == "" || strings.HasSuffix(r, ".") {
		return r
	}
	return r + "."
}

// Messages implements usererr.Messager: the reason, as a sentence.
func (e *ProviderError) Messages() []usererr.Msg {
	if e.Msg.Key == "" {
		return nil
	}
	if strings.HasSuffix(e.Msg.Key, ".") {
		return []usererr.Msg{e.Msg}
	}
	return []usererr.Msg{usererr.Msgf("%s.", e.Msg)}
}

// Classify returns err's class; unknown errors count as ambiguous, the safe choice.
func Classify(err error) ErrorClass {
	var pe *ProviderError
	if errors.As(err, &pe) {
		return pe.Class
	}
	return Ambiguous
}

// RetryAfter returns how long the provider asked to wait before the next request.
func RetryAfter(err error) time.Duration {
	var pe *ProviderError
	if errors.As(err, &pe) && pe.Class == Transient {
		return pe.RetryAfter
	}
	return 0
}

// AccountProblem reports whether err stops every send of the account.
func AccountProblem(err error) bool {
	var pe *ProviderError
	return errors.As(err, &pe) && pe.Account
}

// OptedOut reports whether err says the recipient opted out at the provider.
func OptedOut(err error) bool {
	var pe *ProviderError
	return errors.As(err, &pe) && pe.OptedOut
}

// Reason returns the plain sentence for err.
func Reason(err error) string {
	var pe *ProviderError
	if errors.As(err, &pe) && pe.Reason != "" {
		return pe.Reason
	}
	return err.Error()
}
