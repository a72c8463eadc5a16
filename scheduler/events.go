package scheduler

import "time"

// EventKind says what happened to a delivery.
type EventKind string

// Events the engine reports. app/ turns failures into aggregated OS notifications.
const (
	EventSent        EventKind = "sent"         // the provider accepted it
	EventHandedOff   EventKind = "handed-off"   // the provider's scheduler will send it at its due time
	EventWithdrawn   EventKind = "withdrawn"    // a handed-off delivery was cancelled at the provider
	EventAlreadySent EventKind = "already-sent" // a cancel came too late: the provider had sent it
	EventAccount     EventKind = "account"      // the provider refused the account: sending paused (Reason says why)
	EventDelivered   EventKind = "delivered"    // the handset got it
	EventRetrying    EventKind = "retrying"     // a transient failure; it will be retried
	EventFailed      EventKind = "failed"       // it will not be sent (Reason says why)
	EventExpired     EventKind = "expired"      // the operator gave up after its validity
	EventMissed      EventKind = "missed"       // its deadline passed
	EventUnconfirmed EventKind = "unconfirmed"  // a crash left it unknown; the user decides
	EventNextDue     EventKind = "next"         // the engine sleeps until Next
	EventHeld        EventKind = "held"         // the compliance rules moved it later (Reason says why and until when)
	EventSkipped     EventKind = "skipped"      // the compliance rules forbid it (Reason says why)
	EventOptOut      EventKind = "opt-out"      // a STOP reply came from To
	EventOptIn       EventKind = "opt-in"       // a START reply came from To
	// EventStoreProblem: the database failed. Either it fails pass after pass (a full
	// disk, a read-only folder: reported once, when the error has survived a few
	// retries; sending waits and resumes by itself), or it was deleted, replaced or
	// found damaged (sending stopped for good). Reason is the sentence to show.
	EventStoreProblem EventKind = "store-problem"
	// EventStoreRecovered: the database works again after an EventStoreProblem that
	// let sending wait; sending resumed.
	EventStoreRecovered EventKind = "store-recovered"
	// EventInboundProblem: the provider's replies could not be read ReadFailures
	// times in a row, so STOP replies are not being seen; reported once until a read
	// works again. Reason says why, in the provider's words.
	EventInboundProblem EventKind = "inbound-problem"
	// EventReportProblem: the provider's delivery reports could not be read
	// ReadFailures times in a row, so sent texts stay "Sent"; reported once until a
	// read works again. Reason says why, in the provider's words.
	EventReportProblem EventKind = "report-problem"
	// EventDeliveryCheck: the weekly test text to the shop's own phone was not
	// delivered (Store.CheckDeliveries, run by the background sender). Reason says
	// what became of it.
	EventDeliveryCheck EventKind = "delivery-check"
)

// Event is one thing that happened, reported by the engine through Config.OnEvent.
type Event struct {
	Kind       EventKind
	DeliveryID int64
	MessageID  int64
	To         string
	Reason     string
	At         time.Time
	Next       time.Time // for EventNextDue; zero when nothing is planned
}

// Problem reports whether the user should be told about e.
func (e Event) Problem() bool {
	switch e.Kind {
	case EventFailed, EventExpired, EventMissed, EventUnconfirmed, EventAlreadySent, EventAccount, EventStoreProblem,
		EventInboundProblem, EventReportProblem, EventDeliveryCheck:
		return true
	}
	return false
}

func eventFor(k EventKind, c claimed, reason string, now time.Time) Event {
	return Event{Kind: k, DeliveryID: c.ID, MessageID: c.MessageID, To: c.Recipient, Reason: reason, At: now}
}
