package brevo_test

import (
	"net/http"
	"testing"
	"time"

	"minuit/scheduler"
	"minuit/scheduler/brevo"
	"minuit/scheduler/brevo/brevoemu"
)

func TestEveryBrevoErrorIsMappedToAClassAndASentence(t *testing.T) {
	cases := []struct {
		status          int
		code, message   string
		class           scheduler.ErrorClass
		reason          string
		account, optOut bool
	}{
		{401, "unauthorized", "Key not found", scheduler.Permanent,
			"Brevo refused the API key (or this computer's IP address is not among the authorised ones); check the key in the settings", true, false},
		{401, "unauthorized", "We have detected you are using an unrecognised IP address", scheduler.Permanent, "", true, false},
		{402, "not_enough_credits", "You don't have enough credit to send your SMS. Please update your plan",
			scheduler.Permanent, "the Brevo account has no SMS credits left", true, false},
		{403, "permission_denied", "Permission denied", scheduler.Permanent,
			"Brevo does not allow this API key to send SMS (permission denied); check the key's permissions in Brevo", true, false},
		{403, "account_under_validation", "Your account is under validation", scheduler.Permanent,
			"the Brevo account is still being validated by Brevo and cannot send SMS yet", true, false},
		{400, "invalid_parameter", "Invalid phone number", scheduler.Permanent, "the number is not valid", false, false},
		{400, "missing_parameter", "recipient is missing", scheduler.Permanent, "the number is not valid", false, false},
		{400, "invalid_parameter", "Invalid sender: the number of characters is limited", scheduler.Permanent, "Brevo refused the sender ID", false, false},
		{400, "missing_parameter", "content is missing", scheduler.Permanent, "Brevo refused the request: content is missing", false, false},
		{400, "invalid_parameter", "The contact has unsubscribed from SMS", scheduler.Permanent, "the contact unsubscribed from SMS at Brevo", false, true},
		{400, "bad_request", "", scheduler.Permanent, "Brevo refused the request (HTTP 400)", false, false},
		{404, "document_not_found", "Invalid route", scheduler.Permanent, "", false, false},
		{500, "", "Internal Server Error", scheduler.Transient, "Brevo is temporarily unavailable", false, false},
		{502, "", "Bad Gateway", scheduler.Transient, "Brevo is temporarily unavailable", false, false},
		{503, "", "", scheduler.Transient, "Brevo is temporarily unavailable", false, false},
	}
	for _, c := range cases {
		t.Run(c.code+" "+c.message, func(t *testing.T) {
			emu := newEmu(t)
			p := newProvider(t, emu, 0)
			emu.InjectError(c.status, c.code, c.message)
			_, err := p.Send(t.Context(), batch("mn-err", delivered))
			pe := wantProviderError(t, err, c.class, c.reason)
			if pe.Account != c.account || pe.OptedOut != c.optOut {
				t.Errorf("Account = %v, OptedOut = %v; want %v, %v", pe.Account, pe.OptedOut, c.account, c.optOut)
			}
			if len(emu.Messages()) != 0 {
				t.Errorf("a refused request created a message")
			}
		})
	}
}

func TestAThrottleWaitsForBrevosRateLimitReset(t *testing.T) {
	emu := newEmu(t)
	p := newProvider(t, emu, 0)
	emu.Throttle(7)
	_, err := p.Send(t.Context(), batch("mn-429", delivered))
	pe := wantProviderError(t, err, scheduler.Transient, "Brevo asked us to slow down")
	if pe.RetryAfter != 7*time.Second || pe.Account {
		t.Errorf("RetryAfter = %v, Account = %v; want 7s from x-sib-ratelimit-reset", pe.RetryAfter, pe.Account)
	}
	if scheduler.RetryAfter(err) != 7*time.Second {
		t.Errorf("scheduler.RetryAfter = %v", scheduler.RetryAfter(err))
	}
}

func TestTheEmulatorsRateLimitIsReportedAsATransientWait(t *testing.T) {
	emu := newEmu(t, brevoemu.WithRateLimit(1))
	p := newProvider(t, emu, 0)
	var throttled error
	for i := range 3 {
		if _, err := p.Send(t.Context(), batch("mn-rate", "+3361234560"+string(rune('0'+i)))); err != nil {
			throttled = err
		}
	}
	pe := wantProviderError(t, throttled, scheduler.Transient, "Brevo asked us to slow down")
	if pe.RetryAfter != time.Second {
		t.Errorf("RetryAfter = %v, want 1s", pe.RetryAfter)
	}
}

func TestAWrongKeyPausesTheAccountOnEveryCall(t *testing.T) {
	emu := newEmu(t, brevoemu.WithAPIKey("xkeysib-right"))
	p := newProviderWith(t, brevo.Config{Key: "xkeysib-wrong", BaseURL: emu.URL()})
	_, errSend := p.Send(t.Context(), batch("mn-key", delivered))
	_, errStatus := p.Status(t.Context(), "1511882900176220:33612349900")
	_, errLookup := p.Lookup(t.Context(), refs("mn-key"), time.Now())
	_, errInbound := p.Inbound(t.Context(), time.Now())
	_, errBalance := p.Balance(t.Context())
	for _, err := range []error{errSend, errStatus, errLookup, errInbound, errBalance} {
		if !scheduler.AccountProblem(err) {
			t.Errorf("error %v is not an account problem", err)
		}
		wantProviderError(t, err, scheduler.Permanent, "")
	}
	if len(emu.Messages()) != 0 {
		t.Error("a message was created with a wrong key")
	}
}

func TestNoCreditsLeftPausesTheAccount(t *testing.T) {
	emu := newEmu(t, brevoemu.WithCredits(1))
	p := newProvider(t, emu, 0)
	if _, err := p.Send(t.Context(), batch("mn-c1", delivered)); err != nil {
		t.Fatalf("the first SMS: %v", err)
	}
	_, err := p.Send(t.Context(), batch("mn-c2", delivered))
	if pe := wantProviderError(t, err, scheduler.Permanent, "the Brevo account has no SMS credits left"); !pe.Account {
		t.Errorf("no credits is not an account problem: %+v", pe)
	}
	b, err := p.Balance(t.Context())
	if err != nil || b.Amount != 0 || b.Type != "SMS credits" {
		t.Errorf("Balance = %+v, %v; want 0 SMS credits", b, err)
	}
}

func TestBalanceIsTheSMSPlansCredits(t *testing.T) {
	emu := newEmu(t, brevoemu.WithCredits(812.5))
	p := newProvider(t, emu, 0)
	b, err := p.Balance(t.Context())
	if err != nil || b.Amount != 812.5 || b.Type != "SMS credits" {
		t.Errorf("Balance = %+v, %v; want 812.5 SMS credits", b, err)
	}
	r := emu.Requests()[0]
	if r.Method != http.MethodGet || r.Path != "/v3/account" || r.Header.Get("api-key") != brevoemu.DefaultAPIKey {
		t.Errorf("request = %s %s with key %q", r.Method, r.Path, r.Header.Get("api-key"))
	}
}
