package messagebird_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"minuit/internal/db"
	"minuit/internal/minuit"
	"minuit/scheduler"
	"minuit/scheduler/messagebird"
	"minuit/scheduler/messagebird/mbemu"
)

// realEngine runs an engine on the real clock against a fresh emulator.
func realEngine(b *testing.B, onCreate func(mbemu.Message, time.Time)) (*scheduler.Store, *scheduler.Engine, *mbemu.Server) {
	b.Helper()
	emu := mbemu.New(mbemu.WithOnCreate(onCreate))
	b.Cleanup(emu.Close)
	d, err := db.Open(filepath.Join(b.TempDir(), "minuit.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = d.Close() })
	st, err := scheduler.Open(b.Context(), d, time.Now)
	if err != nil {
		b.Fatal(err)
	}
	p, err := messagebird.New(messagebird.Config{AccessKey: mbemu.DefaultAccessKey, BaseURL: emu.URL()})
	if err != nil {
		b.Fatal(err)
	}
	return st, scheduler.New(scheduler.Config{Store: st, Provider: p, Originator: "MaBoutique"}), emu
}

// BenchmarkSendLateness plans 200 deliveries at random instants over ~10 s and
// measures, on the real clock, how late each request reaches the emulator after its
// due time. Goal: p99 ≤ 50 ms.
func BenchmarkSendLateness(b *testing.B) {
	for b.Loop() {
		var mu sync.Mutex
		due := map[string]time.Time{}
		var late []time.Duration
		all := make(chan struct{})
		st, eng, _ := realEngine(b, func(m mbemu.Message, at time.Time) {
			mu.Lock()
			defer mu.Unlock()
			late = append(late, at.Sub(due[m.Body]))
			if len(late) == 200 {
				close(all)
			}
		})
		start := time.Now().Add(2 * time.Second)
		r := rand.New(rand.NewPCG(7, 7))
		for i := range 200 {
			at := start.Add(time.Duration(r.Int64N(int64(10 * time.Second)))).UTC()
			body := fmt.Sprintf("Rappel %d", i)
			mu.Lock()
			due[body] = at
			mu.Unlock()
			_, err := st.CreateMessage(b.Context(), scheduler.Message{Body: body, Kind: minuit.Transactional, TZ: "UTC",
				At: at.Format("2006-01-02 15:04:05.000"), Recipients: []scheduler.RecipientRef{{Kind: scheduler.ToNumber, Value: "+33612345678"}}})
			if err != nil {
				b.Fatal(err)
			}
		}
		ctx, cancel := context.WithCancel(b.Context())
		go func() { _ = eng.Run(ctx) }()
		<-all
		cancel()
		slices.Sort(late)
		b.ReportMetric(ms(late[len(late)/2]), "p50-ms")
		b.ReportMetric(ms(late[len(late)*99/100]), "p99-ms")
		b.ReportMetric(ms(late[len(late)-1]), "max-ms")
		if late[0] < 0 {
			b.Fatalf("a message left %v early", -late[0])
		}
	}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
