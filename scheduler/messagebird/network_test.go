package messagebird_test

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
	"minuit/scheduler/messagebird"
	"minuit/scheduler/messagebird/mbemu"
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

func TestSendReportsARefusedConnectionAsTransient(t *testing.T) {
	p := newProviderWith(t, messagebird.Config{AccessKey: "k", BaseURL: closedPortURL(t)})
	_, err := p.Send(t.Context(), batch("r", "+31612345678"))
	wantProviderError(t, err, scheduler.Transient, "MessageBird could not be reached")
	if !errors.Is(err, syscall.ECONNREFUSED) {
		t.Errorf("error %v does not wrap ECONNREFUSED", err)
	}
}

func TestSendReportsAnUnknownHostAsTransient(t *testing.T) {
	// .invalid never resolves (RFC 6761).
	p := newProviderWith(t, messagebird.Config{AccessKey: "k", BaseURL: "http://mb.invalid", Timeout: 5 * time.Second})
	_, err := p.Send(t.Context(), batch("r", "+31612345678"))
	wantProviderError(t, err, scheduler.Transient, "")
	var dnsErr *net.DNSError
	if !errors.As(err, &dnsErr) {
		t.Errorf("error %v does not wrap a *net.DNSError", err)
	}
}

func TestSendReportsADroppedConnectionAsAmbiguous(t *testing.T) {
	emu := newEmu(t)
	p := newProvider(t, emu, 0)
	emu.DropNext(1)
	_, err := p.Send(t.Context(), batch("dropped", "+31612345678"))
	wantProviderError(t, err, scheduler.Ambiguous, "the connection to MessageBird broke before it answered; the message may have been sent")
	if !errors.Is(err, io.EOF) {
		t.Errorf("error %v does not wrap io.EOF", err)
	}
	if msg := err.Error(); !strings.Contains(msg, `"`+emu.URL()+`/messages"`) || strings.Contains(msg, "rest.messagebird.com") {
		t.Errorf("error %q should name the URL really requested", msg)
	}
	if n := emu.AcceptedByReference()["dropped"]; n != 1 {
		t.Errorf("emulator created %d messages, want 1", n)
	}
}

func TestSendReportsAConnectionResetAsAmbiguous(t *testing.T) {
	emu := newEmu(t)
	p := newProvider(t, emu, 0)
	emu.ResetNext(1)
	_, err := p.Send(t.Context(), batch("reset", "+31612345678"))
	wantProviderError(t, err, scheduler.Ambiguous, "the connection to MessageBird broke before it answered; the message may have been sent")
	if !errors.Is(err, syscall.ECONNRESET) {
		t.Errorf("error %v does not wrap ECONNRESET", err)
	}
}

func TestSendReportsATimeoutAsAmbiguous(t *testing.T) {
	emu := newEmu(t)
	p := newProvider(t, emu, 200*time.Millisecond)
	emu.HangNext(1)
	_, err := p.Send(t.Context(), batch("slow", "+31612345678"))
	wantProviderError(t, err, scheduler.Ambiguous, "MessageBird did not answer in time; the message may have been sent")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error %v does not wrap context.DeadlineExceeded", err)
	}
	if n := emu.AcceptedByReference()["slow"]; n != 1 {
		t.Errorf("emulator created %d messages, want 1", n)
	}
}

func TestSendCancelledWhileWaitingForTheAnswerIsAmbiguous(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	emu := newEmu(t, mbemu.WithOnCreate(func(mbemu.Message, time.Time) { cancel() }))
	p := newProvider(t, emu, 0)
	emu.HangNext(1)
	_, err := p.Send(ctx, batch("cancelled", "+31612345678"))
	wantProviderError(t, err, scheduler.Ambiguous, "the request was cancelled before MessageBird answered; the message may have been sent")
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error %v does not wrap context.Canceled", err)
	}
}

