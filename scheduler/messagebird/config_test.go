package messagebird_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"minuit/scheduler/messagebird"
	"minuit/scheduler/messagebird/mbemu"
)

func TestNewRefusesABadBaseURL(t *testing.T) {
	for _, raw := range []string{
		"ftp://example.com",
		"localhost:8080",
		"example.com/messagebird",
		"http://",
		"https://:8080",
		"http://user:secret@example.com",
		"http://example.com/?debug=1",
		"http://example.com/#top",
		"http://exa mple.com",
	} {
		p, err := messagebird.New(messagebird.Config{AccessKey: "k", BaseURL: raw})
		if err == nil || p != nil {
			t.Errorf("New(BaseURL %q) = %v, %v; want an error", raw, p, err)
			continue
		}
		if !strings.HasPrefix(err.Error(), "messagebird: the base URL ") {
			t.Errorf("New(BaseURL %q) error %q does not say what is wrong", raw, err)
		}
	}
}

func TestNewRefusesAnEmptyAccessKey(t *testing.T) {
	_, err := messagebird.New(messagebird.Config{AccessKey: "  "})
	if !errors.Is(err, messagebird.ErrNoAccessKey) {
		t.Errorf("New without key: %v, want ErrNoAccessKey", err)
	}
}

func TestNewRefusesANegativeTimeout(t *testing.T) {
	if _, err := messagebird.New(messagebird.Config{AccessKey: "k", Timeout: -time.Second}); err == nil {
		t.Error("New accepted a negative timeout")
	}
}

func TestNameIsMessagebird(t *testing.T) {
	p := newProviderWith(t, messagebird.Config{AccessKey: "k"})
	if p.Name() != "messagebird" {
		t.Errorf("Name() = %q", p.Name())
	}
}

func TestBaseURLWithAPathPrefixReachesEveryEndpointUnderIt(t *testing.T) {
	for _, suffix := range []string{"", "/"} {
		emu := newEmu(t, mbemu.WithPathPrefix("/mb/v1"))
		if !strings.HasSuffix(emu.URL(), "/mb/v1") {
			t.Fatalf("emulator URL %q lacks the prefix", emu.URL())
		}
		p := newProviderWith(t, messagebird.Config{AccessKey: mbemu.DefaultAccessKey, BaseURL: emu.URL() + suffix})
		acc, err := p.Send(t.Context(), batch("p1", "+31612345678"))
		if err != nil {
			t.Fatalf("Send via %q: %v", emu.URL()+suffix, err)
		}
		if _, err := p.Status(t.Context(), acc.ID); err != nil {
			t.Fatalf("Status: %v", err)
		}
		if _, err := p.Lookup(t.Context(), refs("p1"), time.Now().Add(-time.Minute)); err != nil {
			t.Fatalf("Lookup: %v", err)
		}
		if _, err := p.Balance(t.Context()); err != nil {
			t.Fatalf("Balance: %v", err)
		}
		want := []string{"POST /mb/v1/messages", "GET /mb/v1/messages/" + acc.ID, "GET /mb/v1/messages", "GET /mb/v1/balance"}
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
