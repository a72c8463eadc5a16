package bird_test

import (
	"fmt"
	"sync/atomic"
	"testing"

	"minuit/scheduler/providertest"
)

func TestBirdPassesTheProviderConformanceSuite(t *testing.T) {
	providertest.Run(t, newSetup)
}

// BenchmarkCampaign sends a 10,000-recipient campaign through the engine, the
// client and the emulator, paced by the engine's default rate (Bird publishes
// no SMS send rate).
func BenchmarkCampaign(b *testing.B) {
	providertest.Campaign(b, 0, newSetup)
}

// BenchmarkSendToTheEmulator measures Send alone (client, loopback HTTP and
// emulator), eight at a time as the engine does, without the engine's pacing.
func BenchmarkSendToTheEmulator(b *testing.B) {
	emu := newEmu(b)
	p := newProvider(b, emu)
	var n atomic.Int64
	b.SetParallelism(4) // 4 × GOMAXPROCS(2) = 8 in flight
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := n.Add(1)
			if _, err := p.Send(b.Context(), batch(fmt.Sprint("mn-bench", i), fmt.Sprintf("+3361%07d", i))); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "sends/s")
}
