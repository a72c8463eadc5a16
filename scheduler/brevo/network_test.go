package brevo_test

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"syscall"
	"testing"
	"time"

	"minuit/scheduler"
	"minuit/scheduler/brevo"
	"minuit/scheduler/brevo/brevoemu"
	"minuit/scheduler/providertest"
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
	p := newProviderWith(t, brevo.Config{Key: "k", BaseURL: closedPortURL(t)})
	_, err := p.Send(t.Context(), batch("mn-n1", delivered))
	wantProviderError(t, err, scheduler.Transient, "Brevo could not be reached")
	if !errors.Is(err, syscall.ECONNREFUSED) {
		t.Errorf("error %v does not wrap ECONNREFUSED", err)
	}
}

func TestSendReportsADroppedConnectionAsAmbiguous(t *testing.T) {
	emu := newEmu(t)
	p := newProvider(t, emu, 0)
	emu.Inject(providertest.FaultDropAfter)
	_, err := p.Send(t.Context(), batch("mn-n2", delivered))
	wantProviderError(t, err, scheduler.Ambiguous, "the connection to Brevo broke before it answered; the message may have been sent")
	if !errors.Is(err, io.EOF) {
		t.Errorf("error %v does not wrap io.EOF", err)
	}
	if n := emu.Created(delivered, batch("", "").Body); n != 1 {
		t.Errorf("the emulator created %d messages, want 1", n)
	}
}

func TestSendReportsATimeoutAsAmbiguous(t *testing.T) {
	emu := newEmu(t)
	p := newProvider(t, emu, 200*time.Millisecond)
	emu.Hang()
	_, err := p.Send(t.Context(), batch("mn-n3", delivered))
	wantProviderError(t, err, scheduler.Ambiguous, "Brevo did not answer in time; the message may have been sent")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error %v does not wrap context.DeadlineExceeded", err)
	}
	if len(emu.Messages()) != 1 {
		t.Errorf("the held request created %d messages, want 1", len(emu.Messages()))
	}
}

func TestSendCancelledWhileWaitingForTheAnswerIsAmbiguous(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	emu := newEmu(t, brevoemu.WithOnRequest(func(brevoemu.Request) { cancel() }))
	p := newProvider(t, emu, 0)
	emu.Hang()
	_, err := p.Send(ctx, batch("mn-n4", delivered))
	wantProviderError(t, err, scheduler.Ambiguous, "the request was cancelled before Brevo answered; the message may have been sent")
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error %v does not wrap context.Canceled", err)
	}
}

func TestSendWithAnAlreadyCancelledContextSendsNothing(t *testing.T) {
	emu := newEmu(t)
	p := newProvider(t, emu, 0)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := p.Send(ctx, batch("mn-n5", delivered))
	wantProviderError(t, err, scheduler.Transient, "the request was cancelled before it was sent")
	if n := len(emu.Requests()); n != 0 {
		t.Errorf("%d requests reached Brevo, want 0", n)
	}
}

func TestAnUnreadableAnswerToASendIsAmbiguousAndToAReadTransient(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusCreated)
		_, _ = w.Write([]byte("<html>proxy</html>"))
	}))
	t.Cleanup(ts.Close)
	p := newProviderWith(t, brevo.Config{Key: "k", BaseURL: ts.URL})
	_, err := p.Send(t.Context(), batch("mn-n6", delivered))
	wantProviderError(t, err, scheduler.Ambiguous, "Brevo's answer could not be read; the message may have been sent")
	_, err = p.Balance(t.Context())
	wantProviderError(t, err, scheduler.Transient, "Brevo's answer could not be read")
}

func TestReadsReportBrokenConnectionsAndTimeoutsAsTransient(t *testing.T) {
	emu := newEmu(t)
	calls := map[string]func(p *brevo.Provider) error{
		"Status":  func(p *brevo.Provider) error { _, err := p.Status(t.Context(), "42:33612349900"); return err },
		"Lookup":  func(p *brevo.Provider) error { _, err := p.Lookup(t.Context(), refs("x"), time.Now()); return err },
		"Inbound": func(p *brevo.Provider) error { _, err := p.Inbound(t.Context(), time.Now()); return err },
		"Balance": func(p *brevo.Provider) error { _, err := p.Balance(t.Context()); return err },
	}
	faults := map[string]struct {
		inject  func()
		timeout time.Duration
		reason  string
	}{
		"drop":   {func() { emu.Inject(providertest.FaultDropAfter) }, 0, "the connection to Brevo broke"},
		"before": {emu.DropBefore, 0, "the connection to Brevo broke"},
		"hang":   {emu.Hang, 200 * time.Millisecond, "Brevo did not answer in time"},
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
