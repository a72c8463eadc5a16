package brevoemu

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"time"
)

// Request is one HTTP request the emulator received.
type Request struct {
	Method string
	Path   string // as received, path prefix included
	Query  url.Values
	Header http.Header
	At     time.Time // real time of arrival
	// Body is the raw request body; Send its decoding for a POST of a message
	// (nil for other requests or a body that is not JSON).
	Body []byte
	Send *SendBody
	// Fault names the injected fault applied to this request ("" for none).
	Fault string
}

// SendBody is a decoded POST /transactionalSMS/send body, field for field.
type SendBody struct {
	Sender             string `json:"sender"`
	Recipient          string `json:"recipient"`
	Content            string `json:"content"`
	Type               string `json:"type,omitempty"`
	Tag                Tags   `json:"tag,omitempty"`
	WebURL             string `json:"webUrl,omitempty"`
	UnicodeEnabled     bool   `json:"unicodeEnabled,omitempty"`
	OrganisationPrefix string `json:"organisationPrefix,omitempty"`
}

// Tags is the tag field: Brevo takes a string or an array of up to 10 strings.
type Tags []string

// UnmarshalJSON implements json.Unmarshaler.
func (t *Tags) UnmarshalJSON(b []byte) error {
	var one string
	if err := json.Unmarshal(b, &one); err == nil {
		*t = Tags{one}
		return nil
	}
	var many []string
	if err := json.Unmarshal(b, &many); err != nil {
		return err
	}
	*t = many
	return nil
}

// Message is a message the emulator accepted.
type Message struct {
	ID     int64
	SentAt time.Time // on the emulator's clock
	Body   SendBody  // as received
	Digits string    // the recipient's digits, without "+"
	Parts  int       // SMS parts billed
	// Outcome is the final event due DeliveryDelay after SentAt ("delivered" or
	// "hardBounces"), or "unsubscription" for an unsubscribed number (at once).
	Outcome string
}

func (s *Server) record(r *http.Request, body []byte, f fault) {
	req := Request{
		Method: r.Method, Path: r.URL.Path, Query: r.URL.Query(), Header: r.Header.Clone(),
		At: time.Now(), Body: body, Fault: f.kind.String(),
	}
	if r.Method == http.MethodPost {
		var sb SendBody
		if json.Unmarshal(body, &sb) == nil {
			req.Send = &sb
		}
	}
	s.mu.Lock()
	s.requests = append(s.requests, req)
	s.mu.Unlock()
	if s.onRequest != nil {
		s.onRequest(req)
	}
}

// Requests returns every request received so far, in arrival order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.requests)
}

// Created returns how many messages were accepted with body (the content as
// sent, without organisation prefix) to number ("+" optional)
// (providertest.Emulator).
func (s *Server) Created(number, body string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.created[createdKey(phoneDigits(number), body)]
}

func createdKey(digits, body string) string { return digits + "\x00" + body }

// Messages returns the accepted messages in order.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Message, len(s.messages))
	for i, m := range s.messages {
		out[i] = *m
	}
	return out
}

// Events returns the events recorded so far (those due by the emulator's clock
// included), in creation order.
func (s *Server) Events() []Event {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settle()
	return slices.Clone(s.events)
}

// Credits returns the account's SMS credits left.
func (s *Server) Credits() float64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.credits
}

// SetCredits replaces the account's SMS credits.
func (s *Server) SetCredits(c float64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.credits = c
}
