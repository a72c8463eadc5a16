package main

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"minuit/scheduler/bird/birdemu"
	"minuit/scheduler/brevo/brevoemu"
	"minuit/scheduler/messagebird/mbemu"
	"minuit/scheduler/smsgate/gateemu"
	"minuit/scheduler/twilio/twilioemu"
)

// target is one provider's emulator, started in this process, and the environment
// that points `minuit serve` at it.
type target struct {
	env     []string
	created func(number, body string) int // messages the emulator created with body to number
	close   func()
}

// targets builds each provider's emulator, with 5 ms of latency where the
// emulator can add it.
var targets = map[string]func() target{
	"messagebird": func() target {
		emu := mbemu.New()
		emu.SetLatency(5 * time.Millisecond)
		return target{env: []string{"MINUIT_PROVIDER=messagebird", "MINUIT_MESSAGEBIRD_KEY=" + mbemu.DefaultAccessKey,
			"MINUIT_MESSAGEBIRD_URL=" + emu.URL()}, created: emu.Created, close: emu.Close}
	},
	"bird": func() target {
		emu := birdemu.New()
		return target{env: []string{"MINUIT_PROVIDER=bird", "MINUIT_BIRD_KEY=" + birdemu.DefaultKey,
			"MINUIT_BIRD_FROM=" + birdemu.DefaultNumber, "MINUIT_BIRD_URL=" + emu.URL()}, created: emu.Created, close: emu.Close}
	},
	"brevo": func() target {
		emu := brevoemu.New()
		return target{env: []string{"MINUIT_PROVIDER=brevo", "MINUIT_BREVO_KEY=" + brevoemu.DefaultAPIKey,
			"MINUIT_BREVO_URL=" + emu.URL()}, created: emu.Created, close: emu.Close}
	},
	"twilio": func() target {
		emu := twilioemu.New()
		return target{env: []string{"MINUIT_PROVIDER=twilio", "MINUIT_TWILIO_ACCOUNT_SID=" + emu.AccountSID(),
			"MINUIT_TWILIO_AUTH_TOKEN=" + twilioemu.DefaultAuthToken, "MINUIT_TWILIO_FROM=" + emu.Number(),
			"MINUIT_TWILIO_URL=" + emu.URL()}, created: emu.Created, close: emu.Close}
	},
	"smsgate": func() target {
		emu := gateemu.New()
		return target{env: []string{"MINUIT_PROVIDER=smsgate", "MINUIT_SMSGATE_URL=" + emu.URL(),
			"MINUIT_SMSGATE_USER=" + gateemu.DefaultUser, "MINUIT_SMSGATE_PASSWORD=" + gateemu.DefaultPassword,
			"MINUIT_SMSGATE_PER_HOUR=1000"}, created: emu.Created, close: emu.Close}
	},
}

func targetNames() string {
	var names []string
	for n := range targets {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

func newTarget(name string) (target, error) {
	f, ok := targets[name]
	if !ok {
		return target{}, fmt.Errorf("unknown provider %q (use %s)", name, targetNames())
	}
	return f(), nil
}
