package twilio_test

import (
	"context"
	"errors"
	"io"
	"net"
	"strings"
	"syscall"
	"testing"
	"time"

	"minuit/scheduler"
	"minuit/scheduler/providertest"
	"minuit/scheduler/twilio/twilioemu"
)

// closedPortURL returns a loopback URL nothing listens on.
func closedPortURL(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	return "http://" + addr
}

func TestARefusedConnectionIsTransientAndNamesTheRealURL(t *testing.T) {
	emu := newEmu(t, nil)
	cfg := baseConfig(emu)
	cfg.BaseURL = closedPortURL(t)
	_, err := newProvider(t, cfg).Send(t.Context(), batch("r", "+33612345678", "Bonjour"))
	wantProviderError(t, err, scheduler.Transient, "Twilio could not be reached")
	if !errors.Is(err, syscall.ECONNREFUSED) {
		t.Errorf("error %v does not wrap ECONNREFUSED", err)
	}
	if msg := err.Error(); !strings.Contains(msg, cfg.BaseURL+"/2010-04-01/") || strings.Contains(msg, "api.twilio.com") {
		t.Errorf("error %q should name the URL really requested", msg)
	}
}

func TestADroppedAnswerIsAmbiguousForASendAndTransientForARead(t *testing.T) {
	emu := newEmu(t, nil)
	p := newProvider(t, baseConfig(emu))
	emu.Inject(providertest.FaultDropAfter)
	_, err := p.Send(t.Context(), batch("r", "+33612345678", "Bonjour"))
	wantProviderError(t, err, scheduler.Ambiguous, "the connection to Twilio broke before it answered; the message may have been sent")
	if !errors.Is(err, io.EOF) {
		t.Errorf("error %v does not wrap io.EOF", err)
	}
	if n := emu.Created("+33612345678", "Bonjour"); n != 1 {
		t.Errorf("the emulator created %d messages, want 1", n)
	}
	emu.Inject(providertest.FaultDropAfter)
	_, err = p.Balance(t.Context())
	wantProviderError(t, err, scheduler.Transient, "the connection to Twilio broke")
}

func TestNoAnswerInTimeIsAmbiguousForASend(t *testing.T) {
	emu := newEmu(t, nil)
	cfg := baseConfig(emu)
	cfg.Timeout = 200 * time.Millisecond
	p := newProvider(t, cfg)
	emu.HangNext()
	_, err := p.Send(t.Context(), batch("r", "+33612345678", "Bonjour"))
	wantProviderError(t, err, scheduler.Ambiguous, "Twilio did not answer in time; the message may have been sent")
	emu.HangNext()
	_, err = p.Status(t.Context(), "SM00000000000000000000000000000001")
	wantProviderError(t, err, scheduler.Transient, "Twilio did not answer in time")
}

func TestACancelledContextStopsTheCall(t *testing.T) {
	emu := newEmu(t, nil)
	p := newProvider(t, baseConfig(emu))
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := p.Send(ctx, batch("r", "+33612345678", "Bonjour"))
	wantProviderError(t, err, scheduler.Transient, "cancelled before it was sent")
	if n := len(emu.Requests()); n != 0 {
		t.Errorf("%d requests after cancellation", n)
	}

	// Cancelled while the emulator holds the request: it may have been created.
	arrived := make(chan struct{}, 1)
	emu = newEmu(t, nil, twilioemu.WithOnRequest(func(twilioemu.Request) { arrived <- struct{}{} }))
	p = newProvider(t, baseConfig(emu))
	ctx, cancel = context.WithCancel(t.Context())
	done := make(chan error, 1)
	emu.HangNext()
	go func() {
		_, err := p.Send(ctx, batch("r", "+33612345678", "Bonjour"))
		done <- err
	}()
	<-arrived
	cancel()
	wantProviderError(t, <-done, scheduler.Ambiguous, "cancelled before Twilio answered; the message may have been sent")
}

func TestWrongCredentialsNeverShowTheSecretInErrors(t *testing.T) {
	emu := newEmu(t, nil)
	cfg := baseConfig(emu)
	cfg.AuthToken = "wrongtoken123"
	p := newProvider(t, cfg)
	_, err := p.Send(t.Context(), batch("r", "+33612345678", "Bonjour"))
	pe := wantProviderError(t, err, scheduler.Permanent, "refused the account SID")
	if !pe.Account || strings.Contains(err.Error(), "wrongtoken123") {
		t.Errorf("error %q: Account %v; want an account problem without the token", err, pe.Account)
	}
	if r := emu.Requests()[0]; r.Authorized || r.User != twilioemu.DefaultAccountSID {
		t.Errorf("request %+v", r)
	}
}
