package mbemu

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// The JSON shapes below follow MessageBird's REST API documentation and the
// SDK's own test fixtures (sms/testdata, balance/testdata).

type wireMessage struct {
	ID                string         `json:"id"`
	Href              string         `json:"href"`
	Direction         string         `json:"direction"`
	Type              string         `json:"type"`
	Originator        string         `json:"originator"`
	Body              string         `json:"body"`
	Reference         *string        `json:"reference"`
	Validity          *int           `json:"validity"`
	Gateway           int            `json:"gateway"`
	TypeDetails       map[string]any `json:"typeDetails"`
	DataCoding        string         `json:"datacoding"`
	MClass            int            `json:"mclass"`
	ScheduledDatetime *string        `json:"scheduledDatetime"`
	CreatedDatetime   string         `json:"createdDatetime"`
	Recipients        wireRecipients `json:"recipients"`
}

type wireRecipients struct {
	TotalCount               int             `json:"totalCount"`
	TotalSentCount           int             `json:"totalSentCount"`
	TotalDeliveredCount      int             `json:"totalDeliveredCount"`
	TotalDeliveryFailedCount int             `json:"totalDeliveryFailedCount"`
	Items                    []wireRecipient `json:"items"`
}

type wireRecipient struct {
	Recipient        int64   `json:"recipient"`
	Status           string  `json:"status"`
	StatusDatetime   string  `json:"statusDatetime"`
	MessagePartCount int     `json:"messagePartCount"`
	MessageLength    int     `json:"messageLength"`
	StatusReason     *string `json:"statusReason"`
	StatusErrorCode  *int    `json:"statusErrorCode"`
}

type wireList struct {
	Offset     int           `json:"offset"`
	Limit      int           `json:"limit"`
	Count      int           `json:"count"`
	TotalCount int           `json:"totalCount"`
	Links      wireLinks     `json:"links"`
	Items      []wireMessage `json:"items"`
}

type wireLinks struct {
	First    *string `json:"first"`
	Previous *string `json:"previous"`
	Next     *string `json:"next"`
	Last     *string `json:"last"`
}

type wireBalance struct {
	Payment string  `json:"payment"`
	Type    string  `json:"type"`
	Amount  float64 `json:"amount"`
}

type wireError struct {
	Code        int     `json:"code"`
	Description string  `json:"description"`
	Parameter   *string `json:"parameter"`
}

// apiTime formats times as the API does: "2022-01-05T10:02:59+00:00".
func apiTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05-07:00") }

func optString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func (s *Server) toWire(m Message) wireMessage {
	w := wireMessage{
		ID: m.ID, Href: s.base + "/messages/" + m.ID, Direction: m.Direction, Type: m.Type,
		Originator: m.Originator, Body: m.Body, Reference: optString(m.Reference),
		Gateway: m.Gateway, TypeDetails: map[string]any{}, DataCoding: m.DataCoding,
		MClass: m.MClass, CreatedDatetime: apiTime(m.Created),
	}
	if m.Validity > 0 {
		v := m.Validity
		w.Validity = &v
	}
	if !m.Scheduled.IsZero() {
		w.ScheduledDatetime = optString(apiTime(m.Scheduled))
	}
	parts, length := messageParts(m.Body)
	w.Recipients.TotalCount = len(m.Recipients)
	w.Recipients.Items = make([]wireRecipient, 0, len(m.Recipients))
	for _, r := range m.Recipients {
		item := wireRecipient{
			Recipient: r.Number, Status: r.Status, StatusDatetime: apiTime(r.StatusAt),
			MessagePartCount: parts, MessageLength: length, StatusReason: optString(r.Reason),
		}
		if r.ErrorCode != 0 {
			code := r.ErrorCode
			item.StatusErrorCode = &code
		}
		switch r.Status {
		case "scheduled":
		case "delivered":
			w.Recipients.TotalSentCount++
			w.Recipients.TotalDeliveredCount++
		case "delivery_failed":
			w.Recipients.TotalSentCount++
			w.Recipients.TotalDeliveryFailedCount++
		default:
			w.Recipients.TotalSentCount++
		}
		w.Recipients.Items = append(w.Recipients.Items, item)
	}
	return w
}

// messageParts returns how many SMS parts body takes and its length in characters.
func messageParts(body string) (parts, length int) {
	length = utf8.RuneCountInString(body)
	single, multi := 160, 153
	if dataCoding(body) == "unicode" {
		single, multi = 70, 67
	}
	if length <= single {
		return 1, length
	}
	return (length + multi - 1) / multi, length
}

// dataCoding is a simplification of GSM 03.38: printable ASCII counts as plain.
func dataCoding(body string) string {
	for _, r := range body {
		if r > 0x7e || (r < 0x20 && r != '\n' && r != '\r') {
			return "unicode"
		}
	}
	return "plain"
}

// parseMSISDN accepts digits with an optional leading "+", as the API does.
func parseMSISDN(s string) (int64, bool) {
	digits := strings.TrimPrefix(strings.TrimSpace(s), "+")
	if digits == "" || len(digits) > 15 {
		return 0, false
	}
	for _, c := range digits {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	n, err := strconv.ParseInt(digits, 10, 64)
	return n, err == nil && n > 0
}

func newID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, status int, errs ...APIError) {
	body := struct {
		Errors []wireError `json:"errors"`
	}{}
	for _, e := range errs {
		body.Errors = append(body.Errors, wireError{Code: e.Code, Description: e.Description, Parameter: optString(e.Parameter)})
	}
	writeJSON(w, status, body)
}
