package brevo

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"minuit/internal/minuit"
	"minuit/scheduler"
	"minuit/scheduler/providerhttp"
	"minuit/scheduler/sms"
)

// SendPath is the transactional SMS endpoint, under the base URL.
const SendPath = "/transactionalSMS/send"

// sendBody is the JSON of POST /transactionalSMS/send.
type sendBody struct {
	Sender             string `json:"sender"`
	Recipient          string `json:"recipient"`
	Content            string `json:"content"`
	Type               string `json:"type"`
	Tag                string `json:"tag,omitempty"`
	UnicodeEnabled     bool   `json:"unicodeEnabled,omitempty"`
	OrganisationPrefix string `json:"organisationPrefix,omitempty"`
}

// Send implements scheduler.Provider: one POST /transactionalSMS/send for the
// batch's single recipient, tagged with its Reference.
func (p *Provider) Send(ctx context.Context, b scheduler.Batch) (scheduler.Accepted, error) {
	sender := strings.TrimSpace(b.Originator)
	if sender == "" {
		sender = p.sender
	}
	if reason := p.checkBatch(b, sender); reason != "" {
		return scheduler.Accepted{}, providerhttp.Error(scheduler.Permanent, reason, errors.New("brevo: send: "+reason))
	}
	to := digits(b.Recipients[0])
	in := sendBody{
		Sender: sender, Recipient: to, Content: b.Body, Type: "transactional", Tag: b.Reference,
		UnicodeEnabled: sms.Count(b.Body).Encoding != sms.GSM7, OrganisationPrefix: p.prefix,
	}
	if b.Kind == minuit.Marketing {
		in.Type = "marketing"
	}
	a, err := p.call(ctx, "send", http.MethodPost, SendPath, nil, in)
	if err != nil {
		return scheduler.Accepted{}, err
	}
	var out struct {
		MessageID json.Number `json:"messageId"`
	}
	if err := decode("send", http.MethodPost, a, &out); err != nil {
		return scheduler.Accepted{}, err
	}
	id, ok := parseMessageID(out.MessageID.String())
	if !ok {
		return scheduler.Accepted{}, providerhttp.Unreadable("Brevo", true,
			fmt.Errorf("brevo: send: the answer (HTTP %d) has no valid messageId: %q", a.status, clip(string(a.body))))
	}
	return scheduler.Accepted{ID: providerID(id, to), Reference: b.Reference, Recipients: []string{"+" + to}}, nil
}

// checkBatch returns why Brevo would refuse b, or "".
func (p *Provider) checkBatch(b scheduler.Batch, sender string) string {
	switch {
	case len(b.Recipients) == 0:
		return "the message has no recipient"
	case len(b.Recipients) > 1:
		return "Brevo takes one recipient a request"
	case !b.SendAt.IsZero():
		return "Brevo cannot schedule transactional SMS"
	case sender == "":
		return "the sender ID is missing"
	case !ValidSender(sender):
		return "Brevo does not accept the sender ID " + strconv.Quote(sender) + ": use up to 11 letters and digits, or a number of up to 15 digits"
	case strings.TrimSpace(b.Body) == "":
		return "the message is empty"
	}
	if d := digits(b.Recipients[0]); !isDigits(d) || len(d) < 6 || len(d) > 15 {
		return "the number is not valid"
	}
	return ""
}

// digits strips the "+" and spaces of an E.164 number, as Brevo wants it.
func digits(number string) string {
	return strings.TrimPrefix(strings.ReplaceAll(strings.TrimSpace(number), " ", ""), "+")
}

// providerID is the id Send returns: "<messageId>:<digits>".
func providerID(messageID, digits string) string { return messageID + ":" + digits }

// parseProviderID splits an id made by providerID, refusing anything else.
func parseProviderID(id string) (messageID, digits string, ok bool) {
	m, d, found := strings.Cut(id, ":")
	if _, valid := parseMessageID(m); !found || !valid || !isDigits(d) || len(d) > 15 {
		return "", "", false
	}
	return m, d, true
}

// parseMessageID accepts Brevo's message ids: positive integers of up to 19 digits.
func parseMessageID(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if !isDigits(s) || len(s) > 19 {
		return "", false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return "", false
	}
	return strconv.FormatInt(n, 10), true
}
