package compliance

import (
	"fmt"
	"time"

	"minuit/internal/minuit"
)

// Action is what the scheduler should do with a delivery now.
type Action string

// Actions.
const (
	Send Action = "send" // send it now
	Hold Action = "hold" // keep it and ask again at Decision.Until
	Skip Action = "skip" // never send it; record Decision.Reason
)

// CapAction is what happens to a marketing delivery over the frequency cap.
type CapAction string

// Cap actions. The zero CapAction holds.
const (
	CapHold CapAction = "hold" // hold it until the cap allows it
	CapSkip CapAction = "skip" // skip it
)

// Reason says why a delivery was held or skipped; it is empty for Send.
type Reason string

// Reasons.
const (
	// ReasonNoConsent: a marketing delivery to a contact without a recorded opt-in. Skip.
	ReasonNoConsent Reason = "no-consent"
	// ReasonOptedOut: the contact opted out of marketing, or asked for no
	// messages at all (then transactional deliveries too). Skip.
	ReasonOptedOut Reason = "opted-out"
	// ReasonQuietHours: due inside quiet hours in the recipient's time. Hold
	// until the next allowed moment; Skip only when no moment is allowed within
	// 400 days (quiet hours that allow nothing).
	ReasonQuietHours Reason = "quiet-hours"
	// ReasonFrequencyCap: the contact already had the most marketing messages
	// the cap allows in its period. Hold until one fits, or Skip, per Policy.CapAction.
	ReasonFrequencyCap Reason = "frequency-cap"
	// ReasonDeadline: the delivery cannot be sent by its Deadline, either because
	// it was already past it when due or because quiet hours or the cap would
	// hold it past it. Skip.
	ReasonDeadline Reason = "deadline"
)

// Policy is the shop's compliance settings.
type Policy struct {
	Quiet        QuietHours     // when marketing may be sent, in the recipient's time
	QuietEnabled bool           // false: quiet hours are not applied
	Cap          Cap            // marketing frequency cap; the zero Cap is none
	CapAction    CapAction      // over the cap: hold (default) or skip
	Footer       string         // opt-out mention for marketing, e.g. "STOP au 36180"; empty for none
	DefaultZone  *time.Location // zone for numbers with none; nil means the computer's (time.Local)
}

// Delivery is one message to one contact, as the scheduler sees it before sending.
type Delivery struct {
	Kind            minuit.Kind
	Number          string         // E.164
	Zone            *time.Location // the contact's own zone; nil to derive it from Number
	Consent         minuit.Consent // marketing consent
	NoMessagesAtAll bool           // the contact refused every message, transactional ones too
	Due             time.Time      // when it would be sent; for an overdue delivery, the moment it is about to be sent
	Deadline        time.Time      // "no later than"; zero for none
	RecentMarketing []time.Time    // when the contact's previous marketing messages were sent
}

// Decision is the policy's answer for one delivery.
type Decision struct {
	Action  Action
	Until   time.Time // for Hold: when to ask again (in the recipient's zone when quiet hours are enabled)
	Reason  Reason    // empty for Send
	Message string    // a plain sentence for the history; empty for Send
}

// Body returns the text to send for a message of kind k: for marketing, body
// with the footer appended when it does not mention opting out (AppendFooter);
// otherwise body unchanged. Count it with sms.Count to show the real cost.
func (p Policy) Body(k minuit.Kind, body string) string {
	if k == minuit.Transactional {
		return body
	}
	return AppendFooter(body, p.Footer)
}

// BodyFor is Body for a template filled in for one recipient: whether the footer
// is needed is judged on the template (AppendFooterFor), never on the recipient's
// fields.
func (p Policy) BodyFor(k minuit.Kind, template, filled string) string {
	if k == minuit.Transactional {
		return filled
	}
	return AppendFooterFor(template, filled, p.Footer)
}

