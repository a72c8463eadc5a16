package smsgate_test

import (
	"context"
	"fmt"
	"net"
	"testing"
	"time"

	"minuit/scheduler"
	"minuit/scheduler/smsgate"
	"minuit/scheduler/smsgate/gateemu"
)

func TestAWrongPasswordOnThePhonePausesTheAccount(t *testing.T) {
	for _, cloud := range []bool{false, true} {
		clk := newClock()
		opts := []gateemu.Option{gateemu.WithCredentials("sms", "right")}
		who := "the phone"
		if cloud {
			opts, who = append(opts, gateemu.WithCloud()), "SMS Gateway's cloud server"
		}
		emu := newEmu(t, clk, opts...)
		p := newProvider(t, emu, clk)
		_, err := p.Send(t.Context(), batch("r", delivered))
		if pe := wantError(t, err, scheduler.Permanent, who+" refused the user name or password"); !pe.Account {
			t.Errorf("cloud %v: a wrong password is not an account problem", cloud)
		}
		if emu.Len() != 0 {
			t.Errorf("a message was created with a wrong password")
		}
	}
}

func TestAnUnreachablePhoneIsTransientAndSaysWhatToCheck(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	_ = l.Close()
	p, err := smsgate.New(smsgate.Config{URL: "http://" + addr, User: "sms", Password: "pw"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = p.Send(t.Context(), batch("r", delivered))
	wantError(t, err, scheduler.Transient, "is it on the same Wi-Fi, and is SMS Gateway's local server started?")
}

func TestAStuckCloudQueueIsTransientWithItsRetryAfter(t *testing.T) {
	clk := newClock()
	emu := newEmu(t, clk, gateemu.WithCloud())
	p := newProvider(t, emu, clk)
	for _, wait := range []time.Duration{30 * time.Second, 0} {
		emu.QueueLimitNext(wait)
		_, err := p.Send(t.Context(), batch("q", delivered))
		pe := wantError(t, err, scheduler.Transient, "the phone's queue is stuck")
		if pe.RetryAfter != wait || pe.Account {
			t.Errorf("RetryAfter = %v, Account = %v; want %v, false", pe.RetryAfter, pe.Account, wait)
		}
	}
}

func TestStatusCodesAreClassified(t *testing.T) {
	for _, c := range []struct {
		status  int
		message string
		class   scheduler.ErrorClass
		account bool
		reason  string
	}{
		{400, "Text message is empty", scheduler.Permanent, false, "SMS Gateway refused the message: Text message is empty"},
		{400, "invalid phone number", scheduler.Permanent, false, "the number is not valid (SMS Gateway: invalid phone number)"},
		{403, "Forbidden", scheduler.Permanent, true, "SMS Gateway refused this user access"},
		{404, "Not Found", scheduler.Permanent, true, "check the URL"},
		{422, "what", scheduler.Permanent, false, "SMS Gateway refused the request (HTTP 422: what)"},
		{500, "failed to handle request", scheduler.Transient, false, "SMS Gateway had a problem (HTTP 500: failed to handle request)"},
		{502, "", scheduler.Transient, false, "SMS Gateway had a problem (HTTP 502"},
		{503, "", scheduler.Transient, false, "SMS Gateway had a problem (HTTP 503"},
	} {
		t.Run(fmt.Sprint(c.status, " ", c.message), func(t *testing.T) {
			clk := newClock()
			emu := newEmu(t, clk)
			p := newProvider(t, emu, clk)
			emu.FailNext(c.status, c.message)
			_, err := p.Send(t.Context(), batch("r", delivered))
			if pe := wantError(t, err, c.class, c.reason); pe.Account != c.account {
				t.Errorf("Account = %v, want %v", pe.Account, c.account)
			}
		})
	}
}

func TestAnInvalidNumberIsRefusedAtOnceByTheCloud(t *testing.T) {
	clk := newClock()
	p := newProvider(t, newEmu(t, clk, gateemu.WithCloud()), clk)
	_, err := p.Send(t.Context(), batch("r", invalid))
	wantError(t, err, scheduler.Permanent, "the number is not valid (SMS Gateway: invalid phone number)")
}

func TestAPostTimeoutAfterWritingIsAmbiguousAndTheResendIsSafe(t *testing.T) {
	clk := newClock()
	emu := newEmu(t, clk)
	p := newProvider(t, emu, clk, func(c *smsgate.Config) { c.Timeout = 300 * time.Millisecond })
	b := batch("slow", delivered)
	emu.HangNext()
	_, err := p.Send(t.Context(), b)
	wantError(t, err, scheduler.Ambiguous, "the phone did not answer in time; the message may have been taken")
	if _, err := p.Send(t.Context(), b); err != nil {
		t.Fatalf("resend: %v", err)
	}
	if n := emu.Created(delivered, b.Body); n != 1 {
		t.Errorf("the phone holds %d messages, want 1", n)
	}
}

func TestAStatusTimeoutIsTransient(t *testing.T) {
	clk := newClock()
	emu := newEmu(t, clk)
	p := newProvider(t, emu, clk, func(c *smsgate.Config) { c.Timeout = 300 * time.Millisecond })
	emu.HangNext()
	_, err := p.Status(t.Context(), "any")
	wantError(t, err, scheduler.Transient, "the phone did not answer in time")
}

func TestAConnectionClosedBeforeProcessingIsAmbiguousAndCreatesNothing(t *testing.T) {
	clk := newClock()
	emu := newEmu(t, clk)
	p := newProvider(t, emu, clk)
	b := batch("closed", delivered)
	emu.DropBeforeNext()
	_, err := p.Send(t.Context(), b)
	wantError(t, err, scheduler.Ambiguous, "the connection to the phone broke before it answered")
	if n := emu.Created(delivered, b.Body); n != 0 {
		t.Errorf("the phone holds %d messages, want 0", n)
	}
}

func TestACancelledContextSendsNothing(t *testing.T) {
	clk := newClock()
	emu := newEmu(t, clk)
	p := newProvider(t, emu, clk)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := p.Send(ctx, batch("c", delivered))
	wantError(t, err, scheduler.Transient, "cancelled before it was sent")
	if len(emu.Requests()) != 0 {
		t.Error("a request reached the phone")
	}
}
