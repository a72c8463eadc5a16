package mbemu

import "time"

// WithDeliverAfter makes recipients reach their final status once the emulator's
// clock (WithClock) is d after the message left: its creation, or its
// scheduledDatetime for a scheduled message. Reads then no longer count
// (WithDeliverAfterReads is ignored). d ≤ 0 keeps the read-count rule.
func WithDeliverAfter(d time.Duration) Option {
	return func(s *Server) { s.deliverDelay = max(d, 0) }
}

// WithInvalid makes the given numbers invalid recipients: like recipients that
// are not numbers, they are dropped from a new message, which is refused with
// HTTP 422 and error code 9 on "recipients" when no other recipient is left.
func WithInvalid(numbers ...string) Option {
	return func(s *Server) { addNumbers(s.invalid, numbers) }
}

// observe advances m's recipients; s.mu must be held. A scheduled message's
// recipients stay "scheduled" until its time, then are "sent". They reach their
// final status after WithDeliverAfter on the clock or, by default, after
// WithDeliverAfterReads reads (countRead: a GET /messages/{id}; creation and
// lists do not count).
func (s *Server) observe(m *Message, countRead bool) {
	if m.Direction != "mt" {
		return
	}
	now := s.now()
	if !m.Scheduled.IsZero() && now.Before(m.Scheduled) {
		return
	}
	for i := range m.Recipients {
		if m.Recipients[i].Status == "scheduled" {
			m.Recipients[i].Status = "sent"
			m.Recipients[i].StatusAt = m.Scheduled
		}
	}
	if countRead {
		m.Reads++
	}
	at := now
	if s.deliverDelay > 0 {
		left := m.Created
		if !m.Scheduled.IsZero() {
			left = m.Scheduled
		}
		if at = left.Add(s.deliverDelay); now.Before(at) {
			return
		}
	} else if m.Reads < s.deliverAfter {
		return
	}
	for i := range m.Recipients {
		r := &m.Recipients[i]
		if r.Status != "sent" && r.Status != "buffered" {
			continue
		}
		r.StatusAt = at
		switch {
		case s.failing[r.Number]:
			r.Status, r.Reason, r.ErrorCode = "delivery_failed", "unknown subscriber", 1
		case s.expiring[r.Number]:
			r.Status, r.Reason, r.ErrorCode = "expired", "unavailable subscriber", 27
		default:
			r.Status, r.Reason = "delivered", "successfully delivered"
		}
	}
}
