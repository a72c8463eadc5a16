package mbemu

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"
	"unicode"
)

func (s *Server) authorized(r *http.Request) bool {
	return r.Header.Get("Authorization") == "AccessKey "+s.accessKey
}

func (s *Server) route(w http.ResponseWriter, r *http.Request, body []byte) {
	path, ok := strings.CutPrefix(r.URL.Path, s.prefix)
	if !ok || (path != "" && path[0] != '/') {
		writeError(w, http.StatusNotFound, APIError{Code: 20, Description: "not found"})
		return
	}
	if !s.authorized(r) {
		writeError(w, http.StatusUnauthorized, errAccessKey)
		return
	}
	path = strings.TrimSuffix(path, "/")
	id, isItem := strings.CutPrefix(path, "/messages/")
	switch {
	case path == "/messages" && r.Method == http.MethodPost:
		s.create(w, body)
	case path == "/messages" && r.Method == http.MethodGet:
		s.list(w, r)
	case isItem && r.Method == http.MethodGet:
		s.read(w, id)
	case isItem && r.Method == http.MethodDelete:
		s.remove(w, id)
	case path == "/balance" && r.Method == http.MethodGet:
		s.mu.Lock()
		b := wireBalance{Payment: "prepaid", Type: "credits", Amount: s.balance}
		s.mu.Unlock()
		writeJSON(w, http.StatusOK, b)
	case path == "/messages" || isItem || path == "/balance":
		writeError(w, http.StatusMethodNotAllowed, APIError{Code: 21, Description: "method not allowed"})
	default:
		writeError(w, http.StatusNotFound, APIError{Code: 20, Description: "not found"})
	}
}

func invalid(description, parameter string) APIError {
	return APIError{Code: 9, Description: description, Parameter: parameter}
}

// validate applies the API's checks on a new message and returns its recipients
// (without the invalid ones) and its scheduled time (zero: it leaves at once).
func validate(cb CreateBody, now time.Time, refused map[int64]bool) ([]int64, time.Time, *APIError) {
	var scheduled time.Time
	if !validOriginator(cb.Originator) {
		e := invalid("originator is invalid: up to 11 letters and digits or up to 15 digits", "originator")
		return nil, scheduled, &e
	}
	if cb.Body == "" {
		e := invalid("body is required", "body")
		return nil, scheduled, &e
	}
	if len(cb.Recipients) == 0 {
		e := invalid("no (correct) recipients found", "recipients")
		return nil, scheduled, &e
	}
	if len(cb.Recipients) > MaxRecipients {
		e := invalid("too many recipients: at most 50 per request", "recipients")
		return nil, scheduled, &e
	}
	// Like the API (as its error wording suggests), drop the recipients that are
	// not numbers and refuse the message only when none is left.
	numbers := make([]int64, 0, len(cb.Recipients))
	for _, r := range cb.Recipients {
		if n, ok := parseMSISDN(r); ok && !refused[n] {
			numbers = append(numbers, n)
		}
	}
	if len(numbers) == 0 {
		e := invalid("no (correct) recipients found", "recipients")
		return nil, scheduled, &e
	}
	if cb.Validity < 0 {
		e := invalid("validity must be a positive number of seconds", "validity")
		return nil, scheduled, &e
	}
	if cb.ScheduledDatetime != "" {
		t, err := time.Parse(time.RFC3339, cb.ScheduledDatetime)
		if err != nil {
			e := invalid("scheduledDatetime is not RFC 3339", "scheduledDatetime")
			return nil, scheduled, &e
		}
		if t.After(now) {
			scheduled = t
		}
	}
	return numbers, scheduled, nil
}

// validOriginator: up to 11 letters and digits, or a number of up to 15 digits.
func validOriginator(o string) bool {
	if _, ok := parseMSISDN(o); ok {
		return true
	}
	if o == "" || len(o) > 11 {
		return false
	}
	for _, r := range o {
		if r > unicode.MaxASCII || !(unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return false
		}
	}
	return true
}

func (s *Server) create(w http.ResponseWriter, body []byte) {
	var cb CreateBody
	if err := json.Unmarshal(body, &cb); err != nil {
		writeError(w, http.StatusBadRequest, APIError{Code: 21, Description: "Bad request: the body is not valid JSON"})
		return
	}
	now := s.now()
	numbers, scheduled, apiErr := validate(cb, now, s.invalid)
	if apiErr != nil {
		writeError(w, http.StatusUnprocessableEntity, *apiErr)
		return
	}
	m := &Message{
		ID: newID(), Direction: "mt", Type: "sms", Originator: cb.Originator, Body: cb.Body,
		Reference: cb.Reference, Validity: cb.Validity, DataCoding: dataCoding(cb.Body),
		MClass: cb.MClass, Gateway: cb.Gateway, Scheduled: scheduled, Created: now,
	}
	if cb.Type != "" {
		m.Type = cb.Type
	}
	status := "sent"
	if !scheduled.IsZero() {
		status = "scheduled"
	}
	for _, n := range numbers {
		m.Recipients = append(m.Recipients, Recipient{Number: n, Status: status, StatusAt: now})
	}

	s.mu.Lock()
	cost := float64(len(numbers))
	if s.balance < cost {
		s.mu.Unlock()
		writeError(w, http.StatusPaymentRequired, errNoBalance)
		return
	}
	s.balance -= cost
	s.messages = append(s.messages, m)
	s.byID[m.ID] = m
	if m.Reference != "" {
		s.created[m.Reference]++
	}
	for _, n := range numbers {
		s.sent[sentKey{n, m.Body}]++
	}
	created := m.clone()
	if s.deliverAfter == 0 {
		s.observe(m, false)
	}
	s.mu.Unlock()

	if s.onCreate != nil {
		s.onCreate(created, time.Now())
	}
	writeJSON(w, http.StatusCreated, s.toWire(created))
}

func (s *Server) read(w http.ResponseWriter, id string) {
	s.mu.Lock()
	m, ok := s.byID[id]
	var snapshot Message
	if ok {
		s.observe(m, true)
		snapshot = m.clone()
	}
	s.mu.Unlock()
	if !ok {
		writeError(w, http.StatusNotFound, APIError{Code: 20, Description: "message not found"})
		return
	}
	writeJSON(w, http.StatusOK, s.toWire(snapshot))
}

func (s *Server) remove(w http.ResponseWriter, id string) {
	s.mu.Lock()
	_, ok := s.byID[id]
	if ok {
		delete(s.byID, id)
		for i, m := range s.messages {
			if m.ID == id {
				s.messages = append(s.messages[:i], s.messages[i+1:]...)
				break
			}
		}
	}
	s.mu.Unlock()
	if !ok {
		writeError(w, http.StatusNotFound, APIError{Code: 20, Description: "message not found"})
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// AddInbound records a message a customer sent to our number (WithNumber), such
// as a STOP reply. It is listed with direction "mo" and originator from.
func (s *Server) AddInbound(from, body string, at time.Time) Message {
	originator := from
	if _, ok := parseMSISDN(from); ok {
		originator = strings.TrimPrefix(strings.TrimSpace(from), "+")
	}
	m := &Message{
		ID: newID(), Direction: "mo", Type: "sms", Originator: originator, Body: body,
		DataCoding: dataCoding(body), Created: at,
		Recipients: []Recipient{{Number: s.number, Status: "delivered", StatusAt: at}},
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.messages = append(s.messages, m)
	s.byID[m.ID] = m
	return m.clone()
}
