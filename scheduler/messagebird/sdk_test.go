package messagebird

import (
	"context"
	"errors"
	"io"
	"net/url"
	"strings"
	"syscall"
	"testing"
	"time"

	mb "github.com/messagebird/go-rest-api/v9"
	"github.com/messagebird/go-rest-api/v9/balance"
	"github.com/messagebird/go-rest-api/v9/sms"

	"minuit/scheduler"
	"minuit/scheduler/messagebird/mbemu"
)

// These tests pin down how the SDK itself (no classification) surfaces each
// failure, so that an SDK upgrade that changes it fails here first.

func rawSDK(t *testing.T, emu *mbemu.Server, timeout time.Duration) *mb.DefaultClient {
	t.Helper()
	p, err := New(Config{AccessKey: mbemu.DefaultAccessKey, BaseURL: emu.URL(), Timeout: timeout})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.CloseIdleConnections)
	c := mb.New(mbemu.DefaultAccessKey)
	c.HTTPClient.Transport = p.transport
	c.HTTPClient.Timeout = p.timeout
	return c
}

func sdkSend(c *mb.DefaultClient) error {
	_, err := sms.Create(c, "Bakery", []string{"31612345678"}, "hi", &sms.Params{Reference: "sdk"})
	return err
}

func TestSDKGivesAPIErrorsAsAnErrorResponseValueWithoutTheHTTPStatus(t *testing.T) {
	for _, status := range []int{401, 422, 429} {
		emu := mbemu.New()
		c := rawSDK(t, emu, 0)
		emu.FailNext(1, status)
		err := sdkSend(c)
		emu.Close()
		resp, ok := err.(mb.ErrorResponse)
		if !ok || len(resp.Errors) != 1 {
			t.Errorf("HTTP %d: error %#v is not a bare mb.ErrorResponse", status, err)
		}
	}
}

func TestSDKGivesHTTP500AsErrUnexpectedResponseWhateverTheBody(t *testing.T) {
	emu := mbemu.New()
	defer emu.Close()
	c := rawSDK(t, emu, 0)
	emu.FailNext(1, 500) // with a JSON body
	if err := sdkSend(c); err != mb.ErrUnexpectedResponse {
		t.Errorf("error = %#v, want mb.ErrUnexpectedResponse itself", err)
	}
}

func TestSDKGivesANonJSONErrorBodyAsAPlainError(t *testing.T) {
	emu := mbemu.New()
	defer emu.Close()
	c := rawSDK(t, emu, 0)
	emu.FailNext(1, 503)
	err := sdkSend(c)
	var resp mb.ErrorResponse
	if err == nil || errors.As(err, &resp) || errors.Is(err, mb.ErrUnexpectedResponse) ||
		!strings.HasPrefix(err.Error(), "failed to unmarshal response json") {
		t.Errorf("error = %#v, want a plain \"failed to unmarshal\" error", err)
	}
}

func TestSDKGivesTransportFailuresAsTheHTTPClientsURLError(t *testing.T) {
	cases := map[string]struct {
		inject func(*mbemu.Server, int)
		want   error
	}{
		"drop":  {(*mbemu.Server).DropNext, io.EOF},
		"reset": {(*mbemu.Server).ResetNext, syscall.ECONNRESET},
		"hang":  {(*mbemu.Server).HangNext, context.DeadlineExceeded},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			emu := mbemu.New()
			defer emu.Close()
			client := rawSDK(t, emu, 200*time.Millisecond)
			c.inject(emu, 1)
			err := sdkSend(client)
			var ue *url.Error
			if !errors.As(err, &ue) || err != error(ue) || !errors.Is(err, c.want) {
				t.Errorf("error = %#v, want a bare *url.Error wrapping %v", err, c.want)
			}
		})
	}
}

func TestSDKSendsNoContextSoOnlyTheClientTimeoutEndsAHang(t *testing.T) {
	emu := mbemu.New()
	defer emu.Close()
	c := rawSDK(t, emu, 150*time.Millisecond)
	emu.HangNext(1)
	start := time.Now()
	_, err := balance.Read(c)
	if elapsed := time.Since(start); err == nil || elapsed < 150*time.Millisecond || elapsed > 5*time.Second {
		t.Errorf("Read returned %v after %v; want a timeout after the client's 150ms", err, elapsed)
	}
}

func TestClassifyTreatsAnUnreadableCreatedAnswerAsAmbiguous(t *testing.T) {
	rec := &callRecord{}
	rec.status.Store(201)
	rec.wrote.Store(true)
	err := classify(context.Background(), "send", "POST", errors.New("could not decode response JSON"), rec)
	if got := scheduler.Classify(err); got != scheduler.Ambiguous {
		t.Errorf("POST with an unreadable 201: class %v, want ambiguous", got)
	}
	err = classify(context.Background(), "status", "GET", errors.New("could not decode response JSON"), rec)
	if got := scheduler.Classify(err); got != scheduler.Transient {
		t.Errorf("GET with an unreadable 200: class %v, want transient", got)
	}
}

func TestDLRMapsEveryMessageBirdStatus(t *testing.T) {
	want := map[string]scheduler.DLR{
		"scheduled": scheduler.DLRScheduled, "sent": scheduler.DLRPending, "buffered": scheduler.DLRPending,
		"delivered": scheduler.DLRDelivered, "delivery_failed": scheduler.DLRFailed, "expired": scheduler.DLRExpired,
		"something_new": scheduler.DLRPending,
	}
	for status, dlrWant := range want {
		if got := dlr(status); got != dlrWant {
			t.Errorf("dlr(%q) = %q, want %q", status, got, dlrWant)
		}
	}
}

func TestFailureReasonsAreInPlainWords(t *testing.T) {
	s := func(v string) *string { return &v }
	cases := []struct {
		status scheduler.DLR
		reason *string
		want   string
	}{
		{scheduler.DLRFailed, nil, "the operator could not deliver it"},
		{scheduler.DLRFailed, s("unknown subscriber"), "the number is not in use"},
		{scheduler.DLRFailed, s("Absent Subscriber"), "the phone could not be reached"},
		{scheduler.DLRFailed, s("call barred"), "the operator blocked the message"},
		{scheduler.DLRFailed, s("teleservice not provisioned"), "the operator could not deliver it (teleservice not provisioned)"},
		{scheduler.DLRExpired, nil, "the phone could not be reached before the message expired"},
		{scheduler.DLRDelivered, s("successfully delivered"), ""},
		{scheduler.DLRPending, nil, ""},
	}
	for _, c := range cases {
		if got := failureReason(c.status, c.reason); got != c.want {
			t.Errorf("failureReason(%q, %v) = %q, want %q", c.status, c.reason, got, c.want)
		}
	}
}

func TestNewWithoutBaseURLKeepsTheSDKEndpoint(t *testing.T) {
	p, err := New(Config{AccessKey: "k"})
	if err != nil {
		t.Fatal(err)
	}
	if p.transport != p.pool || p.timeout != DefaultTimeout {
		t.Errorf("transport %T timeout %v; want the plain pool and %v", p.transport, p.timeout, DefaultTimeout)
	}
}
