package gateemu

import (
	"strings"
	"time"
)

// DeliverAfter is how long after it leaves a message is reported Delivered.
const DeliverAfter = time.Minute

// Errors the app writes in a failed recipient's "error".
const (
	ErrGenericFailure = "RESULT_ERROR_GENERIC_FAILURE (Generic failure cause)"
	ErrInvalidNumber  = "sendSMS: Invalid phone number"
	ErrTTLExpired     = "TTL expired"
)

// timeLayout is the app's Gson date format, yyyy-MM-dd'T'HH:mm:ss.SSSXXX.
const timeLayout = "2006-01-02T15:04:05.000Z07:00"

// message is one message the phone holds.
type message struct {
	id         string
	text       string
	numbers    []string
	created    time.Time
	scheduleAt time.Time // zero: at once
	validUntil time.Time // zero: none
	report     bool
	sim        int
	cancelled  time.Time // zero: not cancelled
	woke       time.Time // not zero: held by a sleeping phone, it left then
}

type step struct {
	state string
	at    time.Time
}

// due is when the message should leave.
func (m *message) due() time.Time {
	if !m.scheduleAt.IsZero() {
		return m.scheduleAt
	}
	return m.created
}

// leaves is when the phone sends the message; ok is false while a sleeping
// phone holds it.
func (s *Server) leaves(m *message) (t time.Time, ok bool) {
	switch {
	case !m.woke.IsZero():
		return m.woke, true
	case !s.asleep.IsZero() && !m.due().Before(s.asleep):
		return time.Time{}, false
	}
	return m.due(), true
}

// SetAsleep puts the phone to sleep (battery saving, no network) or wakes it:
// while it sleeps, messages due stay Pending; on waking they leave at once (and
// fail "TTL expired" if their validity ran out meanwhile).
func (s *Server) SetAsleep(asleep bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.clock()
	switch {
	case asleep && s.asleep.IsZero():
		s.asleep = now
	case !asleep && !s.asleep.IsZero():
		for _, m := range s.order {
			if m.woke.IsZero() && !m.due().Before(s.asleep) && m.due().Before(now) {
				m.woke = now
			}
		}
		s.asleep = time.Time{}
	}
}

// timeline is what happened to one recipient by now, and its error if it failed.
func (s *Server) timeline(m *message, number string, now time.Time) ([]step, string) {
	steps := []step{{"Pending", m.created}}
	if !m.cancelled.IsZero() {
		return append(steps, step{"Cancelled", m.cancelled}), ""
	}
	t, ok := s.leaves(m)
	if !ok || now.Before(t) {
		return steps, ""
	}
	switch {
	case !m.validUntil.IsZero() && m.validUntil.Before(t):
		return append(steps, step{"Failed", t}), ErrTTLExpired
	case !s.cloud && strings.HasSuffix(number, "9990"):
		return append(steps, step{"Failed", t}), ErrInvalidNumber
	case strings.HasSuffix(number, "9991"):
		return append(steps, step{"Processed", t}, step{"Failed", t}), ErrGenericFailure
	}
	steps = append(steps, step{"Processed", t}, step{"Sent", t})
	if m.report && !now.Before(t.Add(DeliverAfter)) {
		steps = append(steps, step{"Delivered", t.Add(DeliverAfter)})
	}
	return steps, ""
}

// TextMessage is the "textMessage" object.
type TextMessage struct {
	Text string `json:"text"`
}

// RecipientState is one entry of a message's "recipients".
type RecipientState struct {
	PhoneNumber string `json:"phoneNumber"`
	State       string `json:"state"`
	Error       string `json:"error,omitempty"`
}

// MessageState is the app's message JSON (GET /messages/{id}, POST answer).
// Gson omits null fields; scheduleAt is written by the local app only.
type MessageState struct {
	ID          string            `json:"id"`
	DeviceID    string            `json:"deviceId"`
	State       string            `json:"state"`
	IsHashed    bool              `json:"isHashed"`
	IsEncrypted bool              `json:"isEncrypted"`
	ScheduleAt  string            `json:"scheduleAt,omitempty"`
	TextMessage *TextMessage      `json:"textMessage,omitempty"`
	Recipients  []RecipientState  `json:"recipients"`
	States      map[string]string `json:"states"`
}

// view is m as the API shows it now; content adds the text.
func (s *Server) view(m *message, now time.Time, content bool) MessageState {
	v := MessageState{ID: m.id, DeviceID: DeviceID, States: map[string]string{}}
	if content {
		v.TextMessage = &TextMessage{Text: m.text}
	}
	if !m.scheduleAt.IsZero() && !s.cloud {
		v.ScheduleAt = s.format(m.scheduleAt)
	}
	seen := map[string]time.Time{}
	for _, n := range m.numbers {
		steps, errText := s.timeline(m, n, now)
		last := steps[len(steps)-1]
		v.Recipients = append(v.Recipients, RecipientState{PhoneNumber: n, State: last.state, Error: errText})
		for _, st := range steps {
			if t, ok := seen[st.state]; !ok || st.at.Before(t) {
				seen[st.state] = st.at
			}
		}
	}
	for k, t := range seen {
		v.States[k] = s.format(t)
	}
	v.State = aggregate(v.Recipients)
	return v
}

// aggregate is the app's MessageWithRecipients.state.
func aggregate(rs []RecipientState) string {
	has := func(state string) bool {
		for _, r := range rs {
			if r.State == state {
				return true
			}
		}
		return false
	}
	all := func(state string) bool {
		for _, r := range rs {
			if r.State != state {
				return false
			}
		}
		return true
	}
	for _, st := range []string{"Pending", "Cancelling", "Cancelled", "Processed"} {
		if has(st) {
			return st
		}
	}
	switch {
	case all("Failed"):
		return "Failed"
	case all("Delivered"):
		return "Delivered"
	default:
		return "Sent"
	}
}

func (s *Server) format(t time.Time) string { return t.In(s.zone).Format(timeLayout) }

// Created implements providertest.Emulator: how many messages were created with
// text to number.
func (s *Server) Created(number, text string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.created[number+"\x00"+text]
}

// Message returns the message with id as GET /messages/{id} shows it now.
func (s *Server) Message(id string) (MessageState, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, ok := s.messages[id]
	if !ok {
		return MessageState{}, false
	}
	return s.view(m, s.clock(), true), true
}

// Len is the number of messages held.
func (s *Server) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.order)
}
