package twilio_test

import (
	"fmt"
	"testing"
)

// BenchmarkSendToTheEmulator measures one Send through the SDK, the provider's
// transports and a loopback emulator, without the engine's rate limit.
func BenchmarkSendToTheEmulator(b *testing.B) {
	emu := newEmu(b, nil)
	p := newProvider(b, baseConfig(emu))
	i := 0
	for b.Loop() {
		i++
		if _, err := p.Send(b.Context(), batch(fmt.Sprint("bench-", i), fmt.Sprintf("+3361%07d", i%1000), "Soldes d'hiver -30 %")); err != nil {
			b.Fatal(err)
		}
	}
}
