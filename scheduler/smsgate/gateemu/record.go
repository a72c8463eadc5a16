package gateemu

import (
	"encoding/json"
	"net/http"
	"slices"
)

// Request is one HTTP request the emulator received.
type Request struct {
	Method string
	Path   string // as received, prefix included
	Query  string // raw query
	Header http.Header
	// Authorized is false when the request carried wrong or no credentials.
	Authorized bool
	// Message is the decoded body of a POST of a message; nil otherwise.
	Message *MessageRequest
	// RawBody is the body as received.
	RawBody []byte
	// Fault names the injected fault spent on this request ("" for none).
	Fault string
}

func (s *Server) record(r *http.Request, body []byte, f fault) {
	req := Request{Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, Header: r.Header.Clone(),
		Authorized: s.authorized(r), RawBody: body, Fault: faultNames[f.kind]}
	if r.Method == http.MethodPost {
		var m MessageRequest
		if json.Unmarshal(body, &m) == nil {
			req.Message = &m
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, req)
}

// Requests returns every request received so far, in arrival order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.requests)
}
