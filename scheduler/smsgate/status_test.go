package smsgate_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"minuit/scheduler"
	"minuit/scheduler/providertest"
	"minuit/scheduler/smsgate"
	"minuit/scheduler/smsgate/gateemu"
)

// statusOf returns the single recipient's status of id.
func statusOf(t *testing.T, p *smsgate.Provider, id string) scheduler.RecipientStatus {
	t.Helper()
	sts, err := p.Status(t.Context(), id)
	if err != nil || len(sts) != 1 {
		t.Fatalf("Status(%s) = %+v, %v", id, sts, err)
	}
	return sts[0]
}

func TestTheLocalAppTakesAnInvalidNumberThenReportsItFailed(t *testing.T) {
	clk := newClock()
	emu := newEmu(t, clk)
	p := newProvider(t, emu, clk)
	if _, err := p.Send(t.Context(), batch("bad", invalid)); err != nil {
		t.Fatalf("the local app refused the message at once: %v", err)
	}
	s := statusOf(t, p, "bad")
	if s.Status != scheduler.DLRFailed || s.Reason != "the number is not valid" || s.Recipient != invalid {
		t.Errorf("status %+v, want failed: the number is not valid", s)
	}
}

func TestAFailedSendCarriesThePhonesErrorInPlainWords(t *testing.T) {
	clk := newClock()
	emu := newEmu(t, clk)
	p := newProvider(t, emu, clk)
	if _, err := p.Send(t.Context(), batch("ko", failing)); err != nil {
		t.Fatal(err)
	}
	s := statusOf(t, p, "ko")
	if s.Status != scheduler.DLRFailed || !strings.Contains(s.Reason, "operator did not send it") ||
		!strings.Contains(s.Reason, gateemu.ErrGenericFailure) || !s.At.Equal(providertest.Start) {
		t.Errorf("status %+v", s)
	}
}

func TestAHandOffIsScheduledOnThePhoneThenSentThenDelivered(t *testing.T) {
	clk := newClock()
	emu := newEmu(t, clk)
	p := newProvider(t, emu, clk)
	b := batch("rdv", delivered)
	b.SendAt = clk.Now().Add(2 * time.Hour)
	if _, err := p.Send(t.Context(), b); err != nil {
		t.Fatal(err)
	}
	for _, step := range []struct {
		advance time.Duration
		want    scheduler.DLR
	}{{0, scheduler.DLRScheduled}, {2 * time.Hour, scheduler.DLRPending}, {time.Minute, scheduler.DLRDelivered}} {
		clk.Advance(step.advance)
		if s := statusOf(t, p, "rdv"); s.Status != step.want || s.Reason != "" {
			t.Errorf("at %v: status %+v, want %s", clk.Now(), s, step.want)
		}
	}
	if s := statusOf(t, p, "rdv"); !s.At.Equal(b.SendAt.Add(time.Minute)) {
		t.Errorf("delivered at %v, want %v", s.At, b.SendAt.Add(time.Minute))
	}
}

func TestAMessageStuckOnASleepingPhoneSaysSoButStaysPending(t *testing.T) {
	clk := newClock()
	emu := newEmu(t, clk)
	p := newProvider(t, emu, clk)
	emu.SetAsleep(true)
	if _, err := p.Send(t.Context(), batch("stuck", delivered)); err != nil {
		t.Fatal(err)
	}
	clk.Advance(10 * time.Minute)
	if s := statusOf(t, p, "stuck"); s.Status != scheduler.DLRPending || s.Reason != "" {
		t.Errorf("10 minutes late: %+v, want pending and no word yet", s)
	}
	clk.Advance(15 * time.Minute)
	s := statusOf(t, p, "stuck")
	if s.Status != scheduler.DLRPending || !strings.Contains(s.Reason, "still waiting on the phone 25 minutes after its time") ||
		!strings.Contains(s.Reason, "battery saving") {
		t.Errorf("25 minutes late: %+v", s)
	}
	emu.SetAsleep(false)
	clk.Advance(time.Minute)
	if s := statusOf(t, p, "stuck"); s.Status != scheduler.DLRDelivered {
		t.Errorf("after waking: %+v, want delivered", s)
	}
}

