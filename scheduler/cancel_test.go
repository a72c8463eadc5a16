package scheduler

import (
	"errors"
	"testing"
)

// refusedCancel asserts err is a StateError whose sentence is want.
func refusedCancel(t *testing.T, err error, want string) {
	t.Helper()
	var se *StateError
	if !errors.As(err, &se) || se.Error() != want {
		t.Fatalf("err = %v, want the refusal %q", err, want)
	}
}

func TestCancellingADeliveryThatLeftOrFailedSaysSoAndChangesNothing(t *testing.T) {
	h := newHarness(t, paris(t, "2026-06-01 10:00"))
	h.prov.fail = []error{&ProviderError{Class: Permanent, Reason: "the number is not valid"}}
	h.schedule(Message{Body: "Rappel", At: "2026-06-01 10:00", Recipients: to("+33600000001")})
	h.pass()
	h.schedule(Message{Body: "Rappel", At: "2026-06-01 10:00", Recipients: to("+33612345678")})
	h.prov.status = DLRDelivered
	h.pass()
	h.clock.Advance(firstCheck)
	h.pass()
	byNumber := map[string]Delivery{}
	for _, d := range h.deliveries() {
		byNumber[d.To] = d
	}
	failed, delivered := byNumber["+33600000001"], byNumber["+33612345678"]
	if failed.State != Failed || delivered.State != Delivered {
		t.Fatalf("deliveries = %+v, want one failed and one delivered", h.deliveries())
	}
	before, err := h.store.Reports(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	refusedCancel(t, h.store.CancelDelivery(t.Context(), delivered.ID),
		"Delivery 2 already left at 2026-06-01 10:00; nothing was changed.")
	refusedCancel(t, h.store.CancelDelivery(t.Context(), failed.ID),
		"Delivery 1 already failed at 2026-06-01 10:00; there is nothing to cancel.")
	after, err := h.store.Reports(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	for i := range after {
		if after[i].Failed != before[i].Failed || after[i].Delivered != before[i].Delivered || after[i].Cancelled != 0 {
			t.Fatalf("report changed by a refused cancel: %+v, was %+v", after[i], before[i])
		}
	}
}

func TestCancellingAMessageThatAlreadyLeftSaysSoAndChangesNothing(t *testing.T) {
	h := newHarness(t, paris(t, "2026-06-01 10:00"))
	id := h.schedule(Message{Body: "Rappel", At: "2026-06-01 10:00", Recipients: to("+33612345678")})
	h.pass()
	refusedCancel(t, h.store.CancelMessage(t.Context(), id),
		"Message 1 already left (last at 2026-06-01 10:00); nothing was changed.")
	if m, err := h.store.Message(t.Context(), id); err != nil || m.Status != MessageDone {
		t.Fatalf("message = %s (%v), want still done", m.Status, err)
	}
	if d := h.deliveries()[0]; d.State != Sent {
		t.Fatalf("delivery = %s, want still sent", d.State)
	}
	later := h.schedule(Message{Body: "Plus tard", At: "2026-06-02 10:00", Recipients: to("+33612345678")})
	if err := h.store.CancelMessage(t.Context(), later); err != nil {
		t.Fatal(err)
	}
	refusedCancel(t, h.store.CancelMessage(t.Context(), later), "Message 2 is already cancelled; nothing was changed.")
}

func TestAnUnknownIdSaysThereIsNoSuchMessageOrDelivery(t *testing.T) {
	h := newHarness(t, paris(t, "2026-06-01 10:00"))
	for _, c := range []struct {
		err  error
		want string
	}{
		{h.store.CancelMessage(t.Context(), 999), "There is no message 999."},
		{h.store.CancelDelivery(t.Context(), 999), "There is no delivery 999."},
		{h.store.SendAgain(t.Context(), 999), "There is no delivery 999."},
	} {
		var nf *NotFoundError
		if !errors.Is(c.err, ErrNotFound) || !errors.As(c.err, &nf) || c.err.Error() != c.want {
			t.Fatalf("err = %v, want %q", c.err, c.want)
		}
	}
}

func TestSendingAgainADeliveryThatLeftSaysWhereItStands(t *testing.T) {
	h := newHarness(t, paris(t, "2026-06-01 10:00"))
	h.schedule(Message{Body: "Rappel", At: "2026-06-01 10:00", Recipients: to("+33612345678")})
	h.pass()
	refusedCancel(t, h.store.SendAgain(t.Context(), h.deliveries()[0].ID),
		"Delivery 1 is sent; only failed, missed, expired or unconfirmed ones can be sent again.")
}
