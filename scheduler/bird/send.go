package bird

import (
	"context"
	"errors"
	"net/http"
	"regexp"
	"strings"
	"time"

	"minuit/internal/minuit"
	"minuit/scheduler"
	"minuit/scheduler/providerhttp"
)

// RefTag is the name of the tag that carries a batch's Reference; Lookup
// filters on it ("tag=minuit_ref:<reference>").
const RefTag = "minuit_ref"

// RefMetadata is the metadata key that also carries the Reference.
const RefMetadata = "minuit_reference"

// refPattern is what a tag value may hold (and so a Reference Bird can find).
var refPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

// tag is Bird's structured {name, value} label.
type tag struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// sendBody is POST /v1/sms/messages. Bird's validity_period and scheduled_at
// are previews it refuses (422 SMSUnsupportedFeature): they are never sent.
type sendBody struct {
	To       string            `json:"to"`
	From     string            `json:"from"`
	Text     string            `json:"text"`
	Category string            `json:"category"`
	Tags     []tag             `json:"tags"`
	Metadata map[string]string `json:"metadata"`
}

// smsMessage is the part of Bird's SMSMessage that Minuit reads.
type smsMessage struct {
	ID        string         `json:"id"`
	To        string         `json:"to"`
	From      string         `json:"from"`
	Text      string         `json:"text"`
	Direction string         `json:"direction"`
	Status    string         `json:"status"`
	Tags      []tag          `json:"tags"`
	Metadata  map[string]any `json:"metadata"`
	CreatedAt time.Time      `json:"created_at"`
	SentAt    *time.Time     `json:"sent_at"`
	Delivered *time.Time     `json:"delivered_at"`
	LastError *struct {
		Code        string    `json:"code"`
		Description string    `json:"description"`
		OccurredAt  time.Time `json:"occurred_at"`
	} `json:"last_error"`
}

// reference returns the Reference a message carries, from its metadata or its tag.
func (m *smsMessage) reference() string {
	if ref, ok := m.Metadata[RefMetadata].(string); ok && ref != "" {
		return ref
	}
	for _, t := range m.Tags {
		if t.Name == RefTag {
			return t.Value
		}
	}
	return ""
}

// Send implements scheduler.Provider: one POST /v1/sms/messages with the
// batch's Reference as Idempotency-Key, as the minuit_ref tag and in metadata.
// A resend of the same batch within Bird's idempotency window (about three
// hours) answers the original message and creates nothing.
func (p *Provider) Send(ctx context.Context, b scheduler.Batch) (scheduler.Accepted, error) {
	from := p.from
	if from == "" {
		from = strings.TrimSpace(b.Originator)
	}
	if err := checkBatch(b, from); err != nil {
		return scheduler.Accepted{}, err
	}
	category := "transactional"
	if b.Kind == minuit.Marketing {
		category = "marketing"
	}
	body := sendBody{To: b.Recipients[0], From: from, Text: b.Body, Category: category,
		Tags: []tag{{RefTag, b.Reference}}, Metadata: map[string]string{RefMetadata: b.Reference}}
	var m smsMessage
	err := p.do(ctx, request{op: "send", method: http.MethodPost, path: "/v1/sms/messages", body: body,
		idemKey: b.Reference}, &m)
	if err != nil {
		return scheduler.Accepted{}, err
	}
	if m.ID == "" {
		return scheduler.Accepted{}, providerhttp.Error(scheduler.Ambiguous,
			"Bird's answer had no message id; the message may have been sent", errors.New("bird: send: no id in the answer"))
	}
	acc := scheduler.Accepted{ID: m.ID, Reference: m.reference(), Recipients: []string{e164(m.To)}}
	if acc.Reference == "" {
		acc.Reference = b.Reference
	}
	if m.To == "" {
		acc.Recipients = []string{b.Recipients[0]}
	}
	return acc, nil
}

// checkBatch refuses, with a Permanent error and no request, what Bird would
// refuse or Minuit could not find again.
func checkBatch(b scheduler.Batch, from string) error {
	var reason string
	switch {
	case !refPattern.MatchString(b.Reference):
		reason = "the batch's reference cannot be used with Bird (1 to 64 letters, digits, - or _)"
	case from == "":
		reason = "the sender ID is missing"
	case !validSender(from):
		reason = "Bird does not accept the sender ID " + from + " (a number, a short code, or up to 11 letters and digits)"
	case b.Body == "":
		reason = "the message is empty"
	case len(b.Recipients) == 0:
		reason = "the message has no recipient"
	case len(b.Recipients) > 1:
		reason = "Bird takes one recipient per request"
	case !e164Pattern.MatchString(b.Recipients[0]):
		reason = "the number is not valid"
	case !b.SendAt.IsZero():
		reason = "Bird cannot schedule messages: Minuit must send them at their time"
	default:
		return nil
	}
	return providerhttp.Error(scheduler.Permanent, reason, errors.New("bird: send: "+reason))
}

// e164 adds the "+" to a number made only of digits.
func e164(n string) string {
	n = strings.TrimSpace(n)
	if n != "" && strings.Trim(n, "0123456789") == "" {
		return "+" + n
	}
	return n
}
