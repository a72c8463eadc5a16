package messagebird

import (
	"context"
	"fmt"
	"net/http"
	"time"

	mb "github.com/messagebird/go-rest-api/v9"
	"github.com/messagebird/go-rest-api/v9/sms"

	"minuit/scheduler"
	"minuit/scheduler/providerhttp"
)

// CancelMargin is how close to its time, on MessageBird's clock (the Date
// header of its answer), a scheduled message counts as leaving: Cancel then
// answers ErrAlreadySent and leaves it alone.
const CancelMargin = time.Minute

var _ scheduler.Canceller = (*Provider)(nil)

// cancelled is a message this Provider deleted before it left.
type cancelled struct {
	recipients []string
	at         time.Time // MessageBird's time of the deletion, when known
}

func (c cancelled) statuses() []scheduler.RecipientStatus {
	out := make([]scheduler.RecipientStatus, len(c.recipients))
	for i, r := range c.recipients {
		out[i] = scheduler.RecipientStatus{Recipient: r, Status: scheduler.DLRCancelled, At: c.at}
	}
	return out
}

// Cancel implements scheduler.Canceller.
//
// MessageBird has no "cancel": DELETE /messages/{id} deletes a message (the SDK
// presents it as cancelling a scheduled one), and the API then forgets it: a
// read answers 404. What it answers for a message that has already left is not
// documented, and deleting one would only erase its history. So Cancel first
// reads the message and deletes it only when every recipient is still
// "scheduled" and its time is more than CancelMargin away; otherwise it returns
// a Permanent error wrapping scheduler.ErrAlreadySent and deletes nothing.
//
// The Provider remembers the messages it deleted, with their recipients, for as
// long as it lives: Status reports them DLRCancelled and a second Cancel returns
// nil where MessageBird answers 404. A message MessageBird does not know and
// this Provider did not delete is a Permanent error: it may have left and been
// deleted elsewhere since.
func (p *Provider) Cancel(ctx context.Context, providerID string) error {
	if !validID(providerID) {
		return badID("cancel", providerID)
	}
	var msg *sms.Message
	rec, err := p.callWith(ctx, "cancel", http.MethodGet, func(c mb.Client) error {
		var err error
		msg, err = sms.Read(c, providerID)
		return err
	})
	if err != nil {
		if _, ok := p.wasCancelled(providerID); ok && rec.status.Load() == http.StatusNotFound {
			return nil // deleted by an earlier Cancel whose answer may have been lost
		}
		return err
	}
	if why := leaving(msg, rec.serverTime()); why != "" {
		return providerhttp.Error(scheduler.Permanent, "MessageBird had already sent the message",
			fmt.Errorf("messagebird: cancel %s: %s: %w", providerID, why, scheduler.ErrAlreadySent))
	}
	c := cancelled{at: rec.serverTime()}
	for _, r := range msg.Recipients.Items {
		c.recipients = append(c.recipients, e164(r.Recipient))
	}
	// Remember it before deleting: if the answer is lost, the message may be
	// gone, and a 404 then means this deletion worked.
	p.remember(providerID, c)
	rec, err = p.callWith(ctx, "cancel", http.MethodDelete, func(c mb.Client) error {
		return sms.Delete(c, providerID)
	})
	switch status := rec.status.Load(); {
	case err == nil || status == http.StatusNotFound:
		// Deleted, now or by a concurrent call: it was scheduled a moment ago.
		return nil
	case status != 0:
		p.forget(providerID) // MessageBird answered: it did not delete it
	}
	return err
}

// leaving says why a message can no longer be withdrawn ("" if it can): it was
// not scheduled, a recipient has left the scheduler, or its time is within
// CancelMargin of now on MessageBird's clock (unknown: zero).
func leaving(m *sms.Message, now time.Time) string {
	if m.ScheduledDatetime == nil {
		return "it was not scheduled"
	}
	for _, r := range m.Recipients.Items {
		if r.Status != "scheduled" {
			return fmt.Sprintf("%s is %s", e164(r.Recipient), r.Status)
		}
	}
	if !now.IsZero() && m.ScheduledDatetime.Sub(now) <= CancelMargin {
		return fmt.Sprintf("it is due at %s", m.ScheduledDatetime.UTC().Format(time.RFC3339))
	}
	return ""
}

func (p *Provider) remember(id string, c cancelled) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.cancelled[id] = c
}

func (p *Provider) forget(id string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.cancelled, id)
}

func (p *Provider) wasCancelled(id string) (cancelled, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	c, ok := p.cancelled[id]
	return c, ok
}
