package twilio_test

import (
	"strings"
	"testing"
	"time"

	"minuit/scheduler"
	"minuit/scheduler/twilio/twilioemu"
)

func TestASendPostsTheFormFieldsTwilioDocumentsWithBasicAuth(t *testing.T) {
	emu := newEmu(t, newFakeClock())
	p := newProvider(t, baseConfig(emu))
	b := batch("r1", "+33612345678", "Votre commande est prête ✨")
	b.Validity = 90 * time.Minute
	acc, err := p.Send(t.Context(), b)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(acc.ID, "SM") || acc.Reference != "r1" || len(acc.Recipients) != 1 || acc.Recipients[0] != "+33612345678" {
		t.Errorf("accepted %+v", acc)
	}
	reqs := requests(emu, "POST", "/Messages.json")
	if len(reqs) != 1 {
		t.Fatalf("%d POST Messages.json, want 1", len(reqs))
	}
	r := reqs[0]
	if r.Path != "/2010-04-01/Accounts/"+twilioemu.DefaultAccountSID+"/Messages.json" {
		t.Errorf("path %q", r.Path)
	}
	if r.User != twilioemu.DefaultAccountSID || !r.Authorized {
		t.Errorf("Basic auth user %q (authorized %v), want the account SID", r.User, r.Authorized)
	}
	if r.ContentType != "application/x-www-form-urlencoded" {
		t.Errorf("Content-Type %q", r.ContentType)
	}
	if !strings.HasPrefix(r.UserAgent, "twilio-go/1.31.0 ") || !strings.HasSuffix(r.UserAgent, " minuit") {
		t.Errorf("User-Agent %q", r.UserAgent)
	}
	want := map[string]string{"To": "+33612345678", "Body": b.Body, "From": emu.Number(),
		"MessagingServiceSid": twilioemu.DefaultServiceSID, "ValidityPeriod": "5400"}
	for k, v := range want {
		if got := r.Form.Get(k); got != v {
			t.Errorf("form %s = %q, want %q", k, got, v)
		}
	}
	if len(r.Form) != len(want) {
		t.Errorf("form %v has fields beyond %v", r.Form, want)
	}
}

func TestAHandOffSendsScheduleTypeFixedAndSendAtInUTCWholeSeconds(t *testing.T) {
	clock := newFakeClock()
	emu := newEmu(t, clock)
	p := newProvider(t, baseConfig(emu))
	paris := time.FixedZone("CET", 3600)
	b := batch("r1", "+33612345678", "Rappel")
	b.SendAt = time.Date(2026, 12, 7, 15, 0, 0, 700_000_000, paris)
	if _, err := p.Send(t.Context(), b); err != nil {
		t.Fatal(err)
	}
	f := requests(emu, "POST", "/Messages.json")[0].Form
	if f.Get("ScheduleType") != "fixed" || f.Get("SendAt") != "2026-12-07T14:00:00Z" || f.Get("MessagingServiceSid") == "" {
		t.Errorf("form %v, want ScheduleType=fixed, SendAt=2026-12-07T14:00:00Z and the service", f)
	}
}

func TestAnAPIKeyAuthenticatesInPlaceOfTheAuthToken(t *testing.T) {
	emu := newEmu(t, nil)
	cfg := baseConfig(emu)
	cfg.AuthToken, cfg.APIKeySID, cfg.APISecret = "", twilioemu.DefaultAPIKeySID, twilioemu.DefaultAPISecret
	p := newProvider(t, cfg)
	if _, err := p.Balance(t.Context()); err != nil {
		t.Fatal(err)
	}
	r := emu.Requests()[0]
	if r.User != twilioemu.DefaultAPIKeySID || !r.Authorized || r.Path != "/2010-04-01/Accounts/"+twilioemu.DefaultAccountSID+"/Balance.json" {
		t.Errorf("request %+v, want the API key as user and the account in the path", r)
	}
}

