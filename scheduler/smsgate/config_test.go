package smsgate_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"minuit/scheduler/smsgate"
)

func config(edit func(*smsgate.Config)) smsgate.Config {
	cfg := smsgate.Config{URL: "http://192.168.1.20:8080", User: "sms", Password: "secret"}
	if edit != nil {
		edit(&cfg)
	}
	return cfg
}

func TestNewRefusesABadURL(t *testing.T) {
	for _, raw := range []string{
		"ftp://192.168.1.20", "192.168.1.20:8080", "http://", "https://:8080",
		"http://sms:secret@192.168.1.20:8080", "http://192.168.1.20:8080/?x=1", "http://192.168.1.20/#top",
		"http://exa mple.com",
	} {
		p, err := smsgate.New(config(func(c *smsgate.Config) { c.URL = raw }))
		if err == nil || p != nil {
			t.Errorf("New(URL %q) = %v, %v; want an error", raw, p, err)
		} else if !strings.HasPrefix(err.Error(), "smsgate: the URL ") {
			t.Errorf("New(URL %q): %q does not say what is wrong", raw, err)
		}
	}
}

func TestNewNeedsTheURLBecauseAPhoneHasNoDefaultAddress(t *testing.T) {
	_, err := smsgate.New(config(func(c *smsgate.Config) { c.URL = " " }))
	if err == nil || !strings.Contains(err.Error(), smsgate.CloudURL) {
		t.Errorf("New without URL: %v, want an error naming the cloud URL", err)
	}
	if _, err := smsgate.New(config(func(c *smsgate.Config) { c.URL = smsgate.CloudURL })); err != nil {
		t.Errorf("New(CloudURL): %v", err)
	}
}

func TestNewNeedsTheUserAndThePassword(t *testing.T) {
	for _, edit := range []func(*smsgate.Config){
		func(c *smsgate.Config) { c.User = "" }, func(c *smsgate.Config) { c.Password = "" },
	} {
		if _, err := smsgate.New(config(edit)); !errors.Is(err, smsgate.ErrNoCredentials) {
			t.Errorf("New: %v, want ErrNoCredentials", err)
		}
	}
}

func TestNewRefusesAPaceASIMOrATimeoutOutOfRange(t *testing.T) {
	for name, edit := range map[string]func(*smsgate.Config){
		"PerHour -1":   func(c *smsgate.Config) { c.PerHour = -1 },
		"PerHour 1001": func(c *smsgate.Config) { c.PerHour = 1001 },
		"SIM 4":        func(c *smsgate.Config) { c.SimNumber = 4 },
		"SIM -1":       func(c *smsgate.Config) { c.SimNumber = -1 },
		"Timeout -1s":  func(c *smsgate.Config) { c.Timeout = -time.Second },
	} {
		if _, err := smsgate.New(config(edit)); err == nil {
			t.Errorf("New accepted %s", name)
		}
	}
	for _, n := range []int{1, 1000} {
		if _, err := smsgate.New(config(func(c *smsgate.Config) { c.PerHour = n })); err != nil {
			t.Errorf("New(PerHour %d): %v", n, err)
		}
	}
}

func TestCapabilitiesAreOneRecipientIdempotentWithAFiveMinuteTo35DayHandOff(t *testing.T) {
	p, err := smsgate.New(config(nil))
	if err != nil {
		t.Fatal(err)
	}
	c := p.Capabilities()
	if c.MaxBatch != 1 || !c.Idempotent || c.ScheduleMin != 5*time.Minute || c.ScheduleMax != 35*24*time.Hour {
		t.Errorf("Capabilities() = %+v", c)
	}
	if p.Name() != "smsgate" {
		t.Errorf("Name() = %q", p.Name())
	}
}

func TestTheRateIsThePhonesHourlyPaceSixtyByDefault(t *testing.T) {
	for perHour, want := range map[int]float64{0: 60.0 / 3600, 200: 200.0 / 3600, 1000: 1000.0 / 3600} {
		p, err := smsgate.New(config(func(c *smsgate.Config) { c.PerHour = perHour }))
		if err != nil {
			t.Fatal(err)
		}
		if got := p.Capabilities().Rate; got != want {
			t.Errorf("PerHour %d: Rate = %v, want %v", perHour, got, want)
		}
	}
}

// The engine paces with rate.NewLimiter(Rate, Concurrency): over a fake hour
// at the default pace, with its default burst of 8, 60 to 68 SMS leave, and
// no more than 30 in the last half hour: Android's own limit.
func TestTheDefaultPaceSendsAboutSixtyAnHourOverAFakeHour(t *testing.T) {
	p, err := smsgate.New(config(nil))
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	lim := rate.NewLimiter(rate.Limit(p.Capabilities().Rate), 8)
	sent, inLastHalfHour := 0, 0
	for s := 0; s < 3600; s++ {
		if lim.AllowN(start.Add(time.Duration(s)*time.Second), 1) {
			sent++
			if s >= 1800 {
				inLastHalfHour++
			}
		}
	}
	if sent < 60 || sent > 68 {
		t.Errorf("%d SMS left in an hour at the default pace, want 60 to 68", sent)
	}
	if inLastHalfHour > 30 {
		t.Errorf("%d SMS left in half an hour, above Android's limit of 30", inLastHalfHour)
	}
}
