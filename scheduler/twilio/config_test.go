package twilio_test

import (
	"strings"
	"testing"
	"time"

	"minuit/scheduler/twilio"
	"minuit/scheduler/twilio/twilioemu"
)

func TestNewRefusesBadConfigurationsWithASentenceSayingWhatIsWrong(t *testing.T) {
	ok := twilio.Config{AccountSID: twilioemu.DefaultAccountSID, AuthToken: "secret123", From: "+33757001234"}
	for _, tc := range []struct {
		name string
		edit func(c *twilio.Config)
		want string
	}{
		{"no account", func(c *twilio.Config) { c.AccountSID = " " }, "account SID is empty"},
		{"a Bird workspace id with dashes", func(c *twilio.Config) { c.AccountSID = "4b1c6f0e-1a2b-4c3d-8e9f-0a1b2c3d4e5f" }, "only letters and digits"},
		{"no secret", func(c *twilio.Config) { c.AuthToken = "" }, "auth token is empty"},
		{"a token and a key", func(c *twilio.Config) { c.APIKeySID, c.APISecret = "SK1", "s" }, "not both"},
		{"a key without secret", func(c *twilio.Config) { c.AuthToken, c.APIKeySID = "", "SK1" }, "both its SID and its secret"},
		{"a secret without key", func(c *twilio.Config) { c.AuthToken, c.APISecret = "", "s" }, "both its SID and its secret"},
		{"a pasted token with a slash", func(c *twilio.Config) { c.AuthToken = "abc/def" }, "only letters and digits"},
		{"a key secret with a dash", func(c *twilio.Config) { c.AuthToken, c.APIKeySID, c.APISecret = "", "SK1", "a-b" }, "only letters and digits"},
		{"no sender", func(c *twilio.Config) { c.From = "" }, "give a sender"},
		{"a bad service SID", func(c *twilio.Config) { c.MessagingServiceSID = "MG123" }, "Messaging Service SID"},
		{"a sender name too long", func(c *twilio.Config) { c.From = "La Boutique de Lea" }, "sender"},
		{"a number without +", func(c *twilio.Config) { c.From = "33757001234" }, "international form"},
		{"a bad reply number", func(c *twilio.Config) { c.InboundNumber = "0757001234" }, "reply number"},
		{"a negative timeout", func(c *twilio.Config) { c.Timeout = -time.Second }, "negative"},
		{"an FTP base URL", func(c *twilio.Config) { c.BaseURL = "ftp://example.com" }, "base URL"},
		{"a base URL without scheme", func(c *twilio.Config) { c.BaseURL = "localhost:8080" }, "base URL"},
		{"a base URL without host", func(c *twilio.Config) { c.BaseURL = "https://:8080" }, "base URL"},
		{"a base URL with a password", func(c *twilio.Config) { c.BaseURL = "http://u:p@example.com" }, "base URL"},
		{"a base URL with a query", func(c *twilio.Config) { c.BaseURL = "http://example.com/?x=1" }, "base URL"},
		{"a base URL with a fragment", func(c *twilio.Config) { c.BaseURL = "http://example.com/#x" }, "base URL"},
	} {
		cfg := ok
		tc.edit(&cfg)
		p, err := twilio.New(cfg)
		if err == nil || p != nil {
			t.Errorf("%s: New = %v, %v; want an error", tc.name, p, err)
			continue
		}
		if !strings.HasPrefix(err.Error(), "twilio: ") || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %q, want one saying %q", tc.name, err, tc.want)
		}
		if strings.Contains(err.Error(), "secret123") {
			t.Errorf("%s: error %q shows the auth token", tc.name, err)
		}
	}
}

func TestNewAcceptsEveryKindOfSenderAndMakesNoRequest(t *testing.T) {
	emu := newEmu(t, nil)
	for _, cfg := range []twilio.Config{
		{From: "+33757001234"},
		{From: "MaBoutique"},
		{From: "12345"}, // a short code
		{MessagingServiceSID: twilioemu.DefaultServiceSID},
		{MessagingServiceSID: twilioemu.DefaultServiceSID, InboundNumber: "+33757001234"},
		{From: "MaBoutique", APIKeySID: twilioemu.DefaultAPIKeySID, APISecret: twilioemu.DefaultAPISecret},
	} {
		cfg.AccountSID, cfg.BaseURL = emu.AccountSID(), emu.URL()+"/"
		if cfg.APIKeySID == "" {
			cfg.AuthToken = twilioemu.DefaultAuthToken
		}
		if _, err := twilio.New(cfg); err != nil {
			t.Errorf("New(%+v): %v", cfg, err)
		}
	}
	if n := len(emu.Requests()); n != 0 {
		t.Errorf("New made %d requests", n)
	}
}

func TestCapabilitiesOfferTheHandOffOnlyThroughAMessagingService(t *testing.T) {
	emu := newEmu(t, nil)
	cfg := baseConfig(emu)
	c := newProvider(t, cfg).Capabilities()
	if c.MaxBatch != 1 || c.Idempotent || c.Rate != twilio.Rate || c.ScheduleMin != 15*time.Minute || c.ScheduleMax != 35*24*time.Hour {
		t.Errorf("with a Messaging Service: %+v", c)
	}
	cfg.MessagingServiceSID = ""
	if c := newProvider(t, cfg).Capabilities(); c.ScheduleMax != 0 || c.MaxBatch != 1 {
		t.Errorf("from a number only: %+v, want no hand-off", c)
	}
	if name := newProvider(t, cfg).Name(); name != "twilio" {
		t.Errorf("Name = %q", name)
	}
}
