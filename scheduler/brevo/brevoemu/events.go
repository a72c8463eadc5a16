package brevoemu

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Event is one SMS event, as GET /transactionalSMS/statistics/events lists it.
type Event struct {
	PhoneNumber string // digits, without "+"
	Date        time.Time
	MessageID   int64
	Event       string // sent, accepted, delivered, hardBounces, unsubscription, replies
	Reason      string
	Reply       string
	Tag         string
	seq         int // creation order
}

// filterEvents are the values the event filter takes (Brevo's list).
var filterEvents = []string{"bounces", "hardBounces", "softBounces", "delivered", "sent", "accepted",
	"unsubscription", "replies", "blocked", "rejected", "skipped"}

// addEvent records an event of m; s.mu must be held.
func (s *Server) addEvent(m *Message, name string, at time.Time, reason string) {
	tag := ""
	if len(m.Body.Tag) > 0 {
		tag = m.Body.Tag[0]
	}
	s.seq++
	s.events = append(s.events, Event{PhoneNumber: m.Digits, Date: at, MessageID: m.ID, Event: name,
		Reason: reason, Tag: tag, seq: s.seq})
}

// settle records the final events that are due by the emulator's clock; s.mu must be held.
func (s *Server) settle() {
	now := s.now()
	kept := s.pending[:0]
	for _, m := range s.pending {
		due := m.SentAt.Add(DeliveryDelay)
		if now.Before(due) {
			kept = append(kept, m)
			continue
		}
		reason := ""
		if m.Outcome == "hardBounces" {
			reason = BounceReason
		}
		s.addEvent(m, m.Outcome, due, reason)
	}
	clear(s.pending[len(kept):])
	s.pending = kept
}

// AddInbound makes a reply from `from` appear as a "replies" event dated at,
// attached to the newest message sent to that number (its id and tag), if any
// (providertest.Emulator).
func (s *Server) AddInbound(from, body string, at time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	digits := phoneDigits(from)
	m, ok := s.lastTo[digits]
	if !ok {
		s.lastID = max(s.lastID+1, at.UnixMicro())
		m = &Message{ID: s.lastID, Digits: digits}
	}
	s.addEvent(m, "replies", at, "")
	s.events[len(s.events)-1].Reply = body
}

type wireEvent struct {
	PhoneNumber string `json:"phoneNumber"`
	Date        string `json:"date"`
	MessageID   string `json:"messageId"`
	Event       string `json:"event"`
	Reason      string `json:"reason,omitempty"`
	Reply       string `json:"reply,omitempty"`
	Tag         string `json:"tag,omitempty"`
}

// listEvents serves GET /transactionalSMS/statistics/events. Dates are UTC days;
// phone numbers are listed as "00" and digits, as in Brevo's examples; the
// message id is a string, as in its schema.
func (s *Server) listEvents(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	s.mu.Lock()
	now := s.now()
	s.mu.Unlock()
	match, limit, offset, desc, msg := parseFilter(q, now)
	if msg != "" {
		writeError(w, http.StatusBadRequest, "invalid_parameter", msg)
		return
	}
	s.mu.Lock()
	s.settle()
	var found []Event
	for _, e := range s.events {
		if match(e) {
			found = append(found, e)
		}
	}
	s.mu.Unlock()
	slices.SortFunc(found, func(a, b Event) int {
		if c := a.Date.Compare(b.Date); c != 0 {
			return c
		}
		return a.seq - b.seq
	})
	if desc {
		slices.Reverse(found)
	}
	page := found[min(offset, len(found)):min(offset+limit, len(found))]
	out := struct {
		Events []wireEvent `json:"events"`
	}{Events: make([]wireEvent, 0, len(page))}
	for _, e := range page {
		out.Events = append(out.Events, wireEvent{PhoneNumber: "00" + e.PhoneNumber, Date: e.Date.UTC().Format(time.RFC3339),
			MessageID: strconv.FormatInt(e.MessageID, 10), Event: e.Event, Reason: e.Reason, Reply: e.Reply, Tag: e.Tag})
	}
	writeJSON(w, http.StatusOK, out)
}