func TestAValidityThatRunsOutOnASleepingPhoneIsReportedExpired(t *testing.T) {
	clk := newClock()
	emu := newEmu(t, clk)
	p := newProvider(t, emu, clk)
	emu.SetAsleep(true)
	b := batch("ttl", delivered)
	b.Validity = time.Hour
	if _, err := p.Send(t.Context(), b); err != nil {
		t.Fatal(err)
	}
	clk.Advance(2 * time.Hour)
	emu.SetAsleep(false)
	if s := statusOf(t, p, "ttl"); s.Status != scheduler.DLRExpired || !strings.Contains(s.Reason, "before it expired") {
		t.Errorf("status %+v, want expired", s)
	}
}

func TestStatusOfAMessageThePhoneDoesNotHaveIsPermanent(t *testing.T) {
	clk := newClock()
	emu := newEmu(t, clk)
	p := newProvider(t, emu, clk)
	_, err := p.Status(t.Context(), "gone")
	wantError(t, err, scheduler.Permanent, "SMS Gateway does not know this message")
	_, err = p.Status(t.Context(), "../inbox")
	wantError(t, err, scheduler.Permanent, "not an SMS Gateway message id")
	if n := len(emu.Requests()); n != 1 {
		t.Errorf("%d requests, want 1 (an unsafe id is never sent)", n)
	}
}

func TestCancelWithdrawsAPendingHandOffAndReportsAMessageThatLeft(t *testing.T) {
	for _, cloud := range []bool{false, true} {
		clk := newClock()
		var opts []gateemu.Option
		if cloud {
			opts = append(opts, gateemu.WithCloud())
		}
		emu := newEmu(t, clk, opts...)
		p := newProvider(t, emu, clk)
		b := batch("rdv", delivered)
		b.SendAt = clk.Now().Add(time.Hour)
		if _, err := p.Send(t.Context(), b); err != nil {
			t.Fatal(err)
		}
		if err := p.Cancel(t.Context(), "rdv"); err != nil {
			t.Errorf("cloud %v: Cancel: %v", cloud, err)
		}
		if err := p.Cancel(t.Context(), "rdv"); err != nil {
			t.Errorf("cloud %v: Cancel again: %v, want nil", cloud, err)
		}
		if s := statusOf(t, p, "rdv"); s.Status != scheduler.DLRCancelled {
			t.Errorf("cloud %v: status %+v, want cancelled", cloud, s)
		}
		if _, err := p.Send(t.Context(), batch("now", delivered)); err != nil {
			t.Fatal(err)
		}
		err := p.Cancel(t.Context(), "now")
		if !errors.Is(err, scheduler.ErrAlreadySent) {
			t.Errorf("cloud %v: cancelling a sent message: %v, want ErrAlreadySent", cloud, err)
		}
		wantError(t, err, scheduler.Permanent, "had already sent it")
		wantError(t, p.Cancel(t.Context(), "unknown"), scheduler.Permanent, "does not know this message")
	}
}

func TestLookupAsksForEachReferenceAndSkipsIDsThePhoneCannotHold(t *testing.T) {
	clk := newClock()
	emu := newEmu(t, clk)
	p := newProvider(t, emu, clk)
	if _, err := p.Send(t.Context(), batch("sent", delivered)); err != nil {
		t.Fatal(err)
	}
	bs := []scheduler.Batch{batch("sent", delivered), batch("never", delivered), batch("sent", delivered), batch("a/b", delivered)}
	found, err := p.Lookup(t.Context(), bs, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(found) != 1 || found["sent"].ID != "sent" || found["sent"].Recipients[0] != delivered {
		t.Errorf("Lookup = %+v", found)
	}
	if got := strings.Join(paths(emu)[1:], ", "); got != "GET /messages/sent, GET /messages/never" {
		t.Errorf("requests %s", got)
	}
	emu.Inject(providertest.FaultAuth)
	if _, err := p.Lookup(t.Context(), bs, time.Time{}); !scheduler.AccountProblem(err) {
		t.Errorf("Lookup with a wrong password: %v, want an account problem", err)
	}
}

func TestBalanceChecksTheCredentialsWithAnAuthenticatedRead(t *testing.T) {
	clk := newClock()
	emu := newEmu(t, clk)
	p := newProvider(t, emu, clk)
	b, err := p.Balance(t.Context())
	if err != nil || b != (scheduler.Balance{}) {
		t.Fatalf("Balance = %+v, %v", b, err)
	}
	if r := emu.Requests()[0]; r.Path != "/messages" || r.Query != "limit=1" || !r.Authorized {
		t.Errorf("request %+v", r)
	}
}
