package smsgate

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"minuit/scheduler"
	"minuit/scheduler/providerhttp"
)

// timeLayout writes dates as the app reads them (yyyy-MM-dd'T'HH:mm:ss[.SSS]XXX).
const timeLayout = "2006-01-02T15:04:05.000Z07:00"

// minLead: a scheduleAt closer than this is dropped and the message leaves at
// once, so a phone whose clock is a little ahead does not refuse it as past.
const minLead = time.Minute

type wireText struct {
	Text string `json:"text"`
}

// wireMessage is the POST /messages body.
type wireMessage struct {
	ID                 string    `json:"id"`
	TextMessage        *wireText `json:"textMessage"`
	PhoneNumbers       []string  `json:"phoneNumbers"`
	SimNumber          int       `json:"simNumber,omitempty"`
	WithDeliveryReport bool      `json:"withDeliveryReport"`
	TTL                int64     `json:"ttl,omitempty"`
	ValidUntil         string    `json:"validUntil,omitempty"`
	ScheduleAt         string    `json:"scheduleAt,omitempty"`
}

// wireState is the message JSON of the answers (POST, GET, DELETE).
type wireState struct {
	ID         string `json:"id"`
	State      string `json:"state"`
	ScheduleAt string `json:"scheduleAt"` // the local app only
	Recipients []struct {
		PhoneNumber string  `json:"phoneNumber"`
		State       string  `json:"state"`
		Error       *string `json:"error"`
	} `json:"recipients"`
	States map[string]string `json:"states"`
}

func (w *wireState) accepted(reference string) scheduler.Accepted {
	a := scheduler.Accepted{ID: w.ID, Reference: reference}
	if a.ID == "" {
		a.ID = reference
	}
	for _, r := range w.Recipients {
		a.Recipients = append(a.Recipients, e164(r.PhoneNumber))
	}
	return a
}

// Send implements scheduler.Provider: POST /messages with our reference as the
// message id. A 409 (the phone holds that id: an earlier attempt got through)
// returns the message already there.
func (p *Provider) Send(ctx context.Context, b scheduler.Batch) (scheduler.Accepted, error) {
	msg, err := p.message(b)
	if err != nil {
		return scheduler.Accepted{}, err
	}
	rep, err := p.do(ctx, "send", http.MethodPost, "/messages", nil, msg)
	if err != nil {
		return scheduler.Accepted{}, err
	}
	switch {
	case rep.status == http.StatusConflict:
		return p.existing(ctx, b.Reference)
	case !rep.ok():
		return scheduler.Accepted{}, p.statusError("send", rep)
	}
	var st wireState
	if err := rep.decode(&st); err != nil {
		return scheduler.Accepted{}, providerhttp.Error(scheduler.Ambiguous,
			"SMS Gateway's answer could not be read; the message may have been taken", fmt.Errorf("smsgate: send: %w", err))
	}
	return st.accepted(b.Reference), nil
}

// existing reads the message a duplicate id points to.
func (p *Provider) existing(ctx context.Context, id string) (scheduler.Accepted, error) {
	st, found, err := p.read(ctx, "send", id)
	switch {
	case err != nil:
		return scheduler.Accepted{}, err
	case !found:
		return scheduler.Accepted{}, providerhttp.Error(scheduler.Permanent, "SMS Gateway holds this message id but will not show it",
			fmt.Errorf("smsgate: send: HTTP 409 then 404 for %q", id))
	}
	return st.accepted(id), nil
}

// read is GET /messages/{id}; found is false on 404.
func (p *Provider) read(ctx context.Context, op, id string) (*wireState, bool, error) {
	rep, err := p.do(ctx, op, http.MethodGet, "/messages/"+id, nil, nil)
	switch {
	case err != nil:
		return nil, false, err
	case rep.status == http.StatusNotFound:
		return nil, false, nil
	case !rep.ok():
		return nil, false, p.statusError(op, rep)
	}
	var st wireState
	if err := rep.decode(&st); err != nil {
		return nil, false, providerhttp.Unreadable("SMS Gateway", false, fmt.Errorf("smsgate: %s: %w", op, err))
	}
	return &st, true, nil
}

// message checks b and builds its request body.
func (p *Provider) message(b scheduler.Batch) (*wireMessage, error) {
	refuse := func(reason string) (*wireMessage, error) {
		return nil, providerhttp.Error(scheduler.Permanent, reason, errors.New("smsgate: send: "+reason))
	}
	now := p.now()
	switch {
	case len(b.Recipients) == 0:
		return refuse("the message has no recipient")
	case len(b.Recipients) > 1:
		return refuse("SMS Gateway takes one recipient per request here")
	case b.Body == "":
		return refuse("the message is empty")
	case !validID(b.Reference):
		return refuse(fmt.Sprintf("the reference %q cannot be an SMS Gateway message id", b.Reference))
	case !isE164(b.Recipients[0]):
		return refuse("the number is not valid: SMS Gateway needs it in international format (+33…)")
	case !b.SendAt.IsZero() && b.SendAt.Sub(now) > ScheduleMax:
		return refuse("SMS Gateway holds a message at most 35 days ahead")
	}
	m := &wireMessage{ID: b.Reference, TextMessage: &wireText{Text: b.Body}, PhoneNumbers: b.Recipients,
		SimNumber: p.sim, WithDeliveryReport: true}
	scheduled := !b.SendAt.IsZero() && b.SendAt.Sub(now) >= minLead
	if scheduled {
		m.ScheduleAt = b.SendAt.UTC().Format(timeLayout)
	}
	switch {
	case b.Validity <= 0:
	case scheduled: // validUntil must not come before scheduleAt
		m.ValidUntil = b.SendAt.Add(b.Validity).UTC().Format(timeLayout)
	default: // ttl counts on the phone's clock, whatever this computer's says
		m.TTL = max(int64((b.Validity+time.Second-1)/time.Second), 5)
	}
	return m, nil
}

// validID accepts ids the app and the cloud take (at most 36 characters) and
// that are safe in a URL path.
func validID(id string) bool {
	if id == "" || len(id) > 36 {
		return false
	}
	return strings.Trim(id, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") == ""
}

// isE164 accepts "+" and 7 to 15 digits.
func isE164(n string) bool {
	d, ok := strings.CutPrefix(n, "+")
	return ok && len(d) >= 7 && len(d) <= 15 && d[0] != '0' && strings.Trim(d, "0123456789") == ""
}

// e164 adds the "+" to a number made of digits only.
func e164(n string) string {
	n = strings.TrimSpace(n)
	if n != "" && n[0] != '0' && strings.Trim(n, "0123456789") == "" {
		return "+" + n
	}
	return n
}
