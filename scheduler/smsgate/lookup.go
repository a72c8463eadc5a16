package smsgate

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"minuit/scheduler"
	"minuit/scheduler/providerhttp"
)

// Lookup implements scheduler.Provider: our reference is the message id, so
// each batch is one GET /messages/{reference}; a 404 means the phone never took
// it. since is not needed.
func (p *Provider) Lookup(ctx context.Context, batches []scheduler.Batch, _ time.Time) (map[string]scheduler.Accepted, error) {
	found := make(map[string]scheduler.Accepted, len(batches))
	asked := make(map[string]bool, len(batches))
	for _, b := range batches {
		ref := b.Reference
		if !validID(ref) || asked[ref] {
			continue // an id the phone could not hold was never sent to it
		}
		asked[ref] = true
		st, ok, err := p.read(ctx, "lookup", ref)
		if err != nil {
			return nil, err
		}
		if ok {
			found[ref] = st.accepted(ref)
		}
	}
	return found, nil
}

// Cancel implements scheduler.Canceller with DELETE /messages/{id}, which
// withdraws a message while it is Pending. When it is not, the local app
// answers 400 and the cloud 409: the error then wraps scheduler.ErrAlreadySent.
// The cloud answers "Cancelling" and the phone confirms later; if the phone had
// already started sending, it goes anyway (see the package documentation).
func (p *Provider) Cancel(ctx context.Context, providerID string) error {
	if !validID(providerID) {
		return invalidID("cancel", providerID)
	}
	rep, err := p.do(ctx, "cancel", http.MethodDelete, "/messages/"+providerID, nil, nil)
	switch {
	case err != nil:
		return err
	case rep.ok():
		return nil
	case rep.status == http.StatusConflict || rep.status == http.StatusBadRequest:
		msg := apiMessage(rep)
		return providerhttp.Error(scheduler.Permanent, p.who()+" had already sent it, or was sending it: it could not be withdrawn",
			fmt.Errorf("smsgate: cancel: HTTP %d: %s: %w", rep.status, msg, scheduler.ErrAlreadySent))
	case rep.status == http.StatusNotFound:
		return notFound("cancel", providerID)
	}
	return p.statusError("cancel", rep)
}

func invalidID(op, id string) error {
	reason := "this is not an SMS Gateway message id"
	return providerhttp.Error(scheduler.Permanent, reason, errors.New("smsgate: "+op+": "+reason+": "+strconv.Quote(id)))
}

func notFound(op, id string) error {
	return providerhttp.Error(scheduler.Permanent, "SMS Gateway does not know this message (were the app's data cleared?)",
		fmt.Errorf("smsgate: %s: HTTP 404 for %q", op, id))
}
