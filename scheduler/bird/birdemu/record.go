package birdemu

import (
	"encoding/json"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"
)

// Request is one HTTP request the emulator received, for wire-format tests.
type Request struct {
	Method     string
	Path       string // as received, path prefix included
	Query      url.Values
	Header     http.Header
	Body       []byte       // as received
	Send       *SendRequest // the decoded body of a POST; nil for others or invalid JSON
	RequestID  string       // the X-Request-Id answered
	Fault      string       // the injected fault applied ("" for none)
	Replay     bool         // answered from the idempotency record
	RemoteAddr string       // the client's address: one per connection
	At         time.Time    // real time of arrival
}

func (s *Server) record(r *http.Request, body []byte, f fault) string {
	req := Request{
		Method: r.Method, Path: r.URL.Path, Query: r.URL.Query(), Header: r.Header.Clone(),
		Body: body, Fault: f.kind.String(), At: time.Now(), RemoteAddr: r.RemoteAddr,
	}
	if r.Method == http.MethodPost {
		var sr SendRequest
		if json.Unmarshal(body, &sr) == nil {
			req.Send = &sr
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	req.RequestID = "req_" + s.idPrefix + strconv.Itoa(len(s.requests)+1)
	s.requests = append(s.requests, req)
	return req.RequestID
}

func (s *Server) markReplay(reqID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := len(s.requests) - 1; i >= 0; i-- {
		if s.requests[i].RequestID == reqID {
			s.requests[i].Replay = true
			return
		}
	}
}

// Requests returns every request received so far, in arrival order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.requests)
}

// Message is a message the emulator holds, as tests see it.
type Message struct {
	ID, To, From, Text string
	Category           string // "" for inbound messages
	Direction          string // "outbound" or "inbound"
	Status             string // at the emulator's current time
	LastError          string // last_error.code, "" for none
	Tags               []Tag
	Metadata           map[string]any
	Created            time.Time
}

func (s *Server) view(m *message, now time.Time) Message {
	st := m.state(now)
	v := Message{ID: m.id, To: m.to, From: m.from, Text: m.text, Category: m.category, Direction: m.direction,
		Status: st.status, Tags: slices.Clone(m.tags), Metadata: maps.Clone(m.metadata), Created: m.created}
	if st.lastError != nil {
		v.LastError = st.lastError.Code
	}
	return v
}

// Messages returns every message held, outbound and inbound, in creation order.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	out := make([]Message, len(s.messages))
	for i, m := range s.messages {
		out[i] = s.view(m, now)
	}
	return out
}

// Created returns how many outbound messages were created with text to number
// (providertest.Emulator); it is a map look-up.
func (s *Server) Created(number, text string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.created[number+"\x00"+text]
}
