package gateemu

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// errorBody is the app's and the cloud's error JSON, {"message": "…"}; the
// cloud's queue limit adds "error".
type errorBody struct {
	Error   string `json:"error,omitempty"`
	Message string `json:"message"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func badRequest(w http.ResponseWriter, format string, args ...any) {
	writeJSON(w, http.StatusBadRequest, errorBody{Message: fmt.Sprintf(format, args...)})
}

func (s *Server) route(w http.ResponseWriter, r *http.Request, body []byte) {
	path, ok := strings.CutPrefix(r.URL.Path, s.prefix)
	if !ok || (path != "" && path[0] != '/') {
		w.WriteHeader(http.StatusNotFound)
		return
	}
	path = strings.TrimSuffix(path, "/")
	if path == "/health" && r.Method == http.MethodGet {
		s.health(w)
		return
	}
	if !s.authorized(r) {
		unauthorized(w, s.cloud)
		return
	}
	coll, id := path, ""
	for _, p := range []string{"/messages/", "/message/"} {
		if rest, ok := strings.CutPrefix(path, p); ok && rest != "" && !strings.Contains(rest, "/") {
			coll, id = strings.TrimSuffix(p, "/"), rest
		}
	}
	isColl := coll == "/messages" || coll == "/message"
	switch {
	case isColl && id == "" && r.Method == http.MethodPost:
		s.create(w, r, body)
	case isColl && id == "" && r.Method == http.MethodGet:
		s.list(w, r)
	case isColl && r.Method == http.MethodGet:
		s.get(w, id)
	case isColl && r.Method == http.MethodDelete:
		s.cancel(w, id)
	case path == "/inbox" && r.Method == http.MethodGet:
		s.listInbox(w, r)
	case isColl || path == "/inbox":
		w.WriteHeader(http.StatusMethodNotAllowed)
	default:
		w.WriteHeader(http.StatusNotFound)
	}
}

func (s *Server) health(w http.ResponseWriter) {
	check := func(value int, unit, desc string) map[string]any {
		return map[string]any{"status": "pass", "observedValue": value, "observedUnit": unit, "description": desc}
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"status": "pass", "version": "1.68.0", "releaseId": 10680,
		"checks": map[string]any{
			"messages:failed":  check(0, "messages", "Failed messages for last hour"),
			"battery:level":    check(87, "percent", "Battery level in percent"),
			"battery:charging": check(3, "flags", "Is the phone charging?"),
		},
	})
}

func (s *Server) get(w http.ResponseWriter, id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, ok := s.messages[id]
	if !ok {
		s.notFound(w)
		return
	}
	writeJSON(w, http.StatusOK, s.view(m, s.clock(), true))
}

// notFound is Ktor's bare 404 on the phone, or the cloud's JSON one.
func (s *Server) notFound(w http.ResponseWriter) {
	if s.cloud {
		writeJSON(w, http.StatusNotFound, errorBody{Message: "message not found"})
		return
	}
	w.WriteHeader(http.StatusNotFound)
}

// cancel is DELETE /messages/{id}: only a Pending message can be cancelled.
func (s *Server) cancel(w http.ResponseWriter, id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, ok := s.messages[id]
	if !ok {
		s.notFound(w)
		return
	}
	now := s.clock()
	v := s.view(m, now, false)
	switch {
	case v.State == "Cancelled":
	case v.State != "Pending" && s.cloud:
		writeJSON(w, http.StatusConflict, errorBody{Message: "failed to cancel message: message is not pending"})
		return
	case v.State != "Pending":
		badRequest(w, "Message %s is not in Pending state", id)
		return
	default:
		m.cancelled = now
		v = s.view(m, now, false)
		if s.cloud { // the phone confirms later: the cloud answers Cancelling
			v.State = "Cancelling"
			for i := range v.Recipients {
				v.Recipients[i].State = "Cancelling"
			}
		}
	}
	writeJSON(w, http.StatusOK, v)
}

// list is GET /messages: newest first, X-Total-Count, content only on request.
func (s *Server) list(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	maxLimit := 1 << 30 // the phone has no upper bound
	if s.cloud {
		maxLimit = 100
	}
	limit, offset, ok := page(w, q.Get("limit"), q.Get("offset"), maxLimit)
	if !ok {
		return
	}
	content := q.Get("includeContent") == "true"
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.clock()
	var out []MessageState
	for i := len(s.order) - 1; i >= 0; i-- {
		v := s.view(s.order[i], now, content)
		if st := q.Get("state"); st == "" || v.State == st {
			out = append(out, v)
		}
	}
	w.Header().Set("X-Total-Count", fmt.Sprint(len(out)))
	out = out[min(offset, len(out)):]
	writeJSON(w, http.StatusOK, out[:min(limit, len(out))])
}

// page reads limit (default 50, 1..max) and offset (≥ 0).
func page(w http.ResponseWriter, rawLimit, rawOffset string, maxLimit int) (limit, offset int, ok bool) {
	limit = 50
	if rawLimit != "" {
		if _, err := fmt.Sscan(rawLimit, &limit); err != nil {
			limit = 50
		}
	}
	if rawOffset != "" {
		if _, err := fmt.Sscan(rawOffset, &offset); err != nil {
			offset = 0
		}
	}
	switch {
	case limit < 1 || limit > maxLimit:
		badRequest(w, "limit must be between 1 and %d", maxLimit)
	case offset < 0:
		badRequest(w, "offset must be >= 0")
	default:
		return limit, offset, true
	}
	return 0, 0, false
}

// phoneTime parses a query date as the app does: yyyy-MM-dd'T'HH:mm:ss[.SSS]XXX.
func phoneTime(raw string) (time.Time, bool) {
	if len(raw) < 20 || raw[10] != 'T' {
		return time.Time{}, false
	}
	rest := raw[19:]
	if strings.HasPrefix(rest, ".") {
		if len(rest) < 4 || strings.Trim(rest[1:4], "0123456789") != "" {
			return time.Time{}, false
		}
		rest = rest[4:]
	}
	if rest != "Z" && (len(rest) != 6 || rest[3] != ':') {
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC3339, raw)
	return t, err == nil
}
