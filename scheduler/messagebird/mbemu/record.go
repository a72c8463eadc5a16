package mbemu

import (
	"encoding/json"
	"net/http"
	"slices"
	"time"
)

// Message is a message the emulator holds, as tests see it.
type Message struct {
	ID         string
	Direction  string // "mt" for messages we sent, "mo" for inbound ones
	Type       string // "sms"
	Originator string
	Body       string
	Reference  string    // "" when the request had none
	Validity   int       // seconds; 0 when the request had none
	DataCoding string    // "plain" or "unicode"
	MClass     int       // as requested (the SDK sends 1)
	Gateway    int       // as requested
	Scheduled  time.Time // zero unless scheduledDatetime was in the future
	Created    time.Time // on the emulator's clock (WithClock)
	Recipients []Recipient
	Reads      int // GET /messages/{id} calls that counted towards delivery
}

// Recipient is one recipient of a Message and its current status.
type Recipient struct {
	Number    int64  // digits only, as the API returns it
	Status    string // scheduled, sent, buffered, delivered, expired, delivery_failed
	StatusAt  time.Time
	Reason    string // statusReason, "" for none
	ErrorCode int    // statusErrorCode, 0 for none
}

func (m *Message) clone() Message {
	c := *m
	c.Recipients = slices.Clone(m.Recipients)
	return c
}

// CreateBody is a decoded POST /messages body, field for field as the SDK sends it.
type CreateBody struct {
	Originator        string         `json:"originator"`
	Body              string         `json:"body"`
	Recipients        Numbers        `json:"recipients"`
	GroupIDs          []string       `json:"groupIds"`
	Type              string         `json:"type,omitempty"`
	Reference         string         `json:"reference,omitempty"`
	Validity          int            `json:"validity,omitempty"`
	Gateway           int            `json:"gateway,omitempty"`
	TypeDetails       map[string]any `json:"typeDetails,omitempty"`
	DataCoding        string         `json:"datacoding,omitempty"`
	MClass            int            `json:"mclass,omitempty"`
	ShortenURLs       bool           `json:"shortenUrls"`
	ReportURL         string         `json:"reportUrl,omitempty"`
	ScheduledDatetime string         `json:"scheduledDatetime,omitempty"`
}

// Numbers is a recipients list. It decodes from JSON strings (what the SDK
// sends) or JSON numbers (which the API also accepts), keeping the text as sent.
type Numbers []string

// UnmarshalJSON implements json.Unmarshaler.
func (n *Numbers) UnmarshalJSON(b []byte) error {
	var raw []json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	out := make(Numbers, 0, len(raw))
	for _, r := range raw {
		var s string
		if err := json.Unmarshal(r, &s); err != nil {
			var num json.Number
			if err := json.Unmarshal(r, &num); err != nil {
				return err
			}
			s = num.String()
		}
		out = append(out, s)
	}
	*n = out
	return nil
}

// Request is one HTTP request the emulator received.
type Request struct {
	Method string
	Path   string // as received, path prefix included
	Query  string // raw query
	At     time.Time
	// Authorized is false when the request carried a wrong access key.
	Authorized bool
	// Body is the decoded body of a POST /messages; nil for other requests or invalid JSON.
	Body *CreateBody
	// RawBody is the request body as received.
	RawBody []byte
	// Fault names the injected fault applied to this request ("" for none).
	Fault string
}

func (s *Server) record(r *http.Request, body []byte, f fault) {
	req := Request{
		Method:     r.Method,
		Path:       r.URL.Path,
		Query:      r.URL.RawQuery,
		At:         time.Now(),
		Authorized: s.authorized(r),
		Fault:      f.kind.String(),
		RawBody:    body,
	}
	if r.Method == http.MethodPost {
		var cb CreateBody
		if json.Unmarshal(body, &cb) == nil {
			req.Body = &cb
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

// Messages returns every message held (sent and inbound, deleted ones excluded),
// in creation order.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Message, 0, len(s.messages))
	for _, m := range s.messages {
		out = append(out, m.clone())
	}
	return out
}

// Message returns the message with the given id.
func (s *Server) Message(id string) (Message, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, ok := s.byID[id]
	if !ok {
		return Message{}, false
	}
	return m.clone(), true
}

// AcceptedByReference counts the messages created per non-empty reference,
// deleted ones included. A count above 1 means the same request was sent twice.
func (s *Server) AcceptedByReference() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]int, len(s.created))
	for ref, n := range s.created {
		out[ref] = n
	}
	return out
}

// sentKey identifies the messages with one body sent to one number.
type sentKey struct {
	number int64
	body   string
}

// Created returns how many messages the emulator created with body to number
// (E.164, or digits as the API takes them), deleted ones included. It is O(1).
func (s *Server) Created(number, body string) int {
	n, ok := parseMSISDN(number)
	if !ok {
		return 0
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sent[sentKey{n, body}]
}
