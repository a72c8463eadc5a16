package birdemu

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"time"
)

// message is one SMS the emulator holds. Its status is computed from its
// creation time and the clock, so reads never change it.
type message struct {
	seq                                     int64
	id, to, from, text, category, direction string
	tags                                    []Tag
	metadata                                map[string]any
	created                                 time.Time
}

type state struct {
	status              string
	sentAt, deliveredAt *time.Time
	lastError           *lastErrorJSON
}

// Timeline of an outbound message, from its creation.
const (
	SentAfter  = time.Second
	FinalAfter = time.Minute
)

func (m *message) state(now time.Time) state {
	if m.direction == "inbound" {
		return state{status: "received"}
	}
	age := now.Sub(m.created)
	sent, final := m.created.Add(SentAfter).UTC(), m.created.Add(FinalAfter).UTC()
	fail := func(status, code, desc string, at time.Time) state {
		return state{status: status, lastError: &lastErrorJSON{Code: code, Description: desc, OccurredAt: at}}
	}
	suffix := m.to[max(len(m.to)-4, 0):]
	switch {
	case age < SentAfter:
		return state{status: "accepted"}
	case suffix == "9994":
		return fail("failed", "recipient_opted_out", "The recipient is on a suppression list.", sent)
	case age < FinalAfter:
		return state{status: "sent", sentAt: &sent}
	}
	var st state
	switch suffix {
	case "9991":
		st = fail("failed", "invalid_destination", "The number is not assigned.", final)
	case "9992":
		st = state{status: "expired"}
	case "9993":
		st = fail("undelivered", "unreachable", "The handset is off or out of coverage.", final)
	default:
		st = state{status: "delivered", deliveredAt: &final}
	}
	st.sentAt = &sent
	return st
}

func (m *message) json(now time.Time) messageJSON {
	st := m.state(now)
	j := messageJSON{ID: m.id, To: m.to, From: m.from, Text: m.text, Direction: m.direction, Status: st.status,
		Tags: m.tags, Metadata: m.metadata, Segments: segments(m.text), CreatedAt: m.created.UTC(),
		SentAt: st.sentAt, DeliveredAt: st.deliveredAt, LastError: st.lastError}
	if m.category != "" {
		c := m.category
		j.Category = &c
	}
	if j.Tags == nil {
		j.Tags = []Tag{}
	}
	return j
}

var (
	e164      = regexp.MustCompile(`^\+[1-9][0-9]{6,14}$`)
	alphaFrom = regexp.MustCompile(`^[A-Za-z0-9 ]{1,11}$`)
	shortCode = regexp.MustCompile(`^[0-9]{5,6}$`)
	tagName   = regexp.MustCompile(`^[A-Za-z0-9_-]{1,32}$`)
	tagValue  = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)
)

func invalid(name, param, msg string) APIError {
	return APIError{Type: "validation_error", Code: "E01001", Name: name, Message: msg, Param: param,
		Details: []Detail{{Param: param, Message: msg}}}
}

// validate checks a send request as the API does; ok is false with the error.
func validate(r *SendRequest) (APIError, bool) {
	switch {
	case r.preview() != "":
		f := r.preview()
		return invalid("SMSUnsupportedFeature", f, f+" is a preview feature and is currently unavailable."), false
	case r.Template != nil:
		return invalid("SMSUnsupportedFeature", "template", "templates are not emulated"), false
	case !e164.MatchString(r.To) || strings.HasSuffix(r.To, "9990"):
		e := invalid("invalid_recipient", "to", "must be a valid phone number in E.164 format")
		e.Code = "E12001"
		return e, false
	case r.Text == nil || *r.Text == "":
		return invalid("ValidationError", "text", "is required"), false
	case segments(*r.Text).Count > maxSegments:
		return invalid("ValidationError", "text", "exceeds the 12-segment limit"), false
	case r.Category == nil:
		return invalid("ValidationError", "category", "is required with text"), false
	case !strings.Contains(" transactional marketing authentication service ", " "+*r.Category+" "):
		return invalid("ValidationError", "category", "must be transactional, marketing, authentication or service"), false
	case r.From == nil || *r.From == "":
		return invalid("SMSNoEligibleSender", "from", "no eligible sender: from is required"), false
	case !e164.MatchString(*r.From) && !shortCode.MatchString(*r.From) &&
		(!alphaFrom.MatchString(*r.From) || strings.Trim(*r.From, "0123456789 ") == ""):
		return invalid("SMSSenderNotAllowed", "from", "is not a number, short code or alphanumeric sender ID"), false
	case len(r.Tags) > 20:
		return invalid("ValidationError", "tags", "at most 20 tags"), false
	}
	for _, t := range r.Tags {
		if !tagName.MatchString(t.Name) || !tagValue.MatchString(t.Value) {
			return invalid("ValidationError", "tags", "tag names and values are ASCII letters, digits, _ and -"), false
		}
	}
	if b, _ := json.Marshal(r.Metadata); len(b) > 2048 {
		return invalid("ValidationError", "metadata", "exceeds 2 KB"), false
	}
	return APIError{}, true
}

func (s *Server) send(w http.ResponseWriter, _ *http.Request, body []byte, reqID string) {
	var req SendRequest
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		writeError(w, reqID, http.StatusBadRequest, APIError{Type: "bad_request_error", Code: "E01002",
			Name: "InvalidRequest", Message: "The body is malformed JSON or contains unknown parameters: " + err.Error()})
		return
	}
	if e, ok := validate(&req); !ok {
		writeError(w, reqID, http.StatusUnprocessableEntity, e)
		return
	}
	m := &message{to: req.To, from: *req.From, text: *req.Text, category: *req.Category, direction: "outbound",
		tags: req.Tags, metadata: req.Metadata}
	if s.onCreate != nil {
		s.onCreate(Message{To: m.to, From: m.from, Text: m.text, Category: m.category, Direction: m.direction,
			Tags: m.tags, Metadata: m.metadata})
	}
	s.mu.Lock()
	now := s.now()
	m.created = now
	s.add(m)
	s.created[m.to+"\x00"+m.text]++
	j := m.json(now)
	s.mu.Unlock()
	writeJSON(w, http.StatusAccepted, j)
}

// add stores m with a fresh id; s.mu is held.
func (s *Server) add(m *message) {
	s.seq++
	m.seq = s.seq
	m.id = fmt.Sprintf("sms_%s%016d", s.idPrefix, m.seq)
	s.messages = append(s.messages, m)
	s.byID[m.id] = m
	for _, t := range m.tags {
		k := t.Name + ":" + t.Value
		s.byTag[k] = append(s.byTag[k], m)
	}
}

func (s *Server) get(w http.ResponseWriter, id, reqID string) {
	s.mu.Lock()
	m, ok := s.byID[id]
	var j messageJSON
	if ok {
		j = m.json(s.now())
	}
	s.mu.Unlock()
	if !ok {
		writeError(w, reqID, http.StatusNotFound, APIError{Type: "not_found_error", Code: "E13404",
			Name: "SMSMessageNotFound", Message: "No SMS message with this id.", Param: "id"})
		return
	}
	writeJSON(w, http.StatusOK, j)
}

// AddInbound makes an SMS from `from` to the shop's number appear, received at
// `at` (providertest.Emulator).
func (s *Server) AddInbound(from, body string, at time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.add(&message{to: s.number, from: from, text: body, direction: "inbound", created: at})
}
