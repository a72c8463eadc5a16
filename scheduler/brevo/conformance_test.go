package brevo_test

import (
	"testing"

	"minuit/scheduler/providertest"
)

func TestTheProviderPassesTheConformanceSuite(t *testing.T) {
	providertest.Run(t, newSetup)
}

// BenchmarkCampaign sends a 10,000-recipient campaign through the engine, the
// client and the emulator, paced at Brevo's 150 requests a second.
func BenchmarkCampaign(b *testing.B) {
	providertest.Campaign(b, 0, newSetup)
}
