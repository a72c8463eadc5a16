package bird_test

import (
	"net/http"
	"testing"
	"time"

	"minuit/scheduler"
	"minuit/scheduler/bird"
	"minuit/scheduler/bird/birdemu"
)

func TestEveryBirdErrorOnSendIsMappedToAClassAndASentence(t *testing.T) {
	e := func(typ, code, name, param string) birdemu.APIError {
		return birdemu.APIError{Type: typ, Code: code, Name: name, Param: param, Message: "Bird's own words."}
	}
	cases := []struct {
		name       string
		status     int
		err        birdemu.APIError
		retryAfter string
		class      scheduler.ErrorClass
		reason     string
		account    bool
		optedOut   bool
		wait       time.Duration
	}{
		{"wrong key", 401, e("auth_error", "E02001", "Unauthenticated", ""), "",
			scheduler.Permanent, "Bird refused the API key", true, false, 0},
		{"no balance", 402, e("billing_error", "E03001", "InsufficientBalance", ""), "",
			scheduler.Permanent, "the Bird account has no balance left", true, false, 0},
		{"no balance named on a 422", 422, e("validation_error", "E03002", "insufficient_balance", ""), "",
			scheduler.Permanent, "the Bird account has no balance left", true, false, 0},
		{"suspended", 403, e("permission_error", "E02009", "AccountSuspended", ""), "",
			scheduler.Permanent, "the Bird account is suspended", true, false, 0},
		{"missing scope", 403, e("permission_error", "E02002", "MissingScope", "sms:write"), "",
			scheduler.Permanent, "Bird does not allow this API key to send SMS; check the key's permissions in Bird", true, false, 0},
		{"in flight", 409, e("conflict_error", "E01004", "RequestInProgress", ""), "3",
			scheduler.Transient, "Bird is still handling the same message; Minuit will ask again shortly", false, false, 3 * time.Second},
		{"in flight without a wait", 409, e("conflict_error", "E01004", "RequestInProgress", ""), "",
			scheduler.Transient, "Bird is still handling the same message; Minuit will ask again shortly", false, false, time.Second},
		{"key reused", 409, e("conflict_error", "E01005", "IdempotencyKeyReuse", ""), "",
			scheduler.Permanent, "Bird already received a different message under this reference", false, false, 0},
		{"invalid number", 422, e("validation_error", "E12001", "invalid_recipient", "to"), "",
			scheduler.Permanent, "the number is not valid", false, false, 0},
		{"opted out at send", 422, e("validation_error", "E12002", "recipient_opted_out", "to"), "",
			scheduler.Permanent, "the recipient asked Bird to stop sending them messages (STOP)", false, true, 0},
		{"suppressed at send", 403, e("permission_error", "E12003", "RecipientSuppressed", "to"), "",
			scheduler.Permanent, "the recipient asked Bird to stop sending them messages (STOP)", false, true, 0},
		{"no sender", 422, e("validation_error", "E12010", "SMSNoEligibleSender", "from"), "",
			scheduler.Permanent, "Bird refused the sender ID", false, false, 0},
		{"preview field", 422, e("validation_error", "E12020", "SMSUnsupportedFeature", "scheduled_at"), "",
			scheduler.Permanent, "Bird does not support this option yet", false, false, 0},
		{"text too long", 422, e("validation_error", "E01001", "ValidationError", "text"), "",
			scheduler.Permanent, "Bird refused the text: it is empty or longer than 12 SMS", false, false, 0},
		{"bad request", 400, e("bad_request_error", "E01002", "InvalidRequest", ""), "",
			scheduler.Permanent, "Bird refused the request: Bird's own words.", false, false, 0},
		{"throttled", 429, e("rate_limit_error", "E01429", "RateLimited", ""), "7",
			scheduler.Transient, "Bird asked Minuit to slow down", false, false, 7 * time.Second},
		{"throttled without a wait", 429, e("rate_limit_error", "E01429", "RateLimited", ""), "",
			scheduler.Transient, "Bird asked Minuit to slow down", false, false, 0},
		{"internal", 500, e("internal_error", "E09001", "InternalError", ""), "",
			scheduler.Transient, "Bird is temporarily unavailable", false, false, 0},
		{"unavailable", 503, e("service_unavailable_error", "E09003", "ServiceUnavailable", ""), "30",
			scheduler.Transient, "Bird is temporarily unavailable", false, false, 30 * time.Second},
	}
	emu := newEmu(t)
	p := newProvider(t, emu)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			emu.FailNext(c.status, c.err, c.retryAfter)
			_, err := p.Send(t.Context(), batch("mn-errors", delivered))
			pe := wantError(t, err, c.class, c.reason)
			if pe.Account != c.account || pe.OptedOut != c.optedOut || pe.RetryAfter != c.wait {
				t.Errorf("Account %v OptedOut %v RetryAfter %v, want %v %v %v",
					pe.Account, pe.OptedOut, pe.RetryAfter, c.account, c.optedOut, c.wait)
			}
			var api *bird.APIError
			if !errorsAs(err, &api) || api.StatusCode != c.status || api.Code != c.err.Code || api.RequestID == "" {
				t.Errorf("underlying error %#v, want HTTP %d %s with a request id", api, c.status, c.err.Code)
			}
		})
	}
	if n := len(emu.Messages()); n != 0 {
		t.Errorf("refused requests created %d messages", n)
	}
}

