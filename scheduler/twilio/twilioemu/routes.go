package twilioemu

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

func notFound(path string) APIError {
	return APIError{http.StatusNotFound, 20404, "The requested resource " + path + " was not found"}
}

func badRequest(code int, msg string) APIError { return APIError{http.StatusBadRequest, code, msg} }

var errMethod = APIError{http.StatusMethodNotAllowed, 20004, "Method not allowed"}

// route serves one authorized request; path has the prefix removed.
func (s *Server) route(w http.ResponseWriter, r *http.Request, path string, form url.Values) {
	parts := strings.Split(strings.TrimPrefix(path, "/"), "/")
	if len(parts) < 4 || parts[0] != "2010-04-01" || parts[1] != "Accounts" || parts[2] != s.account {
		writeError(w, notFound(path))
		return
	}
	switch {
	case len(parts) == 4 && parts[3] == "Balance.json" && r.Method == http.MethodGet:
		s.mu.Lock()
		body := map[string]string{"currency": s.currency, "balance": s.balance, "account_sid": s.account}
		s.mu.Unlock()
		writeJSON(w, http.StatusOK, body)
	case len(parts) == 4 && parts[3] == "Messages.json" && r.Method == http.MethodPost:
		s.create(w, form)
	case len(parts) == 4 && parts[3] == "Messages.json" && r.Method == http.MethodGet:
		s.list(w, r.URL.Query())
	case len(parts) == 5 && parts[3] == "Messages" && strings.HasSuffix(parts[4], ".json"):
		s.one(w, r.Method, path, strings.TrimSuffix(parts[4], ".json"), form)
	case len(parts) == 4 && (parts[3] == "Messages.json" || parts[3] == "Balance.json"):
		writeError(w, errMethod)
	default:
		writeError(w, notFound(path))
	}
}

// create serves POST Messages.json, checking parameters in about Twilio's order.
func (s *Server) create(w http.ResponseWriter, form url.Values) {
	to, body, from, svc := form.Get("To"), form.Get("Body"), form.Get("From"), form.Get("MessagingServiceSid")
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	switch {
	case to == "":
		writeError(w, badRequest(21604, "A 'To' phone number is required."))
	case body == "":
		writeError(w, badRequest(21602, "Message body is required."))
	case from == "" && svc == "":
		writeError(w, badRequest(21603, "A 'From' phone number is required."))
	case svc != "" && (len(svc) != 34 || !strings.HasPrefix(svc, "MG")):
		writeError(w, badRequest(21705, "The Messaging Service Sid "+svc+" is invalid."))
	case svc != "" && svc != s.service:
		writeError(w, APIError{http.StatusNotFound, 21701, "The Messaging Service Sid " + svc + " does not exist."})
	case from != "" && !e164(from) && !alphanumericSender(from):
		writeError(w, badRequest(21212, "Invalid From Number (caller ID): "+from))
	case e164(from) && from != s.number:
		writeError(w, badRequest(21606, "The From phone number "+from+" is not a valid, SMS-capable inbound phone number or short code for your account."))
	case !e164(to) || s.testNumbers && strings.HasSuffix(to, "9990"):
		writeError(w, badRequest(21211, "Invalid 'To' Phone Number: "+to))
	case utf8.RuneCountInString(body) > MaxBodyChars:
		writeError(w, badRequest(21617, "The concatenated message body exceeds the 1600 character limit."))
	case s.testNumbers && strings.HasSuffix(to, "9994"):
		writeError(w, badRequest(21610, "Attempt to send to unsubscribed recipient"))
	default:
		m := &message{from: from, to: to, body: body, service: svc, created: now, failCode: s.failCode(to)}
		if e, ok := parseValidity(form, m); !ok {
			writeError(w, e)
			return
		}
		if e, ok := parseSchedule(form, m, now); !ok {
			writeError(w, e)
			return
		}
		s.add(m)
		writeJSON(w, http.StatusCreated, s.wire(m, now, true))
	}
}

func parseValidity(form url.Values, m *message) (APIError, bool) {
	raw, ok := form["ValidityPeriod"]
	if !ok {
		return APIError{}, true
	}
	v, err := strconv.Atoi(raw[0])
	if err != nil || v < 1 || v > MaxValidity {
		return badRequest(20001, "ValidityPeriod must be an integer from 1 to 36000"), false
	}
	m.validity = v
	return APIError{}, true
}

// parseSchedule applies ScheduleType=fixed and SendAt, which only count with a
// Messaging Service: without one, Twilio sends the message at once.
func parseSchedule(form url.Values, m *message, now time.Time) (APIError, bool) {
	kind, raw := form.Get("ScheduleType"), form.Get("SendAt")
	switch {
	case m.service == "" || kind == "" && raw == "":
		return APIError{}, true
	case kind != "fixed" && kind != "":
		return badRequest(20001, "ScheduleType must be fixed"), false
	case kind == "":
		return APIError{}, true // SendAt alone does not schedule
	case raw == "":
		return badRequest(35111, "SendAt timestamp is missing"), false
	}
	at, err := time.Parse(time.RFC3339, raw)
	ahead := at.Sub(now)
	switch {
	case err != nil || ahead > ScheduleMax:
		return badRequest(35115, "Scheduling does not support this timestamp"), false
	case ahead < ScheduleMin:
		return badRequest(35114, "Scheduling does not support this timestamp"), false
	}
	m.sendAt = at
	return APIError{}, true
}

// one serves GET and POST Messages/{Sid}.json.
func (s *Server) one(w http.ResponseWriter, method, path, sid string, form url.Values) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, ok := s.bySID[sid]
	if !ok {
		writeError(w, notFound(path))
		return
	}
	now := s.now()
	switch method {
	case http.MethodGet:
		writeJSON(w, http.StatusOK, s.wire(m, now, false))
	case http.MethodPost:
		s.update(w, m, now, form)
	default:
		writeError(w, errMethod)
	}
}

// update cancels a scheduled message (Status=canceled) or redacts the body of a
// finished one (Body=""), never both at once.
func (s *Server) update(w http.ResponseWriter, m *message, now time.Time, form url.Values) {
	status, hasStatus := form["Status"]
	body, hasBody := form["Body"]
	v := m.state(now)
	switch {
	case hasStatus == hasBody, hasStatus && status[0] != "canceled", hasBody && body[0] != "":
		writeError(w, badRequest(30400, "Parameters are not valid"))
	case hasBody && !final(v.status):
		writeError(w, badRequest(30400, "Cannot redact the body of a message that is not finished"))
	case hasBody:
		m.body = ""
		writeJSON(w, http.StatusOK, s.wire(m, now, false))
	case v.status == "canceled":
		writeJSON(w, http.StatusOK, s.wire(m, now, false))
	case v.status != "scheduled":
		writeError(w, badRequest(30409, "This message cannot be canceled"))
	default:
		m.canceled = now
		writeJSON(w, http.StatusOK, s.wire(m, now, false))
	}
}
