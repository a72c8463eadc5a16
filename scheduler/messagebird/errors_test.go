package messagebird_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	mb "github.com/messagebird/go-rest-api/v9"

	"minuit/scheduler"
	"minuit/scheduler/messagebird"
	"minuit/scheduler/messagebird/mbemu"
)

func TestSendReportsAnInvalidNumberAsPermanent(t *testing.T) {
	emu := newEmu(t)
	p := newProvider(t, emu, 0)
	_, err := p.Send(t.Context(), batch("bad-number", "+31 6 CALL ME"))
	pe := wantProviderError(t, err, scheduler.Permanent, "the number is not valid")
	var apiErr mb.ErrorResponse
	if !errors.As(err, &apiErr) || len(apiErr.Errors) != 1 || apiErr.Errors[0].Code != 9 || apiErr.Errors[0].Parameter != "recipients" {
		t.Errorf("underlying error = %#v, want the API's code 9 on recipients", pe.Err)
	}
	if !strings.HasPrefix(err.Error(), "the number is not valid: messagebird: send: ") {
		t.Errorf("Error() = %q", err.Error())
	}
	if n := emu.AcceptedByReference()["bad-number"]; n != 0 {
		t.Errorf("%d messages created, want 0", n)
	}
}

func TestSendReportsARefusedSenderIDAsPermanent(t *testing.T) {
	p := newProvider(t, newEmu(t), 0)
	b := batch("bad-sender", "+31612345678")
	b.Originator = "The Corner Bakery"
	_, err := p.Send(t.Context(), b)
	wantProviderError(t, err, scheduler.Permanent, "the sender ID was refused")
}

func TestSendReportsAWrongAccessKeyAsPermanent(t *testing.T) {
	emu := newEmu(t, mbemu.WithAccessKey("live_right"))
	p := newProviderWith(t, messagebird.Config{AccessKey: "live_wrong", BaseURL: emu.URL()})
	_, err := p.Send(t.Context(), batch("r", "+31612345678"))
	wantProviderError(t, err, scheduler.Permanent, "MessageBird refused the access key")
	if len(emu.Messages()) != 0 {
		t.Error("a message was created with a wrong access key")
	}
}

func TestSendReportsAnEmptyBalanceAsPermanent(t *testing.T) {
	emu := newEmu(t, mbemu.WithBalance(1))
	p := newProvider(t, emu, 0)
	_, err := p.Send(t.Context(), batch("r", "+31600000001", "+31600000002"))
	wantProviderError(t, err, scheduler.Permanent, "the MessageBird account has no balance left")
}

func TestSendReportsABadRequestOnRecipientsAsAnInvalidNumber(t *testing.T) {
	emu := newEmu(t)
	p := newProvider(t, emu, 0)
	emu.FailNextWith(1, 400, mbemu.APIError{Code: 21, Description: "recipient is blacklisted", Parameter: "recipients"})
	_, err := p.Send(t.Context(), batch("r", "+31612345678"))
	wantProviderError(t, err, scheduler.Permanent, "the number is not valid")
}

func TestSendReportsOtherRefusalsWithMessageBirdsDescription(t *testing.T) {
	emu := newEmu(t)
	p := newProvider(t, emu, 0)
	emu.FailNextWith(1, 422, mbemu.APIError{Code: 10, Description: "datacoding is invalid", Parameter: "datacoding"})
	_, err := p.Send(t.Context(), batch("r", "+31612345678"))
	wantProviderError(t, err, scheduler.Permanent, "MessageBird refused the request: datacoding is invalid")
}

func TestSendReportsRateLimitingAsTransient(t *testing.T) {
	emu := newEmu(t)
	p := newProvider(t, emu, 0)
	emu.FailNext(1, 429)
	_, err := p.Send(t.Context(), batch("r", "+31612345678"))
	wantProviderError(t, err, scheduler.Transient, "MessageBird asked us to slow down")
	// The 429 body is an API error like a 4xx one: only the status tells them apart.
	var apiErr mb.ErrorResponse
	if !errors.As(err, &apiErr) {
		t.Errorf("underlying error %v is not the SDK's ErrorResponse", err)
	}
}

func TestSendReportsServerErrorsAsTransient(t *testing.T) {
	for _, status := range []int{500, 502, 503, 504} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			emu := newEmu(t)
			p := newProvider(t, emu, 0)
			emu.FailNext(1, status)
			_, err := p.Send(t.Context(), batch("r", "+31612345678"))
			wantProviderError(t, err, scheduler.Transient, "MessageBird is temporarily unavailable")
			if got := errors.Is(err, mb.ErrUnexpectedResponse); got != (status == 500) {
				t.Errorf("errors.Is(err, ErrUnexpectedResponse) = %v for HTTP %d", got, status)
			}
			if n := emu.AcceptedByReference()["r"]; n != 0 {
				t.Errorf("%d messages created, want 0", n)
			}
		})
	}
}

func TestSendAfterATransientErrorSucceedsOnRetry(t *testing.T) {
	emu := newEmu(t)
	p := newProvider(t, emu, 0)
	emu.FailNext(2, 503)
	b := batch("retry", "+31612345678")
	for attempt := 1; attempt <= 2; attempt++ {
		_, err := p.Send(t.Context(), b)
		wantProviderError(t, err, scheduler.Transient, "")
	}
	if _, err := p.Send(t.Context(), b); err != nil {
		t.Fatalf("third Send: %v", err)
	}
	if n := emu.AcceptedByReference()["retry"]; n != 1 {
		t.Errorf("reference accepted %d times, want 1", n)
	}
}