func TestARetryAfterDateIsReadAsAWait(t *testing.T) {
	emu := newEmu(t)
	p := newProvider(t, emu)
	emu.FailNext(http.StatusTooManyRequests, birdemu.APIError{Type: "rate_limit_error"},
		time.Now().Add(time.Hour).UTC().Format(http.TimeFormat))
	_, err := p.Send(t.Context(), batch("mn-date", delivered))
	pe := wantError(t, err, scheduler.Transient, "Bird asked Minuit to slow down")
	if pe.RetryAfter < 58*time.Minute || pe.RetryAfter > time.Hour {
		t.Errorf("RetryAfter %v, want about an hour", pe.RetryAfter)
	}
}

func TestAnswersThatAreNotBirdsEnvelopeAreClassifiedByTheirStatus(t *testing.T) {
	emu := newEmu(t)
	p := newProvider(t, emu)
	emu.FailNextRaw(http.StatusBadGateway, "<html>Bad gateway</html>")
	_, err := p.Send(t.Context(), batch("mn-raw1", delivered))
	wantError(t, err, scheduler.Transient, "Bird is temporarily unavailable")

	emu.FailNextRaw(http.StatusTeapot, "no")
	_, err = p.Send(t.Context(), batch("mn-raw2", delivered))
	wantError(t, err, scheduler.Permanent, "Bird refused the request (HTTP 418)")

	emu.FailNextRaw(http.StatusUnauthorized, "")
	_, err = p.Balance(t.Context())
	if pe := wantError(t, err, scheduler.Permanent, "Bird refused the API key"); !pe.Account {
		t.Errorf("a bare 401 is not an account problem")
	}
}

func TestAnUnreadableAcceptanceIsAmbiguousButAnUnreadableReadIsTransient(t *testing.T) {
	emu := newEmu(t)
	p := newProvider(t, emu)
	emu.FailNextRaw(http.StatusAccepted, "{not json")
	_, err := p.Send(t.Context(), batch("mn-garbled", delivered))
	wantError(t, err, scheduler.Ambiguous, "Bird's answer could not be read; the message may have been sent")

	emu.FailNextRaw(http.StatusOK, "{not json")
	_, err = p.Status(t.Context(), "sms_1")
	wantError(t, err, scheduler.Transient, "Bird's answer could not be read")

	emu.FailNextRaw(http.StatusAccepted, `{"status":"accepted"}`)
	_, err = p.Send(t.Context(), batch("mn-noid", delivered))
	wantError(t, err, scheduler.Ambiguous, "Bird's answer had no message id; the message may have been sent")
}

func TestAWrongKeyIsAnAccountProblemOnEveryCall(t *testing.T) {
	emu := newEmu(t, birdemu.WithKey("bk_eu1_right"))
	p := newProviderWith(t, bird.Config{Key: "bk_eu1_wrong", BaseURL: emu.URL()})
	_, err := p.Send(t.Context(), batch("mn-key", delivered))
	if pe := wantError(t, err, scheduler.Permanent, "Bird refused the API key"); !pe.Account {
		t.Error("Send: not an account problem")
	}
	_, err = p.Status(t.Context(), "sms_1")
	wantError(t, err, scheduler.Permanent, "Bird refused the API key")
	_, err = p.Lookup(t.Context(), []scheduler.Batch{{Reference: "mn-key"}}, time.Time{})
	wantError(t, err, scheduler.Permanent, "Bird refused the API key")
	_, err = p.Inbound(t.Context(), time.Time{})
	wantError(t, err, scheduler.Permanent, "Bird refused the API key")
	if len(emu.Messages()) != 0 {
		t.Error("a message was created with a wrong key")
	}
}