// Decide applies the rules to d, in this order:
//  1. NoMessagesAtAll: Skip, opted-out, whatever the kind.
//  2. Due after a non-zero Deadline: Skip, deadline.
//  3. Transactional: Send.
//  4. Marketing (any kind not transactional): opted-out consent gives Skip,
//     opted-out; any consent but opted-in gives Skip, no-consent.
//  5. Over the cap at Due: Skip, frequency-cap, with CapSkip; otherwise the
//     delivery is held until the cap allows it.
//  6. Quiet hours (when enabled) at that time: held until the next allowed
//     moment, which the cap still allows, since the cap only loosens with time.
//  7. A hold that would end after the Deadline: Skip, deadline.
//
// A hold's Reason is the first rule that held it, and its Message names both
// when both did. Quiet hours are judged in d.Zone when set; otherwise in every
// zone of d.Number at once (ZonesForNumber, NextAllowedAll), falling back on
// ZoneForNumber when those zones' windows never overlap, and on
// p.DefaultZone when the number has no zone.
func (p Policy) Decide(d Delivery) Decision {
	if d.NoMessagesAtAll {
		return skip(ReasonOptedOut, "Not sent: the contact asked to receive no messages at all.")
	}
	if !d.Deadline.IsZero() && d.Due.After(d.Deadline) {
		return skip(ReasonDeadline, fmt.Sprintf("Not sent: its deadline, %s, had passed when it was due.", stamp(d.Deadline)))
	}
	if d.Kind == minuit.Transactional {
		return Decision{Action: Send}
	}
	switch d.Consent {
	case minuit.ConsentOptedIn:
	case minuit.ConsentOptedOut:
		return skip(ReasonOptedOut, "Not sent: the contact opted out of marketing messages.")
	default:
		return skip(ReasonNoConsent, "Not sent: the contact has not agreed to receive marketing messages.")
	}

	at, capped, quiet := d.Due, false, false
	if ok, next := p.Cap.Check(d.RecentMarketing, at); !ok {
		if p.CapAction == CapSkip {
			return skip(ReasonFrequencyCap, fmt.Sprintf(
				"Not sent: the contact already had %s.", p.capText()))
		}
		at, capped = next, true
	}
	if p.QuietEnabled {
		next, loc := p.quietNext(d, at)
		if next.IsZero() {
			return skip(ReasonQuietHours, "Not sent: the quiet hours allow no sending time in the coming year.")
		}
		if !next.Equal(at) {
			at, quiet = next.In(loc), true
		}
	}

	var reason Reason
	var why string
	switch {
	case capped && quiet:
		reason, why = ReasonFrequencyCap, fmt.Sprintf("the frequency cap (%s) and then by quiet hours", p.capText())
	case capped:
		reason, why = ReasonFrequencyCap, fmt.Sprintf("the frequency cap (%s)", p.capText())
	case quiet:
		reason, why = ReasonQuietHours, "quiet hours"
	default:
		return Decision{Action: Send}
	}
	if !d.Deadline.IsZero() && at.After(d.Deadline) {
		return skip(ReasonDeadline, fmt.Sprintf("Not sent: held by %s past its deadline, %s.", why, stamp(d.Deadline)))
	}
	return Decision{Action: Hold, Until: at, Reason: reason,
		Message: fmt.Sprintf("Held by %s until %s.", why, stamp(at))}
}

// quietNext returns the next moment at or after `at` allowed by quiet hours for
// d's recipient, and the zone to express it in.
func (p Policy) quietNext(d Delivery, at time.Time) (time.Time, *time.Location) {
	if d.Zone != nil {
		return p.Quiet.NextAllowed(at, d.Zone), d.Zone
	}
	locs := ZonesForNumber(d.Number)
	switch len(locs) {
	case 0:
		loc := p.DefaultZone
		if loc == nil {
			loc = time.Local
		}
		return p.Quiet.NextAllowed(at, loc), loc
	case 1:
		return p.Quiet.NextAllowed(at, locs[0]), locs[0]
	}
	west := westernmost(locs)
	if next := p.Quiet.NextAllowedAll(at, locs); !next.IsZero() {
		return next, west
	}
	return p.Quiet.NextAllowed(at, west), west
}

// capText describes the cap, e.g. "4 marketing messages in 30 days".
func (p Policy) capText() string {
	return fmt.Sprintf("%s in %s", count(p.Cap.Max, "marketing message"), span(p.Cap.Per))
}

// span writes d in whole days or hours when it is one: "30 days", "a day", "2 hours".
func span(d time.Duration) string {
	switch {
	case d == 24*time.Hour:
		return "a day"
	case d%(24*time.Hour) == 0:
		return count(int(d/(24*time.Hour)), "day")
	case d == time.Hour:
		return "an hour"
	case d%time.Hour == 0:
		return count(int(d/time.Hour), "hour")
	}
	return d.String()
}

// count writes n and the noun, plural unless n is 1.
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func skip(r Reason, msg string) Decision {
	return Decision{Action: Skip, Reason: r, Message: msg}
}

// stamp formats t for a history line, in t's own zone: "Mon 30 Mar 2026 08:00 CEST".
func stamp(t time.Time) string {
	return t.Format("Mon 2 Jan 2006 15:04 MST")
}
