package providers

import (
	"errors"
	"path/filepath"
	"testing"
	"time"

	"minuit/internal/db"
	"minuit/scheduler/bird/birdemu"
	"minuit/scheduler/brevo/brevoemu"
	"minuit/scheduler/messagebird/mbemu"
	"minuit/scheduler/smsgate/gateemu"
	"minuit/scheduler/twilio/twilioemu"
)

// TestEveryProviderIsBuiltFromItsFieldsAndReachesItsEmulator builds each provider
// of the catalogue from field values, as the app does from the settings and the
// keychain, and checks its credentials against its emulator.
func TestEveryProviderIsBuiltFromItsFieldsAndReachesItsEmulator(t *testing.T) {
	mb, tw, bd, bv, gw := mbemu.New(), twilioemu.New(), birdemu.New(), brevoemu.New(), gateemu.New()
	for _, c := range []interface{ Close() }{mb, tw, bd, bv, gw} {
		t.Cleanup(c.Close)
	}
	values := map[string]map[string]string{
		Sandbox:     {},
		MessageBird: {KeyMBKey: mbemu.DefaultAccessKey, KeyMBURL: mb.URL()},
		Twilio: {KeyTwilioSID: tw.AccountSID(), KeyTwilioToken: twilioemu.DefaultAuthToken, KeyTwilioFrom: tw.Number(),
			KeyTwilioURL: tw.URL()},
		Bird:    {KeyBirdKey: birdemu.DefaultKey, KeyBirdFrom: birdemu.DefaultNumber, KeyBirdURL: bd.URL()},
		Brevo:   {KeyBrevoKey: brevoemu.DefaultAPIKey, KeyBrevoURL: bv.URL()},
		SMSGate: {KeyGateURL: gw.URL(), KeyGateUser: gateemu.DefaultUser, KeyGatePassword: gateemu.DefaultPassword},
	}
	d, err := db.Open(filepath.Join(t.TempDir(), "minuit.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = d.Close() })
	for _, spec := range All() {
		v := values[spec.Name]
		p, err := spec.Build(t.Context(), func(f Field) (string, error) { return v[f.Key], nil },
			Options{DB: d, Timeout: 5 * time.Second})
		if err != nil {
			t.Errorf("%s: %v", spec.Name, err)
			continue
		}
		if p.Name() != spec.Name {
			t.Errorf("%s builds a provider named %q", spec.Name, p.Name())
		}
		if _, err := p.Balance(t.Context()); err != nil {
			t.Errorf("%s: test connection: %v", spec.Name, err)
		}
	}
}

func TestARequiredFieldLeftEmptyIsNamedWithItsVariable(t *testing.T) {
	spec, _ := Find("BREVO")
	_, err := spec.Build(t.Context(), func(Field) (string, error) { return "", nil }, Options{})
	var me *MissingError
	if !errors.As(err, &me) || me.Field != "API key" || me.Env != "MINUIT_BREVO_KEY" {
		t.Fatalf("error %v, want the missing API key named with MINUIT_BREVO_KEY", err)
	}
	if me.Error() != "Brevo is selected but API key is not set (Settings, or MINUIT_BREVO_KEY)" {
		t.Errorf("sentence %q", me.Error())
	}
	if _, ok := Find("carrier-pigeon"); ok {
		t.Error("an unknown provider was found")
	}
}