// parseFilter reads the query; msg says what is wrong with it.
func parseFilter(q url.Values, now time.Time) (match func(Event) bool, limit, offset int, desc bool, msg string) {
	num := func(key string, def int) (int, bool) {
		if q.Get(key) == "" {
			return def, true
		}
		n, err := strconv.Atoi(q.Get(key))
		return n, err == nil && n >= 0
	}
	limit, okL := num("limit", 50)
	offset, okO := num("offset", 0)
	days, okD := num("days", 0)
	switch {
	case !okL || limit > MaxLimit:
		return nil, 0, 0, false, "limit must be an integer between 0 and 100"
	case !okO:
		return nil, 0, 0, false, "offset must be a positive integer"
	case !okD || q.Has("days") && days == 0:
		return nil, 0, 0, false, "days must be a positive integer"
	case q.Has("days") && (q.Has("startDate") || q.Has("endDate")):
		return nil, 0, 0, false, "days is not compatible with startDate and endDate"
	case q.Has("startDate") != q.Has("endDate"):
		return nil, 0, 0, false, "startDate and endDate must be used together"
	}
	if limit == 0 {
		limit = 50
	}
	var from, to time.Time // [from, to)
	if q.Has("startDate") {
		start, err1 := time.Parse(time.DateOnly, q.Get("startDate"))
		end, err2 := time.Parse(time.DateOnly, q.Get("endDate"))
		if err1 != nil || err2 != nil || end.Before(start) {
			return nil, 0, 0, false, "startDate and endDate must be dates (YYYY-MM-DD), startDate not after endDate"
		}
		from, to = start, end.AddDate(0, 0, 1)
	} else if days > 0 {
		y, m, d := now.UTC().Date()
		from = time.Date(y, m, d-days+1, 0, 0, 0, 0, time.UTC)
	}
	event := q.Get("event")
	if event != "" && !slices.Contains(filterEvents, event) {
		return nil, 0, 0, false, "event must be one of " + strings.Join(filterEvents, ", ")
	}
	sort := q.Get("sort")
	if sort != "" && sort != "asc" && sort != "desc" {
		return nil, 0, 0, false, "sort must be asc or desc"
	}
	phone := phoneDigits(q.Get("phoneNumber"))
	tags := parseTags(q.Get("tags"))
	match = func(e Event) bool {
		switch {
		case !from.IsZero() && e.Date.Before(from), !to.IsZero() && !e.Date.Before(to):
			return false
		case phone != "" && e.PhoneNumber != phone:
			return false
		case len(tags) > 0 && !slices.Contains(tags, e.Tag):
			return false
		case event == "bounces":
			return e.Event == "hardBounces" || e.Event == "softBounces"
		}
		return event == "" || e.Event == event
	}
	return match, limit, offset, sort != "asc", ""
}

// parseTags reads the tags filter: a JSON array ("a serialized urlencoded
// array"), or tags separated by commas, or one tag.
func parseTags(v string) []string {
	v = strings.TrimSpace(v)
	if v == "" {
		return nil
	}
	var list []string
	if strings.HasPrefix(v, "[") && json.Unmarshal([]byte(v), &list) == nil {
		return list
	}
	for t := range strings.SplitSeq(v, ",") {
		if t = strings.TrimSpace(t); t != "" {
			list = append(list, t)
		}
	}
	return list
}

// account serves GET /account with the documented shape; the "sms" plan holds the credits.
func (s *Server) account(w http.ResponseWriter) {
	s.mu.Lock()
	credits := s.credits
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{
		"email": "boutique@example.com", "firstName": "Léa", "lastName": "Martin", "companyName": "Boutique Léa",
		"address": map[string]string{"street": "1 rue de la Paix", "city": "Paris", "zipCode": "75002", "country": "France"},
		"plan": []map[string]any{
			{"type": "free", "credits": 300, "creditsType": "sendLimit"},
			{"type": "sms", "credits": credits, "creditsType": "sendLimit"},
		},
		"relay": map[string]any{"enabled": false, "data": map[string]any{"userName": "boutique@example.com",
			"relay": "smtp-relay.brevo.com", "port": 587}},
	})
}
