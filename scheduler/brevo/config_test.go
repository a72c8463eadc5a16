package brevo_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"minuit/scheduler/brevo"
	"minuit/scheduler/brevo/brevoemu"
)

func TestNewRefusesABadBaseURL(t *testing.T) {
	for _, raw := range []string{
		"ftp://example.com",
		"localhost:8080",
		"example.com/brevo",
		"http://",
		"https://:8080",
		"http://user:secret@example.com",
		"http://example.com/?debug=1",
		"http://example.com/#top",
		"http://exa mple.com",
	} {
		p, err := brevo.New(brevo.Config{Key: "k", BaseURL: raw})
		if err == nil || p != nil {
			t.Errorf("New(BaseURL %q) = %v, %v; want an error", raw, p, err)
			continue
		}
		if !strings.HasPrefix(err.Error(), "brevo: the base URL ") {
			t.Errorf("New(BaseURL %q) error %q does not say what is wrong", raw, err)
		}
		if strings.Contains(err.Error(), "secret") && !strings.Contains(raw, "secret") {
			t.Errorf("error %q leaks something", err)
		}
	}
}

func TestNewRefusesAnEmptyKey(t *testing.T) {
	if _, err := brevo.New(brevo.Config{Key: "  "}); !errors.Is(err, brevo.ErrNoKey) {
		t.Errorf("New without key: %v, want ErrNoKey", err)
	}
}

func TestNewRefusesANegativeTimeout(t *testing.T) {
	if _, err := brevo.New(brevo.Config{Key: "k", Timeout: -time.Second}); err == nil {
		t.Error("New accepted a negative timeout")
	}
}

func TestNewRefusesASenderBrevoWouldRefuse(t *testing.T) {
	for _, sender := range []string{"BoutiqueLeaa", "Boutique-Léa", "Léa", "1234567890123456", "+1234567890123456", "+", "Bou_tique"} {
		if _, err := brevo.New(brevo.Config{Key: "k", Sender: sender}); err == nil {
			t.Errorf("New accepted the sender %q", sender)
		} else if !strings.Contains(err.Error(), "11 letters") {
			t.Errorf("New(Sender %q) error %q does not give the rule", sender, err)
		}
	}
}

func TestNewAcceptsSendersOfElevenLettersOrFifteenDigits(t *testing.T) {
	for _, sender := range []string{"", "BoutiqueLea", "Chez Lea 2", "A", "123456789012345", "+33612345678"} {
		if _, err := brevo.New(brevo.Config{Key: "k", Sender: sender}); err != nil {
			t.Errorf("New(Sender %q): %v", sender, err)
		}
	}
}

func TestNameAndCapabilitiesMatchBrevosTransactionalSMS(t *testing.T) {
	p := newProviderWith(t, brevo.Config{Key: "k"})
	if p.Name() != "brevo" {
		t.Errorf("Name() = %q", p.Name())
	}
	c := p.Capabilities()
	if c.MaxBatch != 1 || c.Idempotent || c.ScheduleMax != 0 || c.Rate != 150 {
		t.Errorf("Capabilities() = %+v, want one recipient, not idempotent, no hand-off, 150/s", c)
	}
}

func TestBaseURLWithAPathPrefixReachesEveryEndpointUnderIt(t *testing.T) {
	for _, suffix := range []string{"", "/"} {
		emu := newEmu(t, brevoemu.WithPathPrefix("/gateway/brevo/v3"))
		if !strings.HasSuffix(emu.URL(), "/gateway/brevo/v3") {
			t.Fatalf("emulator URL %q lacks the prefix", emu.URL())
		}
		p := newProviderWith(t, brevo.Config{Key: brevoemu.DefaultAPIKey, BaseURL: emu.URL() + suffix})
		acc, err := p.Send(t.Context(), batch("p1", delivered))
		if err != nil {
			t.Fatalf("Send via %q: %v", emu.URL()+suffix, err)
		}
		if _, err := p.Status(t.Context(), acc.ID); err != nil {
			t.Fatalf("Status: %v", err)
		}
		if _, err := p.Lookup(t.Context(), refs("p1"), time.Now()); err != nil {
			t.Fatalf("Lookup: %v", err)
		}
		if _, err := p.Inbound(t.Context(), time.Now()); err != nil {
			t.Fatalf("Inbound: %v", err)
		}
		if _, err := p.Balance(t.Context()); err != nil {
			t.Fatalf("Balance: %v", err)
		}
		want := []string{"POST /gateway/brevo/v3/transactionalSMS/send", "GET /gateway/brevo/v3/transactionalSMS/statistics/events",
			"GET /gateway/brevo/v3/transactionalSMS/statistics/events", "GET /gateway/brevo/v3/transactionalSMS/statistics/events",
			"GET /gateway/brevo/v3/account"}
		reqs := emu.Requests()
		if len(reqs) != len(want) {
			t.Fatalf("requests = %+v, want %q", reqs, want)
		}
		for i, r := range reqs {
			if got := r.Method + " " + r.Path; got != want[i] {
				t.Errorf("request %d = %q, want %q", i, got, want[i])
			}
		}
	}
}
