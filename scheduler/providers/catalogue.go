package providers

import (
	"context"
	"fmt"
	"strconv"

	"minuit/scheduler"
	"minuit/scheduler/bird"
	"minuit/scheduler/brevo"
	"minuit/scheduler/messagebird"
	"minuit/scheduler/sandbox"
	"minuit/scheduler/smsgate"
	"minuit/scheduler/twilio"
)

// Provider names, as stored in the "provider" setting and MINUIT_PROVIDER.
const (
	Sandbox     = "sandbox"
	MessageBird = "messagebird"
	Twilio      = "twilio"
	Bird        = "bird"
	Brevo       = "brevo"
	SMSGate     = "smsgate"
)

// Setting keys and keychain entries of the providers' fields. The MessageBird ones
// keep the names earlier versions stored.
const (
	KeyMBKey        = "messagebird-access-key" // keychain
	KeyMBURL        = "messagebird.url"
	KeyTwilioSID    = "twilio.account_sid"
	KeyTwilioToken  = "twilio-auth-token" // keychain
	KeyTwilioFrom   = "twilio.from"
	KeyTwilioMSS    = "twilio.messaging_service_sid"
	KeyTwilioURL    = "twilio.url"
	KeyTwilioReply  = "twilio.inbound_number"
	KeyTwilioKeySID = "twilio.api_key_sid"
	KeyTwilioSecret = "twilio-api-secret" // keychain
	KeyBirdKey      = "bird-access-key"   // keychain
	KeyBirdFrom     = "bird.from"
	KeyBirdURL      = "bird.url"
	KeyBrevoKey     = "brevo-api-key" // keychain
	KeyBrevoURL     = "brevo.url"
	KeyGateURL      = "smsgate.url"
	KeyGateUser     = "smsgate.user"
	KeyGatePassword = "smsgate-password" // keychain
	KeyGatePerHour  = "smsgate.per_hour"
)