func TestSendWithAnAlreadyCancelledContextSendsNothing(t *testing.T) {
	emu := newEmu(t)
	p := newProvider(t, emu, 0)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := p.Send(ctx, batch("r", "+31612345678"))
	wantProviderError(t, err, scheduler.Transient, "the request was cancelled before it was sent")
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error %v does not wrap context.Canceled", err)
	}
	if n := len(emu.Requests()); n != 0 {
		t.Errorf("%d requests reached MessageBird, want 0", n)
	}
}

func TestReadsReportBrokenConnectionsAndTimeoutsAsTransient(t *testing.T) {
	emu := newEmu(t)
	acc, err := newProvider(t, emu, 0).Send(t.Context(), batch("r", "+31612345678"))
	if err != nil {
		t.Fatalf("Send: %v", err)
	}
	calls := map[string]func(p *messagebird.Provider) error{
		"Status": func(p *messagebird.Provider) error { _, err := p.Status(t.Context(), acc.ID); return err },
		"Lookup": func(p *messagebird.Provider) error {
			_, err := p.Lookup(t.Context(), refs("x"), time.Now())
			return err
		},
		"Balance": func(p *messagebird.Provider) error { _, err := p.Balance(t.Context()); return err },
	}
	faults := map[string]struct {
		inject  func()
		timeout time.Duration
		reason  string
	}{
		"drop":  {func() { emu.DropNext(1) }, 0, "the connection to MessageBird broke"},
		"reset": {func() { emu.ResetNext(1) }, 0, "the connection to MessageBird broke"},
		"hang":  {func() { emu.HangNext(1) }, 200 * time.Millisecond, "MessageBird did not answer in time"},
	}
	for callName, call := range calls {
		for faultName, fault := range faults {
			t.Run(callName+"/"+faultName, func(t *testing.T) {
				// A fresh provider has no kept-alive connection, so the
				// transport does not silently retry the GET on a new one.
				p := newProvider(t, emu, fault.timeout)
				fault.inject()
				wantProviderError(t, call(p), scheduler.Transient, fault.reason)
				if n := emu.PendingFaults(); n != 0 {
					t.Errorf("%d faults left unspent", n)
				}
			})
		}
	}
}

func TestADroppedSendIsFoundByLookup(t *testing.T) {
	emu := newEmu(t)
	p := newProvider(t, emu, 0)
	since := time.Now()
	emu.DropNext(1)
	_, err := p.Send(t.Context(), batch("ref-42", "+31612345678"))
	wantProviderError(t, err, scheduler.Ambiguous, "")

	got, err := p.Lookup(t.Context(), refs("ref-42"), since)
	if err != nil {
		t.Fatalf("Lookup: %v", err)
	}
	msgs := emu.Messages()
	if len(msgs) != 1 || got["ref-42"].ID != msgs[0].ID || got["ref-42"].Recipients[0] != "+31612345678" {
		t.Errorf("Lookup = %+v, want the message the dropped request created (%+v)", got, msgs)
	}
}

func TestASendDroppedBeforeProcessingIsMissingFromLookupAndCanBeResent(t *testing.T) {
	emu := newEmu(t)
	p := newProvider(t, emu, 0)
	since := time.Now()
	emu.DropBeforeNext(1)
	b := batch("ref-43", "+31612345678")
	_, err := p.Send(t.Context(), b)
	wantProviderError(t, err, scheduler.Ambiguous, "")

	got, err := p.Lookup(t.Context(), refs("ref-43"), since)
	if err != nil {
		t.Fatalf("Lookup: %v", err)
	}
	if _, found := got["ref-43"]; found {
		t.Fatalf("Lookup found %+v, but no message was created", got)
	}
	if _, err := p.Send(t.Context(), b); err != nil {
		t.Fatalf("resend: %v", err)
	}
	if n := emu.AcceptedByReference()["ref-43"]; n != 1 {
		t.Errorf("reference accepted %d times, want exactly 1", n)
	}
}
