package brevoemu_test

import (
	"net/http"
	"strings"
	"testing"

	"minuit/scheduler/brevo/brevoemu"
)

func TestSendAnswers201WithANumericMessageIdAndCountsTheMessage(t *testing.T) {
	emu, _ := newEmu(t)
	a := send(t, emu, sms("33612345678", "mn-1"))
	if a.status != http.StatusCreated || !strings.HasPrefix(string(a.body), `{"messageId":`) {
		t.Fatalf("answer = %d %s, want 201 {\"messageId\": n}", a.status, a.body)
	}
	v := a.json(t)
	if len(v) != 1 || v["messageId"].(float64) <= 0 {
		t.Errorf("answer = %s, want only a positive messageId", a.body)
	}
	for _, n := range []string{"+33612345678", "33612345678", "0033612345678"} {
		if got := emu.Created(n, "Bonjour"); got != 1 {
			t.Errorf("Created(%s) = %d, want 1", n, got)
		}
	}
	if emu.Created("+33612345678", "Bonsoir") != 0 {
		t.Error("Created counts another body")
	}
	if emu.Credits() != 999_999 {
		t.Errorf("credits = %v, want one SMS part less", emu.Credits())
	}
}

func TestTheDeprecatedEndpointAnswersWithItsOlderShape(t *testing.T) {
	emu, _ := newEmu(t)
	a := do(t, "POST", emu.URL()+"/transactionalSMS/sms", brevoemu.DefaultAPIKey, sms("33612345678", "mn-1"))
	v := a.json(t)
	for _, k := range []string{"reference", "messageId", "smsCount", "usedCredits", "remainingCredits"} {
		if _, ok := v[k]; !ok || a.status != http.StatusCreated {
			t.Errorf("answer %d %s lacks %s", a.status, a.body, k)
		}
	}
}

func TestSendChecksTheDocumentedFieldRules(t *testing.T) {
	long := strings.Repeat("a", 12)
	cases := map[string]struct {
		change        func(map[string]any)
		code, message string
	}{
		"no sender":       {func(b map[string]any) { delete(b, "sender") }, "missing_parameter", "sender is missing"},
		"long sender":     {func(b map[string]any) { b["sender"] = long }, "invalid_parameter", ""},
		"16-digit sender": {func(b map[string]any) { b["sender"] = "1234567890123456" }, "invalid_parameter", ""},
		"no recipient":    {func(b map[string]any) { delete(b, "recipient") }, "missing_parameter", "recipient is missing"},
		"letters":         {func(b map[string]any) { b["recipient"] = "33CALLME" }, "invalid_parameter", "Invalid phone number"},
		"short number":    {func(b map[string]any) { b["recipient"] = "33612" }, "invalid_parameter", "Invalid phone number"},
		"number 9990":     {func(b map[string]any) { b["recipient"] = "33612349990" }, "invalid_parameter", "Invalid phone number"},
		"no content":      {func(b map[string]any) { b["content"] = "" }, "missing_parameter", "content is missing"},
		"bad type":        {func(b map[string]any) { b["type"] = "promo" }, "invalid_parameter", ""},
		"eleven tags":     {func(b map[string]any) { b["tag"] = strings.Split("a,b,c,d,e,f,g,h,i,j,k", ",") }, "invalid_parameter", ""},
		"unknown field":   {func(b map[string]any) { b["scheduledAt"] = "2026-12-08T10:00:00Z" }, "bad_request", ""},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			emu, _ := newEmu(t)
			body := sms("33612345678", "mn-1")
			c.change(body)
			wantError(t, send(t, emu, body), http.StatusBadRequest, c.code, c.message)
			if len(emu.Messages()) != 0 {
				t.Errorf("a refused request created a message")
			}
		})
	}
}

