package twilio_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"minuit/scheduler"
	"minuit/scheduler/twilio/twilioemu"
)

func TestEveryTwilioErrorCodeIsMappedToAClassAndAPlainReason(t *testing.T) {
	for _, tc := range []struct {
		err      twilioemu.APIError
		class    scheduler.ErrorClass
		reason   string
		account  bool
		optedOut bool
	}{
		{twilioemu.APIError{Status: 400, Code: 21211, Message: "Invalid 'To' Phone Number"}, scheduler.Permanent, "Twilio says the number is not valid (Twilio error 21211)", false, false},
		{twilioemu.APIError{Status: 400, Code: 21614, Message: "'To' number is not a valid mobile number"}, scheduler.Permanent, "not a mobile phone", false, false},
		{twilioemu.APIError{Status: 400, Code: 21635, Message: "'To' number cannot be a landline"}, scheduler.Permanent, "is a landline", false, false},
		{twilioemu.APIError{Status: 400, Code: 21608, Message: "The number is unverified"}, scheduler.Permanent, "trial account", false, false},
		{twilioemu.APIError{Status: 400, Code: 21610, Message: "Attempt to send to unsubscribed recipient"}, scheduler.Permanent, "replied STOP", false, true},
		{twilioemu.APIError{Status: 401, Code: 20003, Message: "Authenticate"}, scheduler.Permanent, "refused the account SID and auth token", true, false},
		{twilioemu.APIError{Status: 403, Code: 20003, Message: "Permission denied"}, scheduler.Permanent, "refused the account SID", true, false},
		{twilioemu.APIError{Status: 400, Code: 21606, Message: "The From phone number is not a valid, SMS-capable inbound phone number"}, scheduler.Permanent, "not an SMS-capable number", true, false},
		{twilioemu.APIError{Status: 400, Code: 21212, Message: "Invalid From Number"}, scheduler.Permanent, "refused the sender", true, false},
		{twilioemu.APIError{Status: 404, Code: 21701, Message: "The Messaging Service does not exist"}, scheduler.Permanent, "Messaging Service", true, false},
		{twilioemu.APIError{Status: 400, Code: 21617, Message: "The concatenated message body exceeds the 1600 character limit"}, scheduler.Permanent, "too long", false, false},
		{twilioemu.APIError{Status: 400, Code: 35114, Message: "Scheduling does not support this timestamp"}, scheduler.Permanent, "15 minutes to 35 days", false, false},
		{twilioemu.APIError{Status: 400, Code: 35115, Message: "Scheduling does not support this timestamp"}, scheduler.Permanent, "15 minutes to 35 days", false, false},
		{twilioemu.APIError{Status: 400, Code: 21999, Message: "Something new"}, scheduler.Permanent, "Twilio refused the request: Something new (Twilio error 21999)", false, false},
		{twilioemu.APIError{Status: 429, Code: 20429, Message: "Too Many Requests"}, scheduler.Transient, "slow down", false, false},
		{twilioemu.APIError{Status: 500, Code: 20500, Message: "An internal server error has occurred"}, scheduler.Transient, "temporarily unavailable", false, false},
		{twilioemu.APIError{Status: 503, Code: 20503, Message: "Service unavailable"}, scheduler.Transient, "temporarily unavailable", false, false},
	} {
		emu := newEmu(t, nil)
		p := newProvider(t, baseConfig(emu))
		emu.InjectError(tc.err, "")
		_, err := p.Send(t.Context(), batch("r", "+33612345678", "Bonjour"))
		pe := wantProviderError(t, err, tc.class, tc.reason)
		if pe.Account != tc.account || pe.OptedOut != tc.optedOut {
			t.Errorf("error %d: Account %v, OptedOut %v; want %v, %v", tc.err.Code, pe.Account, pe.OptedOut, tc.account, tc.optedOut)
		}
		if !strings.Contains(err.Error(), "twilio: send: ") {
			t.Errorf("error %d: %q does not say which call failed", tc.err.Code, err)
		}
	}
}

func TestAThrottleWaitsAsLongAsTheRetryAfterHeaderSays(t *testing.T) {
	emu := newEmu(t, nil)
	p := newProvider(t, baseConfig(emu))
	throttled := twilioemu.APIError{Status: 429, Code: 20429, Message: "Too Many Requests"}
	for header, want := range map[string]time.Duration{
		"7": 7 * time.Second,
		"":  0,
		time.Now().Add(90 * time.Second).UTC().Format(http.TimeFormat): 90 * time.Second,
	} {
		emu.InjectError(throttled, header)
		_, err := p.Send(t.Context(), batch("r", "+33612345678", "Bonjour"))
		pe := wantProviderError(t, err, scheduler.Transient, "Twilio asked us to slow down")
		if d := pe.RetryAfter - want; d < -2*time.Second || d > 0 {
			t.Errorf("Retry-After %q: RetryAfter = %v, want %v", header, pe.RetryAfter, want)
		}
	}
	if n := len(emu.Messages()); n != 0 {
		t.Errorf("throttled requests created %d messages", n)
	}
}

func TestAProxyPageInsteadOfTwilioJSONIsClassifiedByItsStatus(t *testing.T) {
	emu := newEmu(t, nil)
	p := newProvider(t, baseConfig(emu))
	for status, class := range map[int]scheduler.ErrorClass{502: scheduler.Transient, 503: scheduler.Transient,
		429: scheduler.Transient, 401: scheduler.Permanent, 403: scheduler.Permanent} {
		emu.InjectRaw(status, "<html><body>Bad gateway</body></html>")
		_, err := p.Send(t.Context(), batch("r", "+33612345678", "Bonjour"))
		pe := wantProviderError(t, err, class, "Twilio")
		if pe.Account != (status == 401) {
			t.Errorf("HTTP %d: Account = %v", status, pe.Account)
		}
	}
}

func TestErrorAnswersLeaveTheConnectionReusable(t *testing.T) {
	emu := newEmu(t, nil)
	p := newProvider(t, baseConfig(emu))
	for range 5 {
		emu.InjectError(twilioemu.APIError{Status: 400, Code: 21211, Message: "Invalid 'To' Phone Number"}, "")
		_, _ = p.Send(t.Context(), batch("r", "+33612345678", "Bonjour"))
		emu.InjectRaw(503, "<html>"+strings.Repeat("down ", 20_000)+"</html>") // read only in part by the SDK
		_, _ = p.Send(t.Context(), batch("r", "+33612345678", "Bonjour"))
	}
	if _, err := p.Send(t.Context(), batch("r", "+33612345678", "Bonjour")); err != nil {
		t.Fatal(err)
	}
	if n := emu.Connections(); n != 1 {
		t.Errorf("11 requests in a row opened %d connections, want 1", n)
	}
}

func TestAnUnknownMessageOrABadIDIsRefusedForGood(t *testing.T) {
	emu := newEmu(t, nil)
	p := newProvider(t, baseConfig(emu))
	_, err := p.Status(t.Context(), "SM00000000000000000000000000000000")
	wantProviderError(t, err, scheduler.Permanent, "Twilio found nothing at this address (Twilio error 20404)")
	for _, id := range []string{"", "../Balance", "SM1.json?x=", strings.Repeat("a", 65)} {
		_, err := p.Status(t.Context(), id)
		wantProviderError(t, err, scheduler.Permanent, "not a Twilio message id")
		err = p.Cancel(t.Context(), id)
		wantProviderError(t, err, scheduler.Permanent, "not a Twilio message id")
	}
	if n := len(emu.Requests()); n != 1 {
		t.Errorf("%d requests, want only the one for the well-formed SID", n)
	}
}
