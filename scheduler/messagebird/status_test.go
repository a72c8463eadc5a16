package messagebird_test

import (
	"math"
	"testing"
	"time"

	"minuit/scheduler"
	"minuit/scheduler/messagebird"
	"minuit/scheduler/messagebird/mbemu"
)

func TestStatusMapsDeliveredFailedAndExpiredRecipients(t *testing.T) {
	sentAt := time.Date(2025, 3, 1, 9, 30, 0, 0, time.UTC)
	clock := newFakeClock(sentAt)
	emu := newEmu(t, mbemu.WithClock(clock.Now), mbemu.WithFailing("+31600000002"), mbemu.WithExpiring("+31600000003"))
	p := newProvider(t, emu, 0)
	acc, err := p.Send(t.Context(), batch("s1", "+31600000001", "+31600000002", "+31600000003"))
	if err != nil {
		t.Fatalf("Send: %v", err)
	}
	readAt := sentAt.Add(3 * time.Minute)
	clock.Set(readAt)

	got, err := p.Status(t.Context(), acc.ID)
	if err != nil {
		t.Fatalf("Status: %v", err)
	}
	want := []scheduler.RecipientStatus{
		{Recipient: "+31600000001", Status: scheduler.DLRDelivered, At: readAt},
		{Recipient: "+31600000002", Status: scheduler.DLRFailed, At: readAt, Reason: "the number is not in use"},
		{Recipient: "+31600000003", Status: scheduler.DLRExpired, At: readAt, Reason: "the phone could not be reached before the message expired"},
	}
	if len(got) != len(want) {
		t.Fatalf("Status = %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i].Recipient != want[i].Recipient || got[i].Status != want[i].Status ||
			!got[i].At.Equal(want[i].At) || got[i].Reason != want[i].Reason {
			t.Errorf("recipient %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestStatusStaysPendingUntilMessageBirdHasAFinalWord(t *testing.T) {
	emu := newEmu(t, mbemu.WithDeliverAfterReads(3))
	p := newProvider(t, emu, 0)
	acc, err := p.Send(t.Context(), batch("s2", "+31600000001"))
	if err != nil {
		t.Fatalf("Send: %v", err)
	}
	for read, want := range []scheduler.DLR{scheduler.DLRPending, scheduler.DLRPending, scheduler.DLRDelivered} {
		got, err := p.Status(t.Context(), acc.ID)
		if err != nil {
			t.Fatalf("Status (read %d): %v", read+1, err)
		}
		if len(got) != 1 || got[0].Status != want || got[0].Reason != "" {
			t.Errorf("read %d: Status = %+v, want one %q without reason", read+1, got, want)
		}
	}
}

func TestStatusOfAnUnknownMessageIsPermanent(t *testing.T) {
	p := newProvider(t, newEmu(t), 0)
	_, err := p.Status(t.Context(), "0123456789abcdef0123456789abcdef")
	wantProviderError(t, err, scheduler.Permanent, "MessageBird does not know this message")
}

func TestStatusRefusesAnIDThatWouldChangeTheRequestPath(t *testing.T) {
	emu := newEmu(t)
	p := newProvider(t, emu, 0)
	for _, id := range []string{"", "../balance", "abc?limit=1", "a/b"} {
		_, err := p.Status(t.Context(), id)
		wantProviderError(t, err, scheduler.Permanent, "this is not a MessageBird message id")
	}
	if n := len(emu.Requests()); n != 0 {
		t.Errorf("%d requests reached MessageBird, want 0", n)
	}
}

func TestStatusReportsAServerErrorAsTransient(t *testing.T) {
	emu := newEmu(t)
	p := newProvider(t, emu, 0)
	acc, err := p.Send(t.Context(), batch("s3", "+31600000001"))
	if err != nil {
		t.Fatalf("Send: %v", err)
	}
	emu.FailNext(1, 503)
	_, err = p.Status(t.Context(), acc.ID)
	wantProviderError(t, err, scheduler.Transient, "MessageBird is temporarily unavailable")
}

func TestBalanceReadsCreditsWithoutFloat32Noise(t *testing.T) {
	p := newProvider(t, newEmu(t, mbemu.WithBalance(9.2)), 0)
	got, err := p.Balance(t.Context())
	if err != nil {
		t.Fatalf("Balance: %v", err)
	}
	if got.Amount != 9.2 || got.Type != "credits" {
		t.Errorf("Balance = %+v, want 9.2 credits", got)
	}
}

func TestBalanceGoesDownWithEachRecipientSent(t *testing.T) {
	emu := newEmu(t, mbemu.WithBalance(100))
	p := newProvider(t, emu, 0)
	if _, err := p.Send(t.Context(), batch("b1", "+31600000001", "+31600000002")); err != nil {
		t.Fatalf("Send: %v", err)
	}
	got, err := p.Balance(t.Context())
	if err != nil {
		t.Fatalf("Balance: %v", err)
	}
	if math.Abs(got.Amount-98) > 1e-9 {
		t.Errorf("Balance after 2 recipients = %v, want 98", got.Amount)
	}
}

func TestBalanceReportsAWrongAccessKeyAsPermanent(t *testing.T) {
	emu := newEmu(t)
	p := newProviderWith(t, messagebird.Config{AccessKey: "live_wrong", BaseURL: emu.URL()})
	_, err := p.Balance(t.Context())
	wantProviderError(t, err, scheduler.Permanent, "MessageBird refused the access key")
	if reqs := emu.Requests(); len(reqs) != 1 || reqs[0].Authorized {
		t.Errorf("requests = %+v, want one unauthorized", reqs)
	}
}
