package bird_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"minuit/scheduler/bird"
	"minuit/scheduler/bird/birdemu"
)

func TestNewTakesTheRegionFromTheKey(t *testing.T) {
	for key, want := range map[string]string{
		"bk_eu1_abcDEF123":   "https://eu1.platform.bird.com",
		" bk_us1_abc_def-9 ": "https://us1.platform.bird.com",
		"bk_ap12_x":          "https://ap12.platform.bird.com",
	} {
		p, err := bird.New(bird.Config{Key: key})
		if err != nil {
			t.Fatalf("New(%q): %v", key, err)
		}
		if got := p.Endpoint(); got != want {
			t.Errorf("key %q goes to %s, want %s", key, got, want)
		}
	}
}

func TestNewRefusesAKeyThatIsNotABirdPlatformKeyWithoutShowingIt(t *testing.T) {
	if _, err := bird.New(bird.Config{Key: "  "}); !errors.Is(err, bird.ErrNoKey) {
		t.Errorf("empty key: %v, want ErrNoKey", err)
	}
	for _, key := range []string{"live_s3cr3t", "bk_eu1_", "bk_EU1_s3cr3t", "bk_eu_s3cr3t", "bk_1eu_s3cr3t",
		"bird_live_s3cr3t", "bk_eu1_s3cr3t\r\nX: y", "bk_eu1_s3cr3t with space"} {
		_, err := bird.New(bird.Config{Key: key})
		if err == nil {
			t.Errorf("New accepted the key %q", key)
			continue
		}
		if !strings.Contains(err.Error(), "bk_<region>_") || strings.Contains(err.Error(), "s3cr3t") {
			t.Errorf("key %q: %q, want a clear error that does not show the key", key, err)
		}
	}
}

func TestNewRefusesABadSenderTimeoutVersionOrBaseURL(t *testing.T) {
	ok := bird.Config{Key: birdemu.DefaultKey}
	for name, mod := range map[string]func(*bird.Config){
		"sender too long":       func(c *bird.Config) { c.From = "La Boulangerie du Coin" },
		"sender of 4 digits":    func(c *bird.Config) { c.From = "1234" },
		"sender with a symbol":  func(c *bird.Config) { c.From = "Pain&Co" },
		"negative timeout":      func(c *bird.Config) { c.Timeout = -time.Second },
		"version with a space":  func(c *bird.Config) { c.Version = "1.0 beta" },
		"ftp base URL":          func(c *bird.Config) { c.BaseURL = "ftp://example.com" },
		"base URL without host": func(c *bird.Config) { c.BaseURL = "http:///v1" },
		"base URL with a user":  func(c *bird.Config) { c.BaseURL = "https://me:pw@example.com" },
		"base URL with a query": func(c *bird.Config) { c.BaseURL = "https://example.com/?x=1" },
		"base URL fragment":     func(c *bird.Config) { c.BaseURL = "https://example.com/#x" },
		"base URL not a URL":    func(c *bird.Config) { c.BaseURL = "http://[::1" },
	} {
		cfg := ok
		mod(&cfg)
		if _, err := bird.New(cfg); err == nil || !strings.HasPrefix(err.Error(), "bird: ") {
			t.Errorf("%s: New = %v, want an error", name, err)
		}
	}
	for _, from := range []string{"+33757000000", "Boulangerie", "Pain 2", "36111", "361110"} {
		cfg := ok
		cfg.From = from
		if _, err := bird.New(cfg); err != nil {
			t.Errorf("New refused the sender %q: %v", from, err)
		}
	}
}

func TestTheBaseURLReplacesSchemeHostAndPathPrefix(t *testing.T) {
	emu := newEmu(t, birdemu.WithPathPrefix("/gateway/bird"))
	for _, base := range []string{emu.URL(), emu.URL() + "/", strings.Replace(emu.URL(), "http://", "HTTP://", 1)} {
		p := newProviderWith(t, bird.Config{Key: birdemu.DefaultKey, BaseURL: base})
		if _, err := p.Balance(t.Context()); err != nil {
			t.Fatalf("Balance through %s: %v", base, err)
		}
	}
	for _, r := range emu.Requests() {
		if r.Path != "/gateway/bird/v1/sms/messages" {
			t.Errorf("request went to %s", r.Path)
		}
	}
}

func TestCapabilitiesSayOneRecipientIdempotentAndNoHandOff(t *testing.T) {
	p := newProvider(t, newEmu(t))
	c := p.Capabilities()
	if c.MaxBatch != 1 || !c.Idempotent || c.ScheduleMax != 0 || c.Rate != bird.Rate || c.CanSchedule(time.Hour) {
		t.Errorf("Capabilities = %+v", c)
	}
	if p.Name() != "bird" {
		t.Errorf("Name = %q", p.Name())
	}
}