// All returns the catalogue, the sandbox first (the default).
func All() []Spec {
	return []Spec{
		{Name: Sandbox, Label: "Sandbox", Note: sandbox.Label + ".",
			build: func(ctx context.Context, _ map[string]string, o Options) (scheduler.Provider, error) {
				return sandbox.New(ctx, o.DB, o.Now)
			}},
		{Name: MessageBird, Label: "MessageBird (classic)", HandsOff: true,
			Note: "MessageBird's classic access keys work until " + messagebird.ClassicKeysUntil.Format("2 January 2006") +
				". After that, use Bird (MessageBird's new platform) with a bk_… key.",
			Fields: []Field{
				{Key: KeyMBKey, Env: "MINUIT_MESSAGEBIRD_KEY", Label: "Access key", Secret: true},
				{Key: KeyMBURL, Env: messagebird.BaseURLEnv, Label: "Base URL", Hint: "optional: https://rest.messagebird.com", Optional: true},
			},
			build: func(_ context.Context, v map[string]string, o Options) (scheduler.Provider, error) {
				return messagebird.New(messagebird.Config{AccessKey: v[KeyMBKey], BaseURL: v[KeyMBURL], Timeout: o.Timeout})
			}},
		{Name: Twilio, Label: "Twilio", HandsOff: true,
			Note: "Give a Messaging Service SID to let Twilio send planned messages even when this computer is off. " +
				"The base URL also reaches Bird's Twilio-compatible endpoint.",
			Fields: []Field{
				{Key: KeyTwilioSID, Env: "MINUIT_TWILIO_ACCOUNT_SID", Label: "Account SID", Hint: "AC…"},
				{Key: KeyTwilioToken, Env: "MINUIT_TWILIO_AUTH_TOKEN", Label: "Auth token", Secret: true, Optional: true},
				{Key: KeyTwilioKeySID, Env: "MINUIT_TWILIO_API_KEY_SID", Label: "or API key SID", Hint: "SK… (instead of the auth token)",
					Optional: true},
				{Key: KeyTwilioSecret, Env: "MINUIT_TWILIO_API_KEY_SECRET", Label: "API key secret", Secret: true, Optional: true},
				{Key: KeyTwilioFrom, Env: "MINUIT_TWILIO_FROM", Label: "From number", Hint: "+33…, or leave empty with a Messaging Service", Optional: true},
				{Key: KeyTwilioMSS, Env: "MINUIT_TWILIO_MESSAGING_SERVICE_SID", Label: "Messaging Service SID", Hint: "MG…", Optional: true},
				{Key: KeyTwilioReply, Env: "MINUIT_TWILIO_INBOUND_NUMBER", Label: "Replies come to",
					Hint: "your Twilio number, when sending through a Messaging Service", Optional: true},
				{Key: KeyTwilioURL, Env: "MINUIT_TWILIO_URL", Label: "Base URL", Hint: "optional: https://api.twilio.com", Optional: true},
			},
			build: func(_ context.Context, v map[string]string, o Options) (scheduler.Provider, error) {
				return twilio.New(twilio.Config{AccountSID: v[KeyTwilioSID], AuthToken: v[KeyTwilioToken],
					APIKeySID: v[KeyTwilioKeySID], APISecret: v[KeyTwilioSecret], From: v[KeyTwilioFrom],
					MessagingServiceSID: v[KeyTwilioMSS], InboundNumber: v[KeyTwilioReply], BaseURL: v[KeyTwilioURL],
					Timeout: o.Timeout})
			}},
		{Name: Bird, Label: "Bird",
			Note: "Bird (MessageBird's new platform) with a bk_… access key. Bird cannot yet send planned messages " +
				"by itself: keep this computer on at the planned times.",
			Fields: []Field{
				{Key: KeyBirdKey, Env: "MINUIT_BIRD_KEY", Label: "Access key", Hint: "bk_eu1_…", Secret: true},
				{Key: KeyBirdFrom, Env: "MINUIT_BIRD_FROM", Label: "From", Hint: "your Bird number or sender ID", Optional: true},
				{Key: KeyBirdURL, Env: "MINUIT_BIRD_URL", Label: "Base URL", Hint: "optional: https://eu1.platform.bird.com", Optional: true},
			},
			build: func(_ context.Context, v map[string]string, o Options) (scheduler.Provider, error) {
				return bird.New(bird.Config{Key: v[KeyBirdKey], From: v[KeyBirdFrom], BaseURL: v[KeyBirdURL], Timeout: o.Timeout})
			}},
		{Name: Brevo, Label: "Brevo",
			Note: "Brevo's transactional SMS cannot be planned ahead: keep this computer on at the planned times.",
			Fields: []Field{
				{Key: KeyBrevoKey, Env: "MINUIT_BREVO_KEY", Label: "API key", Hint: "xkeysib-…", Secret: true},
				{Key: KeyBrevoURL, Env: "MINUIT_BREVO_URL", Label: "Base URL", Hint: "optional: https://api.brevo.com/v3", Optional: true},
			},
			build: func(_ context.Context, v map[string]string, o Options) (scheduler.Provider, error) {
				return brevo.New(brevo.Config{Key: v[KeyBrevoKey], BaseURL: v[KeyBrevoURL], Timeout: o.Timeout})
			}},
		{Name: SMSGate, Label: "My Android phone (SMS Gateway)", HandsOff: true,
			Note: "The SMS Gateway for Android app on the shop's phone, in local-server mode (http://PHONE-IP:8080) " +
				"or its cloud URL. Phones and carriers cap sending: keep the hourly rate low.",
			Fields: []Field{
				{Key: KeyGateURL, Env: "MINUIT_SMSGATE_URL", Label: "Phone address", Hint: "http://192.168.1.20:8080"},
				{Key: KeyGateUser, Env: "MINUIT_SMSGATE_USER", Label: "User name", Hint: "sms"},
				{Key: KeyGatePassword, Env: "MINUIT_SMSGATE_PASSWORD", Label: "Password", Secret: true},
				{Key: KeyGatePerHour, Env: "MINUIT_SMSGATE_PER_HOUR", Label: "Texts per hour",
					Hint: strconv.Itoa(smsgate.DefaultPerHour), Optional: true},
			},
			build: func(_ context.Context, v map[string]string, o Options) (scheduler.Provider, error) {
				perHour := 0
				if s := v[KeyGatePerHour]; s != "" {
					n, err := strconv.Atoi(s)
					if err != nil {
						return nil, fmt.Errorf("providers: texts per hour %q is not a whole number", s)
					}
					perHour = n
				}
				return smsgate.New(smsgate.Config{URL: v[KeyGateURL], User: v[KeyGateUser], Password: v[KeyGatePassword],
					PerHour: perHour, Timeout: o.Timeout})
			}},
	}
}
