package twilioemu

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"minuit/scheduler/sms"
)

// message is one message held by the emulator. Its status is computed from the
// clock each time it is shown.
type message struct {
	seq      int
	sid      string
	inbound  bool
	from     string // "" for an outbound message whose service has not picked a sender
	to, body string
	service  string
	created  time.Time
	sendAt   time.Time // zero: not scheduled
	validity int
	canceled time.Time // zero: not cancelled
	failCode int       // the error it fails with once sent; 0: it is delivered
	segments int
}

// view is a message's state at one instant.
type view struct {
	status    string
	sent      time.Time // zero: date_sent is null
	updated   time.Time
	errorCode int
}

func (m *message) state(now time.Time) view {
	switch {
	case m.inbound:
		return view{status: "received", sent: m.created, updated: m.created}
	case !m.canceled.IsZero():
		return view{status: "canceled", updated: m.canceled}
	}
	at := m.created
	if !m.sendAt.IsZero() {
		at = m.sendAt
		if now.Before(at) {
			return view{status: "scheduled", updated: m.created}
		}
	}
	final := at.Add(DeliverAfter)
	switch {
	case now.Before(final):
		return view{status: "sent", sent: at, updated: at}
	case m.failCode == 0:
		return view{status: "delivered", sent: at, updated: final}
	case m.failCode >= 30000 && m.failCode < 31000:
		return view{status: "undelivered", sent: at, updated: final, errorCode: m.failCode}
	default:
		return view{status: "failed", sent: at, updated: final, errorCode: m.failCode}
	}
}

// final reports whether a status no longer changes.
func final(status string) bool {
	switch status {
	case "delivered", "undelivered", "failed", "received", "canceled", "read":
		return true
	}
	return false
}

func (m *message) direction() string {
	if m.inbound {
		return "inbound"
	}
	return "outbound-api"
}

func (m *message) snapshot(now time.Time) Message {
	v := m.state(now)
	return Message{SID: m.sid, Direction: m.direction(), From: m.from, To: m.to, Body: m.body,
		ServiceSID: m.service, Created: m.created, SendAt: m.sendAt, Validity: m.validity,
		Status: v.status, ErrorCode: v.errorCode}
}

// wireMessage is Twilio's Message resource, field for field.
type wireMessage struct {
	AccountSID          string            `json:"account_sid"`
	APIVersion          string            `json:"api_version"`
	Body                string            `json:"body"`
	DateCreated         string            `json:"date_created"`
	DateSent            *string           `json:"date_sent"`
	DateUpdated         string            `json:"date_updated"`
	Direction           string            `json:"direction"`
	ErrorCode           *int              `json:"error_code"`
	ErrorMessage        *string           `json:"error_message"`
	From                *string           `json:"from"`
	MessagingServiceSID *string           `json:"messaging_service_sid"`
	NumMedia            string            `json:"num_media"`
	NumSegments         string            `json:"num_segments"`
	Price               *string           `json:"price"`
	PriceUnit           string            `json:"price_unit"`
	SID                 string            `json:"sid"`
	Status              string            `json:"status"`
	SubresourceURIs     map[string]string `json:"subresource_uris"`
	To                  string            `json:"to"`
	URI                 string            `json:"uri"`
}

// RFC2822 is the layout of the API's dates, always in GMT ("+0000").
const RFC2822 = time.RFC1123Z

func date(t time.Time) string { return t.UTC().Format(RFC2822) }

// wire renders m as the API shows it at now; fresh is the answer to its creation,
// before Twilio has looked at it ("queued", "accepted" or "scheduled").
func (s *Server) wire(m *message, now time.Time, fresh bool) wireMessage {
	v := m.state(now)
	uri := fmt.Sprintf("/2010-04-01/Accounts/%s/Messages/%s", s.account, m.sid)
	w := wireMessage{AccountSID: s.account, APIVersion: "2010-04-01", Body: m.body,
		DateCreated: date(m.created), DateUpdated: date(v.updated), Direction: m.direction(),
		NumMedia: "0", NumSegments: strconv.Itoa(m.segments), PriceUnit: "USD", SID: m.sid,
		Status: v.status, To: m.to, URI: uri + ".json",
		SubresourceURIs: map[string]string{"media": uri + "/Media.json", "feedback": uri + "/Feedback.json"}}
	from := m.from
	if from == "" && !fresh {
		from = s.number // the service's sender pool picked the account's number
	}
	if from != "" {
		w.From = &from
	}
	if m.service != "" {
		w.MessagingServiceSID = &m.service
	}
	if fresh && v.status != "scheduled" {
		v = view{status: "queued", updated: m.created}
		if m.service != "" {
			v.status = "accepted"
		}
		w.Status, w.DateUpdated = v.status, date(v.updated)
	}
	if fresh && m.service != "" {
		w.NumSegments = "0" // no sender assigned yet
	}
	if !v.sent.IsZero() {
		sent := date(v.sent)
		w.DateSent = &sent
		price := "-0.07600"
		if m.inbound {
			price = "-0.00790"
		}
		w.Price = &price
	}
	if v.errorCode != 0 {
		code, text := v.errorCode, errorText(v.errorCode)
		w.ErrorCode, w.ErrorMessage = &code, &text
	}
	return w
}

func errorText(code int) string {
	switch code {
	case 30003:
		return "Unreachable destination handset"
	case 30005:
		return "Unknown destination handset"
	case 30006:
		return "Landline or unreachable carrier"
	case 30007:
		return "Message filtered"
	case 30008:
		return "Unknown error"
	case 21610:
		return "Attempt to send to unsubscribed recipient"
	}
	return "Error " + strconv.Itoa(code)
}

// sidFor makes a message SID, "SM" and 32 hexadecimal digits.
func sidFor(seq int) string { return fmt.Sprintf("SM%032x", seq) }

// segments is what Twilio bills the body as.
func segments(body string) int { return max(sms.Count(body).Parts, 1) }

// e164 reports whether n is "+" and 8 to 15 digits.
func e164(n string) bool {
	d, ok := strings.CutPrefix(n, "+")
	return ok && len(d) >= 8 && len(d) <= 15 && strings.Trim(d, "0123456789") == "" && d[0] != '0'
}

// alphanumericSender reports whether s is a sender ID Twilio accepts: 1 to 11
// letters, digits and spaces, at least one letter.
func alphanumericSender(s string) bool {
	letters := 0
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z':
			letters++
		case r >= '0' && r <= '9' || r == ' ':
		default:
			return false
		}
	}
	return letters > 0 && len(s) <= 11
}

// failCode is the error a message to `to` ends with once sent; 0 when delivered.
func (s *Server) failCode(to string) int {
	if code, ok := s.failures[to]; ok {
		return code
	}
	if s.testNumbers && strings.HasSuffix(to, "9991") {
		return 30003
	}
	return 0
}
