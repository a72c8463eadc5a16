package brevoemu

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"mime"
	"net/http"
	"strings"

	"minuit/scheduler/sms"
)

// The reason of the hardBounces event of a number ending in 9991, from Brevo's
// documented example.
const BounceReason = "Message is undeliverable due to an incorrect / invalid / blacklisted / permanently barred MSISDN for this operator"

// send serves POST /transactionalSMS/send, and the deprecated
// /transactionalSMS/sms (old answer) when legacy is set.
func (s *Server) send(w http.ResponseWriter, r *http.Request, body []byte, legacy bool) {
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		writeError(w, http.StatusBadRequest, "bad_request", "Content-Type must be application/json")
		return
	}
	var in SendBody
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		writeError(w, http.StatusBadRequest, "bad_request", "Invalid JSON body: "+err.Error())
		return
	}
	if code, msg := validate(in, s.plain); code != "" {
		writeError(w, http.StatusBadRequest, code, msg)
		return
	}
	to := phoneDigits(in.Recipient)
	text := in.Content
	if in.OrganisationPrefix != "" {
		text = in.OrganisationPrefix + ": " + text
	}
	parts := sms.Count(text).Parts

	s.mu.Lock()
	if s.credits < float64(parts) {
		s.mu.Unlock()
		writeError(w, http.StatusPaymentRequired, "not_enough_credits", "You don't have enough credit to send your SMS. Please update your plan")
		return
	}
	s.credits -= float64(parts)
	now := s.now()
	s.lastID = max(s.lastID+1, now.UnixMicro()) // Brevo's ids look like microsecond times
	m := &Message{ID: s.lastID, SentAt: now, Body: in, Digits: to, Parts: parts, Outcome: "delivered"}
	switch {
	case !s.plain && strings.HasSuffix(to, "9994"):
		m.Outcome = "unsubscription"
		s.addEvent(m, "unsubscription", now, "")
	default:
		if !s.plain && strings.HasSuffix(to, "9991") {
			m.Outcome = "hardBounces"
		}
		s.addEvent(m, "sent", now, "")
		s.addEvent(m, "accepted", now, "")
		s.pending = append(s.pending, m)
	}
	s.messages = append(s.messages, m)
	s.created[createdKey(to, in.Content)]++
	s.lastTo[to] = m
	credits := s.credits
	s.mu.Unlock()

	if !legacy {
		writeJSON(w, http.StatusCreated, map[string]any{"messageId": m.ID})
		return
	}
	var ref [10]byte
	_, _ = rand.Read(ref[:])
	writeJSON(w, http.StatusCreated, map[string]any{"reference": hex.EncodeToString(ref[:]), "messageId": m.ID,
		"smsCount": parts, "usedCredits": float64(parts), "remainingCredits": credits})
}

// validate applies Brevo's documented rules; it returns an error code and message, or "".
func validate(in SendBody, plain bool) (code, message string) {
	to := strings.TrimPrefix(in.Recipient, "+")
	switch {
	case in.Sender == "":
		return "missing_parameter", "sender is missing"
	case !validSender(in.Sender):
		return "invalid_parameter", "Invalid sender: the number of characters is limited to 11 for alphanumeric characters and 15 for numeric characters"
	case in.Recipient == "":
		return "missing_parameter", "recipient is missing"
	case !isDigits(to) || len(to) < 6 || len(to) > 15 || !plain && strings.HasSuffix(to, "9990"):
		return "invalid_parameter", "Invalid phone number"
	case in.Content == "":
		return "missing_parameter", "content is missing"
	case in.Type != "" && in.Type != "transactional" && in.Type != "marketing":
		return "invalid_parameter", "type must be one of transactional, marketing"
	case len(in.Tag) > 10:
		return "invalid_parameter", "tag can hold at most 10 tags"
	}
	return "", ""
}

// validSender: up to 11 letters, digits and spaces, or up to 15 digits.
func validSender(s string) bool {
	if d, ok := strings.CutPrefix(s, "+"); ok || isDigits(s) {
		return isDigits(d) && len(d) <= 15
	}
	if len(s) > 11 || strings.TrimSpace(s) == "" {
		return false
	}
	for _, c := range []byte(s) {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == ' ') {
			return false
		}
	}
	return true
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// phoneDigits normalises "+33…", "0033…" and "33…" to "33…".
func phoneDigits(s string) string {
	s = strings.ReplaceAll(strings.TrimSpace(s), " ", "")
	if d, ok := strings.CutPrefix(s, "+"); ok {
		return d
	}
	return strings.TrimPrefix(s, "00")
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// writeError writes Brevo's error body; an empty code is left out.
func writeError(w http.ResponseWriter, status int, code, message string) {
	body := map[string]string{"message": message}
	if code != "" {
		body["code"] = code
	}
	writeJSON(w, status, body)
}
