package minuit

// Keys of the settings table (scheduler.Store.Setting) that several packages read
// or write: the window's Settings, the CLI and the background sender. A key that
// one package alone owns is defined there: the compliance rules' in
// scheduler/policy.go, each provider's fields in scheduler/providers, Shopify's in
// scheduler/automation, the language in ui/l10n.
const (
	// KeyProvider names the provider that sends (scheduler/providers.Names); unset: the sandbox.
	KeyProvider = "provider"
	// KeyHandOff is "on" (default) to hand due messages to the provider's own
	// scheduler ahead of time, "off" to keep them on this computer.
	KeyHandOff = "handoff"
	// KeyOriginator is the default sender ID.
	KeyOriginator = "originator"
	// KeyRegion is the country (ISO code) numbers without "+" are read in; unset:
	// internal/phone.DefaultRegion.
	KeyRegion = "region"
	// KeyPricePerPart is the shop's price for one SMS part, any provider and country
	// (scheduler/prices.go); unset: the built-in estimates.
	KeyPricePerPart = "price_per_part"
	// KeyBirthdayTime is the time of day birthday messages are planned at by default.
	KeyBirthdayTime = "birthday_time"
	// KeyStartHidden: "on" when Minuit starts at login with only the tray.
	KeyStartHidden = "start_minimised"
)