func TestSendAcceptsNamesNumbersATagListAndMarketing(t *testing.T) {
	emu, _ := newEmu(t)
	for _, change := range []func(map[string]any){
		func(b map[string]any) { b["sender"] = "Chez Lea 2" },
		func(b map[string]any) { b["sender"] = "+123456789012345" },
		func(b map[string]any) { b["tag"] = []string{"mn-1", "promo"} },
		func(b map[string]any) {
			b["type"] = "marketing"
			b["unicodeEnabled"] = true
			b["organisationPrefix"] = "Lea"
		},
		func(b map[string]any) { b["recipient"] = "+33612345678"; delete(b, "type"); delete(b, "tag") },
	} {
		body := sms("33612345678", "mn-1")
		change(body)
		if a := send(t, emu, body); a.status != http.StatusCreated {
			t.Errorf("body %v: answer %d %s", body, a.status, a.body)
		}
	}
}

func TestSendRefusesAJSONBodyWithoutItsContentType(t *testing.T) {
	emu, _ := newEmu(t)
	req, _ := http.NewRequestWithContext(t.Context(), "POST", emu.URL()+"/transactionalSMS/send",
		strings.NewReader(`{"sender":"Boutique","recipient":"33612345678","content":"x"}`))
	req.Header.Set("api-key", brevoemu.DefaultAPIKey)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest || len(emu.Messages()) != 0 {
		t.Errorf("status %d, %d messages; want 400 and none", resp.StatusCode, len(emu.Messages()))
	}
}

func TestNoCreditsAnswers402(t *testing.T) {
	emu, _ := newEmu(t, brevoemu.WithCredits(1))
	long := sms("33612345678", "mn-1")
	long["content"] = strings.Repeat("a", 161) // two parts
	wantError(t, send(t, emu, long), http.StatusPaymentRequired, "not_enough_credits", "")
	if a := send(t, emu, sms("33612345678", "mn-2")); a.status != http.StatusCreated {
		t.Errorf("a one-part SMS with one credit: %d %s", a.status, a.body)
	}
}

func TestEveryEndpointWantsTheAPIKey(t *testing.T) {
	emu, _ := newEmu(t)
	for _, path := range []string{"/transactionalSMS/send", "/transactionalSMS/statistics/events", "/account"} {
		for _, key := range []string{"", "xkeysib-wrong"} {
			method := "GET"
			if strings.HasSuffix(path, "send") {
				method = "POST"
			}
			wantError(t, do(t, method, emu.URL()+path, key, nil), http.StatusUnauthorized, "unauthorized", "Key not found")
		}
	}
}

func TestAccountHasTheDocumentedShapeWithAnSMSPlan(t *testing.T) {
	emu, _ := newEmu(t, brevoemu.WithCredits(42.5))
	v := do(t, "GET", emu.URL()+"/account", brevoemu.DefaultAPIKey, nil).json(t)
	for _, k := range []string{"email", "firstName", "lastName", "companyName", "address", "plan", "relay"} {
		if _, ok := v[k]; !ok {
			t.Errorf("account lacks %s", k)
		}
	}
	found := false
	for _, p := range v["plan"].([]any) {
		plan := p.(map[string]any)
		if plan["type"] == "sms" && plan["credits"] == 42.5 && plan["creditsType"] == "sendLimit" {
			found = true
		}
	}
	if !found {
		t.Errorf("plan = %v, want an sms plan with 42.5 credits", v["plan"])
	}
}

func TestRoutesOutsideTheAPIAnswer404AndWrongMethods405(t *testing.T) {
	emu, _ := newEmu(t)
	wantError(t, do(t, "GET", emu.URL()+"/transactionalSMS/unknown", brevoemu.DefaultAPIKey, nil), http.StatusNotFound, "document_not_found", "")
	wantError(t, do(t, "GET", strings.TrimSuffix(emu.URL(), "/v3")+"/transactionalSMS/send", brevoemu.DefaultAPIKey, nil), http.StatusNotFound, "document_not_found", "")
	wantError(t, do(t, "DELETE", emu.URL()+"/account", brevoemu.DefaultAPIKey, nil), http.StatusMethodNotAllowed, "method_not_allowed", "")
	if !strings.HasSuffix(emu.URL(), "/v3") {
		t.Errorf("URL %s does not end in /v3", emu.URL())
	}
	root := brevoemu.New(brevoemu.WithPathPrefix("/"))
	defer root.Close()
	if a := do(t, "GET", root.URL()+"/account", brevoemu.DefaultAPIKey, nil); a.status != http.StatusOK {
		t.Errorf("GET /account at the root: %d", a.status)
	}
}
