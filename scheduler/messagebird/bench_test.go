package messagebird_test

import (
	"fmt"
	"testing"
)

// BenchmarkSendToTheEmulator measures one Send through the SDK, the provider's
// transports and a loopback emulator.
func BenchmarkSendToTheEmulator(b *testing.B) {
	emu := newEmu(b)
	p := newProvider(b, emu, 0)
	numbers := make([]string, 10)
	for i := range numbers {
		numbers[i] = fmt.Sprintf("+316%08d", i)
	}
	i := 0
	for b.Loop() {
		i++
		if _, err := p.Send(b.Context(), batch(fmt.Sprint("bench-", i), numbers...)); err != nil {
			b.Fatal(err)
		}
	}
}