func TestValidityIsRoundedUpToWholeSecondsAndCappedAtTenHours(t *testing.T) {
	emu := newEmu(t, nil)
	p := newProvider(t, baseConfig(emu))
	for i, tc := range []struct {
		validity time.Duration
		want     string
	}{{1500 * time.Millisecond, "2"}, {time.Nanosecond, "1"}, {20 * time.Hour, "36000"}, {0, ""}} {
		b := batch("r", "+33612345678", "Validité")
		b.Validity = tc.validity
		if _, err := p.Send(t.Context(), b); err != nil {
			t.Fatal(err)
		}
		if got := requests(emu, "POST", "/Messages.json")[i].Form.Get("ValidityPeriod"); got != tc.want {
			t.Errorf("Validity %v sent as %q, want %q", tc.validity, got, tc.want)
		}
	}
}

func TestASenderNameAloneIsSentAsFromWithoutAService(t *testing.T) {
	emu := newEmu(t, nil)
	cfg := baseConfig(emu)
	cfg.From, cfg.MessagingServiceSID = "MaBoutique", ""
	if _, err := newProvider(t, cfg).Send(t.Context(), batch("r", "33612345678", "Bonjour")); err != nil {
		t.Fatal(err)
	}
	f := requests(emu, "POST", "/Messages.json")[0].Form
	if f.Get("From") != "MaBoutique" || f.Has("MessagingServiceSid") || f.Get("To") != "+33612345678" {
		t.Errorf("form %v, want From=MaBoutique, no service, To with its +", f)
	}
}

func TestBatchesTwilioCannotTakeAreRefusedBeforeAnyRequest(t *testing.T) {
	emu := newEmu(t, nil)
	cfg := baseConfig(emu)
	cfg.MessagingServiceSID = ""
	p := newProvider(t, cfg)
	handOff := batch("r", "+33612345678", "Plus tard")
	handOff.SendAt = time.Now().Add(time.Hour)
	for name, b := range map[string]scheduler.Batch{
		"a hand-off without a Messaging Service": handOff,
		"two recipients":                         {Reference: "r", Body: "x", Recipients: []string{"+33612345678", "+33612345679"}},
		"no recipient":                           {Reference: "r", Body: "x"},
		"an empty body":                          batch("r", "+33612345678", ""),
		"a national number":                      batch("r", "0612345678", "x"),
	} {
		_, err := p.Send(t.Context(), b)
		if pe := wantProviderError(t, err, scheduler.Permanent, ""); pe.Account {
			t.Errorf("%s: an account problem", name)
		}
	}
	if n := len(emu.Requests()); n != 0 {
		t.Errorf("%d requests were made", n)
	}
}

func TestTheBaseURLPathPrefixComesBeforeTwilioPathsAndPageURIs(t *testing.T) {
	clock := newFakeClock()
	emu := newEmu(t, clock, twilioemu.WithPathPrefix("/gateway/twilio"))
	p := newProvider(t, baseConfig(emu))
	if !strings.HasSuffix(emu.URL(), "/gateway/twilio") {
		t.Fatalf("emulator URL %q", emu.URL())
	}
	for i := range 1005 {
		emu.AddInbound("+33611223344", "reply", clock.Now().Add(-time.Duration(i)*time.Second))
	}
	msgs, err := p.Inbound(t.Context(), clock.Now().Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 1005 {
		t.Errorf("read %d replies over two pages, want 1005", len(msgs))
	}
	reqs := emu.Requests()
	if len(reqs) != 2 {
		t.Fatalf("%d requests, want two pages", len(reqs))
	}
	for _, r := range reqs {
		if r.Path != "/gateway/twilio/2010-04-01/Accounts/"+twilioemu.DefaultAccountSID+"/Messages.json" || !r.Authorized {
			t.Errorf("request path %q (authorized %v)", r.Path, r.Authorized)
		}
	}
	if q := reqs[1].Query; q.Get("PageToken") == "" || q.Get("Page") != "1" || q.Get("To") != emu.Number() || q.Get("PageSize") != "1000" {
		t.Errorf("second page asked with %v", q)
	}
}
