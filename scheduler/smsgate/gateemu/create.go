package gateemu

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// MessageRequest is a POST /messages body, field for field as the app reads it.
type MessageRequest struct {
	ID                 string           `json:"id,omitempty"`
	Message            string           `json:"message,omitempty"` // deprecated text field
	TextMessage        *TextMessage     `json:"textMessage,omitempty"`
	DataMessage        *json.RawMessage `json:"dataMessage,omitempty"`
	PhoneNumbers       []string         `json:"phoneNumbers"`
	SimNumber          *int             `json:"simNumber,omitempty"`
	WithDeliveryReport *bool            `json:"withDeliveryReport,omitempty"`
	IsEncrypted        bool             `json:"isEncrypted,omitempty"`
	Priority           int              `json:"priority,omitempty"`
	DeviceID           string           `json:"deviceId,omitempty"`
	TTL                *int64           `json:"ttl,omitempty"`
	ValidUntil         *time.Time       `json:"validUntil,omitempty"`
	ScheduleAt         *time.Time       `json:"scheduleAt,omitempty"`
}

// MaxNumbers is the most phoneNumbers the cloud takes in one message.
const MaxNumbers = 100

// validate applies the app's PostMessageRequest checks (and, in the cloud, its
// id, count and number checks); it returns the 400 message, "" when valid.
func (s *Server) validate(req *MessageRequest, now time.Time, skipPhone bool) string {
	kinds := 0
	for _, set := range []bool{req.Message != "", req.TextMessage != nil, req.DataMessage != nil} {
		if set {
			kinds++
		}
	}
	switch {
	case kinds == 0:
		return "Must specify exactly one of: textMessage, dataMessage, or message"
	case kinds > 1:
		return "Cannot specify multiple message types simultaneously"
	case req.DataMessage != nil:
		return "data messages are not emulated"
	case req.TextMessage != nil && req.TextMessage.Text == "":
		return "Text message is empty"
	case len(req.PhoneNumbers) == 0:
		return "Empty phone numbers list"
	case req.SimNumber != nil && *req.SimNumber < 1:
		return "SIM number cannot be less than 1"
	case req.ScheduleAt != nil && !req.ScheduleAt.After(now):
		return "scheduleAt must be in the future"
	case req.TTL != nil && req.ValidUntil != nil:
		return "fields conflict: ttl and validUntil"
	case req.ValidUntil != nil && req.ValidUntil.Before(now):
		return "message already expired"
	case req.DeviceID != "" && req.DeviceID != DeviceID:
		return "Invalid device ID"
	case !s.cloud:
		return "" // the phone checks numbers only when it sends
	case len(req.ID) > 36:
		return "id: must be at most 36 characters"
	case len(req.PhoneNumbers) > MaxNumbers:
		return fmt.Sprintf("phoneNumbers: must contain at most %d items", MaxNumbers)
	}
	if !skipPhone {
		for _, n := range req.PhoneNumbers {
			digits := strings.TrimPrefix(n, "+")
			if !strings.HasPrefix(n, "+") || len(digits) < 8 || len(digits) > 15 || strings.Trim(digits, "0123456789") != "" {
				return "failed to parse phone number: the phone number supplied is not a number"
			}
			if strings.HasSuffix(n, "9990") {
				return "invalid phone number"
			}
		}
	}
	return ""
}

// create is POST /messages: 202 with the message's state, 409 for an id the
// phone already holds.
func (s *Server) create(w http.ResponseWriter, r *http.Request, body []byte) {
	var req MessageRequest
	if err := json.Unmarshal(body, &req); err != nil {
		badRequest(w, "Failed to convert request body to class PostMessageRequest: %v", err)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.clock()
	if msg := s.validate(&req, now, r.URL.Query().Get("skipPhoneValidation") == "true"); msg != "" {
		badRequest(w, "%s", msg)
		return
	}
	if req.ID == "" {
		s.seq++
		req.ID = fmt.Sprintf("emu%018d", s.seq)
	}
	if _, dup := s.messages[req.ID]; dup {
		msg := "Message with the same ID already exists"
		if s.cloud {
			msg = "message with the same ID already exists"
		}
		writeJSON(w, http.StatusConflict, errorBody{Message: msg})
		return
	}
	m := &message{id: req.ID, text: req.Message, numbers: req.PhoneNumbers, created: now, report: true}
	if req.TextMessage != nil {
		m.text = req.TextMessage.Text
	}
	if req.WithDeliveryReport != nil {
		m.report = *req.WithDeliveryReport
	}
	if req.SimNumber != nil {
		m.sim = *req.SimNumber
	}
	if req.ScheduleAt != nil {
		m.scheduleAt = *req.ScheduleAt
	}
	switch {
	case req.ValidUntil != nil:
		m.validUntil = *req.ValidUntil
	case req.TTL != nil:
		m.validUntil = now.Add(time.Duration(*req.TTL) * time.Second)
	}
	s.messages[m.id] = m
	s.order = append(s.order, m)
	for _, n := range m.numbers {
		s.created[n+"\x00"+m.text]++
	}
	// The app answers before its worker takes the message: still Pending.
	writeJSON(w, http.StatusAccepted, s.view(m, now.Add(-time.Nanosecond), true))
}
