package scheduler

import (
	"fmt"
	"sync"
	"time"
)

// ReadFailures is how many failed reads in a row of something the engine asks the
// provider for (replies, delivery reports) make it tell the user, once.
const ReadFailures = 3

// readWatch follows one kind of read from the provider: the goroutine that calls
// Pass counts failures in a row; the problem sentence is read by any goroutine
// (status) under mu.
type readWatch struct {
	kind  EventKind                  // the event sent at the ReadFailures-th failure
	say   func(reason string) string // the sentence, from the provider's reason
	fails int                        // failed reads in a row; owned by Pass's goroutine

	mu      sync.Mutex
	problem string // the sentence while the problem lasts, "" otherwise
}

// failed counts a failed read; at the ReadFailures-th in a row it records the
// problem and returns the event to send (ok false otherwise).
func (w *readWatch) failed(reason string, now time.Time) (Event, bool) {
	w.fails++
	if w.fails != ReadFailures {
		return Event{}, false
	}
	why := w.say(reason)
	w.mu.Lock()
	w.problem = why
	w.mu.Unlock()
	return Event{Kind: w.kind, At: now, Reason: why}, true
}

// worked resets the count and clears the problem.
func (w *readWatch) worked() {
	if w.fails == 0 {
		return
	}
	w.fails = 0
	w.mu.Lock()
	w.problem = ""
	w.mu.Unlock()
}

// current is the problem sentence, "" while reads work.
func (w *readWatch) current() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.problem
}

func newReadWatches() (inbound, reports *readWatch) {
	inbound = &readWatch{kind: EventInboundProblem, say: func(reason string) string {
		return fmt.Sprintf("The replies to your number could not be read %d times in a row (%s): STOP replies are not being seen",
			ReadFailures, reason)
	}}
	reports = &readWatch{kind: EventReportProblem, say: func(reason string) string {
		return fmt.Sprintf("The provider's delivery reports could not be read %d times in a row (%s): texts stay \"Sent\" until they can be",
			ReadFailures, reason)
	}}
	return inbound, reports
}

// InboundProblem says why replies are not being read, once ReadFailures reads in a
// row failed; "" while they are read.
func (e *Engine) InboundProblem() string { return e.inbound.current() }

// ReportProblem says why delivery reports are not being read, once ReadFailures
// reads in a row failed; "" while they are read.
func (e *Engine) ReportProblem() string { return e.reports.current() }
