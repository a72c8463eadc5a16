package scheduler

// State is where a delivery stands. Each constant says who moves a delivery there and
// when; no other code writes that state.
type State string

const (
	// Scheduled: the materialiser created it when its occurrence came within the lead
	// time, or the user asked to send a failed, missed or unconfirmed one again. The
	// compliance gate (gate.go) looks at it once its due time has come: it clears it
	// (then the dispatcher claims it), holds it (it stays scheduled with a later due,
	// policy_reason and held_until) or skips it.
	Scheduled State = "scheduled"
	// Sending: the dispatcher claimed it and durably wrote the reference of the request
	// that carries it; requested_at is written just before the provider call. A crash
	// leaves it here; at the next start the rescuer puts back in the queue those never
	// requested, and reconciles the others with the provider by reference.
	Sending State = "sending"
	// HandedOff: the dispatcher handed it to the provider's own scheduler ahead of
	// its due time (hand-off on, the provider can schedule, its due time inside
	// Capabilities' window), after the compliance gate cleared it for that due time;
	// sent_at holds the due time and provider_id the provider's message. It leaves
	// at its due time even when this computer is off. The status poller asks for its
	// report from due + 10 s and moves it on to sent, delivered, failed or expired. A
	// cancel, an edit or a STOP reply sets withdraw; the engine's withdraw step then
	// cancels it at the provider (→ cancelled or skipped; a batch companion goes back
	// to scheduled), or records that it had already left (→ sent, error says so).
	HandedOff State = "handed_off"
	// Retryable: the dispatcher got a transient error; due holds the next attempt
	// (attempt⁴ seconds ± 10 %, capped). The dispatcher claims it again then.
	Retryable State = "retryable"
	// Sent: the provider accepted it (dispatcher), or reconciliation found it at the
	// provider (rescuer). The status poller asks for the final report until check_at
	// is cleared.
	Sent State = "sent"
	// Delivered: the status poller read the handset's delivery report. Final.
	Delivered State = "delivered"
	// Failed: the dispatcher got a permanent error or ran out of attempts, or the status
	// poller read that the operator could not deliver it. Final; error says why.
	Failed State = "failed"
	// Expired: the status poller read that its validity ran out at the operator. Final.
	Expired State = "expired"
	// Cancelled: the user cancelled it (or its message) before it was claimed. Final.
	Cancelled State = "cancelled"
	// Missed: the dispatcher found its deadline (the "no later than" time, or the next
	// occurrence of a recurring message) already past when it could have been sent.
	// Final unless the user sends it again.
	Missed State = "missed"
	// Unconfirmed: the rescuer found it `sending` after a crash and the provider has no
	// message with its reference. Never resent blindly: the user chooses "send again"
	// or "drop" (cancelled).
	Unconfirmed State = "unconfirmed"
	// Skipped: the compliance gate (gate.go), asked just before the dispatcher claims
	// it, found that the rules forbid it (no consent, opted out, over a frequency cap
	// set to skip, no sending time left), or the inbound poller read a STOP reply from
	// its number while it was a pending marketing delivery, or a shop automation
	// recorded an event it would not send (RecordSkippedTx: too late, no mobile
	// number). Final; error says why in a sentence and policy_reason gives the rule.
	Skipped State = "skipped"
)

// States lists every state, for filters and validation.
var States = []State{Scheduled, Sending, HandedOff, Retryable, Sent, Delivered, Failed, Expired, Cancelled, Missed, Unconfirmed, Skipped}

// Final reports whether nothing more will happen to a delivery in s without the user.
func (s State) Final() bool {
	switch s {
	case Delivered, Failed, Expired, Cancelled, Missed, Unconfirmed, Skipped:
		return true
	}
	return false
}

// Label is the state in plain words, for the window and the CLI.
func (s State) Label() string {
	switch s {
	case Scheduled:
		return "Scheduled"
	case Sending:
		return "Sending"
	case HandedOff:
		return "With the provider (sends even if this computer is off)"
	case Retryable:
		return "Waiting to retry"
	case Sent:
		return "Sent (waiting for delivery report)"
	case Delivered:
		return "Delivered"
	case Failed:
		return "Failed"
	case Expired:
		return "Expired at the operator"
	case Cancelled:
		return "Cancelled"
	case Missed:
		return "Missed"
	case Unconfirmed:
		return "Unconfirmed"
	case Skipped:
		return "Not sent (compliance rules)"
	}
	return string(s)
}

// MessageStatus is where a planned message stands.
type MessageStatus string

const (
	// MessageActive: it has occurrences to come (CreateMessage, UpdateMessage).
	MessageActive MessageStatus = "active"
	// MessageDone: the materialiser created its last occurrence.
	MessageDone MessageStatus = "done"
	// MessageCancelled: the user cancelled it (CancelMessage).
	MessageCancelled MessageStatus = "cancelled"
)
