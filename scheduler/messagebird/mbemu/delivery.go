package mbemu

// observe advances m's recipients; s.mu must be held. A read (countRead) counts
// towards WithDeliverAfterReads; creation with a rule of 0 reads does not.
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
			m.Recipients[i].StatusAt = now
		}
	}
	if countRead {
		m.Reads++
	}
	if m.Reads < s.deliverAfter {
		return
	}
	for i := range m.Recipients {
		r := &m.Recipients[i]
		if r.Status != "sent" && r.Status != "buffered" {
			continue
		}
		r.StatusAt = now
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
