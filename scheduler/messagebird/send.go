package messagebird

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	mb "github.com/messagebird/go-rest-api/v9"
	"github.com/messagebird/go-rest-api/v9/sms"

	"minuit/scheduler"
	"minuit/scheduler/providerhttp"
)

// Send implements scheduler.Provider: one POST /messages for the batch, with its
// Reference and, when set, its Validity rounded up to whole seconds and its
// SendAt as scheduledDatetime (see scheduledAt). A SendAt more than ScheduleMax
// ahead of Config.Now is refused before any request.
func (p *Provider) Send(ctx context.Context, b scheduler.Batch) (scheduler.Accepted, error) {
	if err := checkBatch(b, p.now()); err != nil {
		return scheduler.Accepted{}, err
	}
	recipients := make([]string, len(b.Recipients))
	for i, r := range b.Recipients {
		recipients[i] = digits(r)
	}
	params := &sms.Params{Reference: b.Reference, Validity: validitySeconds(b.Validity), ScheduledDatetime: scheduledAt(b.SendAt)}
	var msg *sms.Message
	err := p.call(ctx, "send", http.MethodPost, func(c mb.Client) error {
		var err error
		msg, err = sms.Create(c, b.Originator, recipients, b.Body, params)
		return err
	})
	if err != nil {
		return scheduler.Accepted{}, err
	}
	return accepted(msg), nil
}

// checkBatch refuses what the SDK would refuse before sending, batches the API
// would refuse, and hand-offs beyond ScheduleMax, with a Permanent error.
func checkBatch(b scheduler.Batch, now time.Time) error {
	var reason string
	switch {
	case strings.TrimSpace(b.Originator) == "":
		reason = "the sender ID is missing"
	case b.Body == "":
		reason = "the message is empty"
	case len(b.Recipients) == 0:
		reason = "the message has no recipient"
	case len(b.Recipients) > scheduler.MaxBatch:
		reason = fmt.Sprintf("one request can carry at most %d recipients", scheduler.MaxBatch)
	case !b.SendAt.IsZero() && b.SendAt.Sub(now) > ScheduleMax:
		reason = fmt.Sprintf("a message can be handed to MessageBird at most %d days ahead", ScheduleMax/(24*time.Hour))
	default:
		return nil
	}
	return providerhttp.Error(scheduler.Permanent, reason, errors.New("messagebird: send: "+reason))
}

// validitySeconds converts a validity to the API's whole seconds: 0 stays 0
// (the field is then omitted), anything positive is rounded up.
func validitySeconds(d time.Duration) int {
	if d <= 0 {
		return 0
	}
	return int((d + time.Second - 1) / time.Second)
}

// scheduledAt is SendAt for the SDK, which writes it as RFC 3339 in the time's
// own zone and drops any fraction of a second: in UTC, rounded up to the next
// whole second so that the message never leaves before SendAt. Zero stays zero
// (no scheduledDatetime: the message leaves at once).
func scheduledAt(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	t = t.UTC()
	if r := t.Truncate(time.Second); r.Before(t) {
		return r.Add(time.Second)
	}
	return t
}

// digits strips the "+" (and spaces) of an E.164 number for the API.
func digits(number string) string {
	return strings.TrimPrefix(strings.ReplaceAll(strings.TrimSpace(number), " ", ""), "+")
}

// e164 turns the API's int64 recipient back into "+" and digits.
func e164(n int64) string { return "+" + strconv.FormatInt(n, 10) }

func accepted(m *sms.Message) scheduler.Accepted {
	a := scheduler.Accepted{ID: m.ID, Reference: m.Reference}
	for _, r := range m.Recipients.Items {
		a.Recipients = append(a.Recipients, e164(r.Recipient))
	}
	return a
}
