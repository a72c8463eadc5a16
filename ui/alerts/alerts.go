// Package alerts aggregates the deliveries that went wrong into few OS
// notifications: "3 messages failed — open History", never one per message in a
// storm. It is pure logic: the timer and the notifier are injected.
package alerts

import (
	"fmt"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2/lang"

	"minuit/scheduler"
)

// DefaultWindow is how long problems are gathered before one notification.
const DefaultWindow = 10 * time.Second

// Aggregator gathers problem events and sends one notification per window.
type Aggregator struct {
	window time.Duration
	after  func(time.Duration, func()) // time.AfterFunc in production
	send   func(title, body string)

	mu      sync.Mutex
	pending map[scheduler.EventKind]int
	armed   bool
}

// New returns an aggregator that calls send at most once per window. after
// schedules a call (nil: time.AfterFunc).
func New(window time.Duration, after func(time.Duration, func()), send func(title, body string)) *Aggregator {
	if after == nil {
		after = func(d time.Duration, f func()) { time.AfterFunc(d, f) }
	}
	if window <= 0 {
		window = DefaultWindow
	}
	return &Aggregator{window: window, after: after, send: send, pending: map[scheduler.EventKind]int{}}
}

// Add records an event; only problems (failed, expired, missed, unconfirmed) count.
// An account or database problem, and the database's recovery, are said at once.
// It never blocks on the notifier.
func (a *Aggregator) Add(ev scheduler.Event) {
	if ev.Kind == scheduler.EventStoreRecovered {
		a.send(lang.L("Minuit: sending resumed"), lang.L("The database works again; your planned messages are being sent."))
		return
	}
	if !ev.Problem() {
		return
	}
	if ev.Kind == scheduler.EventAccount {
		// The engine reports a pause once: say it at once, with the provider's reason.
		a.send(lang.L("Minuit: sending paused"), lang.L("{{.Reason}}. Your planned messages wait; fix the provider in Settings.",
			map[string]any{"Reason": ev.Reason}))
		return
	}
	if ev.Kind == scheduler.EventInboundProblem {
		a.send(lang.L("Minuit: replies are not being read"), sentence(ev.Reason))
		return
	}
	if ev.Kind == scheduler.EventReportProblem {
		a.send(lang.L("Minuit: delivery reports are not being read"), sentence(ev.Reason))
		return
	}
	if ev.Kind == scheduler.EventDeliveryCheck {
		// The weekly test text to the shop's own phone: said at once, with what became of it.
		a.send(lang.L("Minuit: the weekly test text did not arrive"), sentence(ev.Reason))
		return
	}
	if ev.Kind == scheduler.EventStoreProblem {
		// Reported once per problem, its Reason a whole sentence: whether sending
		// waits for the database or stopped, and what to do.
		a.send(lang.L("Minuit: a problem with the database"), sentence(ev.Reason))
		return
	}
	a.mu.Lock()
	a.pending[ev.Kind]++
	arm := !a.armed
	a.armed = true
	a.mu.Unlock()
	if arm {
		a.after(a.window, a.Flush)
	}
}

// Flush sends what was gathered, if anything, as one notification.
func (a *Aggregator) Flush() {
	a.mu.Lock()
	counts := a.pending
	a.pending = map[scheduler.EventKind]int{}
	a.armed = false
	a.mu.Unlock()
	title, body, ok := Text(counts)
	if ok {
		a.send(title, body)
	}
}

// sentence makes reason a sentence: a capital first letter, a full stop.
func sentence(reason string) string {
	if reason == "" {
		return reason
	}
	return strings.ToUpper(reason[:1]) + reason[1:] + "."
}

// order is the order kinds are listed in a notification.
var order = []scheduler.EventKind{scheduler.EventFailed, scheduler.EventExpired, scheduler.EventMissed, scheduler.EventUnconfirmed,
	scheduler.EventAlreadySent}

// count says how many messages of a kind went wrong: "3 messages failed".
func count(k scheduler.EventKind, n int) string {
	data := map[string]any{"Count": n}
	switch k {
	case scheduler.EventFailed:
		return lang.N("{{.Count}} messages failed", n, data)
	case scheduler.EventExpired:
		return lang.N("{{.Count}} messages expired", n, data)
	case scheduler.EventMissed:
		return lang.N("{{.Count}} messages missed their time", n, data)
	case scheduler.EventUnconfirmed:
		return lang.N("{{.Count}} messages need checking", n, data)
	case scheduler.EventAlreadySent:
		return lang.N("{{.Count}} messages had already left when cancelled", n, data)
	}
	return fmt.Sprintf("%d %s", n, k)
}

// Text turns counts into a notification: "3 messages failed — open History".
func Text(counts map[scheduler.EventKind]int) (title, body string, ok bool) {
	var parts []string
	total := 0
	for _, k := range order {
		n := counts[k]
		if n == 0 {
			continue
		}
		total += n
		parts = append(parts, count(k, n))
	}
	if total == 0 {
		return "", "", false
	}
	return "Minuit", lang.L("{{.Problems}} — open History", map[string]any{"Problems": strings.Join(parts, ", ")}), true
}
