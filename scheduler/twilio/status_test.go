package twilio_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"minuit/scheduler"
	"minuit/scheduler/providertest"
	"minuit/scheduler/twilio/twilioemu"
)

func TestFailedMessagesGetAReasonFromTheirErrorCode(t *testing.T) {
	clock := newFakeClock()
	cases := []struct {
		number   string
		code     int
		reason   string
		optedOut bool
	}{
		{"+33600000001", 30003, "could not be reached", false},
		{"+33600000002", 30005, "not in use", false},
		{"+33600000003", 30006, "landline", false},
		{"+33600000004", 30007, "filtered the message", false},
		{"+33600000005", 21610, "replied STOP", true},
		{"+33600000006", 30008, "the operator could not deliver it: Unknown error (Twilio error 30008)", false},
	}
	var opts []twilioemu.Option
	for _, c := range cases {
		opts = append(opts, twilioemu.WithFailure(c.number, c.code))
	}
	emu := newEmu(t, clock, opts...)
	p := newProvider(t, baseConfig(emu))
	ids := map[string]string{}
	for _, c := range cases {
		acc, err := p.Send(t.Context(), batch("r", c.number, "Bonjour"))
		if err != nil {
			t.Fatal(err)
		}
		ids[c.number] = acc.ID
	}
	clock.Advance(2 * time.Minute)
	for _, c := range cases {
		sts, err := p.Status(t.Context(), ids[c.number])
		if err != nil {
			t.Fatal(err)
		}
		s := sts[0]
		if len(sts) != 1 || s.Recipient != c.number || s.Status != scheduler.DLRFailed || s.OptedOut != c.optedOut ||
			!strings.Contains(s.Reason, c.reason) || !strings.Contains(s.Reason, "error") {
			t.Errorf("code %d: status %+v, want failed with a reason saying %q (opted out %v)", c.code, sts, c.reason, c.optedOut)
		}
		if want := providertest.Start.Add(time.Minute); !s.At.Equal(want) {
			t.Errorf("code %d: At = %v, want the time of the failure %v", c.code, s.At, want)
		}
	}
}

func TestStatusesFollowTheMessageFromScheduledToDeliveredOrCancelled(t *testing.T) {
	clock := newFakeClock()
	emu := newEmu(t, clock)
	p := newProvider(t, baseConfig(emu))
	status := func(id string) scheduler.RecipientStatus {
		t.Helper()
		sts, err := p.Status(t.Context(), id)
		if err != nil || len(sts) != 1 {
			t.Fatalf("Status(%s) = %v, %v", id, sts, err)
		}
		return sts[0]
	}
	later := batch("r1", "+33612345678", "Plus tard")
	later.SendAt = clock.Now().Add(time.Hour)
	acc, err := p.Send(t.Context(), later)
	if err != nil {
		t.Fatal(err)
	}
	withdrawn := later
	withdrawn.Body = "Annulé"
	acc2, err := p.Send(t.Context(), withdrawn)
	if err != nil {
		t.Fatal(err)
	}
	if s := status(acc.ID); s.Status != scheduler.DLRScheduled {
		t.Errorf("before its time: %+v, want scheduled", s)
	}
	if err := p.Cancel(t.Context(), acc2.ID); err != nil {
		t.Fatal(err)
	}
	if err := p.Cancel(t.Context(), acc2.ID); err != nil {
		t.Errorf("cancelling twice: %v, want nil", err)
	}
	clock.Advance(time.Hour)
	if s := status(acc.ID); s.Status != scheduler.DLRPending || !s.At.Equal(later.SendAt) {
		t.Errorf("at its time: %+v, want pending since %v", s, later.SendAt)
	}
	clock.Advance(time.Minute)
	if s := status(acc.ID); s.Status != scheduler.DLRDelivered || s.Reason != "" {
		t.Errorf("a minute later: %+v, want delivered", s)
	}
	if s := status(acc2.ID); s.Status != scheduler.DLRCancelled {
		t.Errorf("the cancelled one: %+v, want cancelled", s)
	}
	err = p.Cancel(t.Context(), acc.ID)
	if !errors.Is(err, scheduler.ErrAlreadySent) {
		t.Fatalf("cancelling a sent message: %v, want ErrAlreadySent", err)
	}
	wantProviderError(t, err, scheduler.Permanent, "Twilio had already sent the message")
	if f := requests(emu, "POST", acc2.ID+".json")[0].Form; f.Get("Status") != "canceled" || len(f) != 1 {
		t.Errorf("cancel form %v, want only Status=canceled", f)
	}
}

func TestAMessageSentAtOnceCannotBeCancelled(t *testing.T) {
	emu := newEmu(t, newFakeClock())
	p := newProvider(t, baseConfig(emu))
	acc, err := p.Send(t.Context(), batch("r", "+33612345678", "Maintenant"))
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Cancel(t.Context(), acc.ID); !errors.Is(err, scheduler.ErrAlreadySent) {
		t.Errorf("Cancel: %v, want ErrAlreadySent", err)
	}
}

func TestTheBalanceIsReadWithItsCurrency(t *testing.T) {
	emu := newEmu(t, nil)
	p := newProvider(t, baseConfig(emu))
	b, err := p.Balance(t.Context())
	if err != nil || b.Amount != 12.34 || b.Type != "USD" {
		t.Errorf("Balance = %+v, %v; want 12.34 USD", b, err)
	}
	emu.SetBalance("-1.50", "eur")
	if b, err := p.Balance(t.Context()); err != nil || b.Amount != -1.5 || b.Type != "EUR" {
		t.Errorf("Balance = %+v, %v; want -1.5 EUR", b, err)
	}
	emu.SetBalance("", "")
	if b, err := p.Balance(t.Context()); err != nil || b.Type != "" {
		t.Errorf("a subaccount's Balance = %+v, %v; want no amount and no error", b, err)
	}
	emu.SetBalance("lots", "USD")
	_, err = p.Balance(t.Context())
	wantProviderError(t, err, scheduler.Transient, "balance could not be read")
}

func TestWithoutABalanceEndpointTheCredentialsAreCheckedByAList(t *testing.T) {
	emu := newEmu(t, nil)
	p := newProvider(t, baseConfig(emu))
	emu.InjectError(twilioemu.APIError{Status: 404, Code: 20404, Message: "The requested resource was not found"}, "")
	b, err := p.Balance(t.Context())
	if err != nil || b.Type != "" {
		t.Fatalf("Balance = %+v, %v; want no amount and no error", b, err)
	}
	reqs := requests(emu, "GET", "/Messages.json")
	if len(reqs) != 1 || reqs[0].Query.Get("PageSize") != "1" {
		t.Errorf("list requests %+v, want one with PageSize=1", reqs)
	}
	emu.InjectError(twilioemu.APIError{Status: 404, Code: 20404, Message: "not found"}, "")
	emu.Inject(providertest.FaultThrottle)
	_, err = p.Balance(t.Context())
	wantProviderError(t, err, scheduler.Transient, "slow down")
}
