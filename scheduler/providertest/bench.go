package providertest

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"minuit/internal/db"
	"minuit/internal/minuit"
	"minuit/scheduler"
)

// CampaignSize is how many recipients Campaign sends to.
const CampaignSize = 10_000

// Campaign sends one text to CampaignSize recipients through the real engine, the
// real client and the emulator, on the real clock, and reports recipients per
// second. The provider's own Capabilities().Rate paces it, as in production; the
// goal is ≥ 2,000/s where the vendor's rate allows. size overrides CampaignSize
// when > 0 (a phone gateway paced at its hourly rate takes a smaller campaign).
func Campaign(b *testing.B, size int, newSetup func(t testing.TB, clock *Clock) Setup) {
	if size <= 0 {
		size = CampaignSize
	}
	for b.Loop() {
		s := newSetup(b, nil)
		d, err := db.Open(filepath.Join(b.TempDir(), "minuit.db"))
		if err != nil {
			b.Fatal(err)
		}
		st, err := scheduler.Open(b.Context(), d, time.Now)
		if err != nil {
			b.Fatal(err)
		}
		rs := make([]scheduler.RecipientRef, size)
		for i := range rs {
			rs[i] = scheduler.RecipientRef{Kind: scheduler.ToNumber, Value: fmt.Sprintf("+3361%05d00", i)}
		}
		body := "Soldes d'hiver -30 %"
		_, err = st.CreateMessage(b.Context(), scheduler.Message{Body: body, Kind: minuit.Transactional,
			TZ: "UTC", At: time.Now().UTC().Format("2006-01-02 15:04:05"), Recipients: rs})
		if err != nil {
			b.Fatal(err)
		}
		eng := scheduler.New(scheduler.Config{Store: st, Provider: s.Provider, Originator: s.Originator})
		t0 := time.Now()
		if _, err := eng.Pass(b.Context()); err != nil {
			b.Fatal(err)
		}
		elapsed := time.Since(t0)
		n := 0
		for _, r := range rs {
			n += s.Emulator.Created(r.Value, body)
		}
		if n != size {
			b.Fatalf("the emulator created %d messages, want %d", n, size)
		}
		b.ReportMetric(float64(n)/elapsed.Seconds(), "recipients/s")
		_ = d.Close()
	}
}

// HandOffAndCancel hands one message to n recipients, due in two hours, to the
// provider's scheduler through the real engine, client and emulator, then cancels
// it and withdraws every delivery at the provider. It reports both durations in
// seconds (goals for 1,000: ≤ 5 s each), on the real clock, paced by the provider's
// own Capabilities().Rate as in production.
func HandOffAndCancel(b *testing.B, n int, newSetup func(t testing.TB, clock *Clock) Setup) {
	for b.Loop() {
		s := newSetup(b, nil)
		if s.Provider.Capabilities().ScheduleMax == 0 {
			b.Skip("the provider cannot schedule")
		}
		d, err := db.Open(filepath.Join(b.TempDir(), "minuit.db"))
		if err != nil {
			b.Fatal(err)
		}
		st, err := scheduler.Open(b.Context(), d, time.Now)
		if err != nil {
			b.Fatal(err)
		}
		rs := make([]scheduler.RecipientRef, n)
		for i := range rs {
			rs[i] = scheduler.RecipientRef{Kind: scheduler.ToNumber, Value: fmt.Sprintf("+3361%05d00", i)}
		}
		id, err := st.CreateMessage(b.Context(), scheduler.Message{Body: "Joyeux Noël de la boutique", Kind: minuit.Transactional,
			TZ: "UTC", At: time.Now().UTC().Add(2 * time.Hour).Format("2006-01-02 15:04:05"), Recipients: rs})
		if err != nil {
			b.Fatal(err)
		}
		eng := scheduler.New(scheduler.Config{Store: st, Provider: s.Provider, Originator: s.Originator, HandOff: true})
		t0 := time.Now()
		if _, err := eng.Pass(b.Context()); err != nil {
			b.Fatal(err)
		}
		handOff := time.Since(t0)
		if c := handedOff(b, st, id); c != n {
			b.Fatalf("%d deliveries handed off, want %d", c, n)
		}
		if err := st.CancelMessage(b.Context(), id); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		for range 100 { // a withdrawal pass takes up to 200 provider messages
			if _, err := eng.Pass(b.Context()); err != nil {
				b.Fatal(err)
			}
			if handedOff(b, st, id) == 0 {
				break
			}
		}
		cancel := time.Since(t1)
		if c := handedOff(b, st, id); c != 0 {
			b.Fatalf("%d deliveries still with the provider after the cancel", c)
		}
		b.ReportMetric(handOff.Seconds(), "handoff-s")
		b.ReportMetric(cancel.Seconds(), "cancel-s")
		_ = d.Close()
	}
}

func handedOff(b *testing.B, st *scheduler.Store, id int64) int {
	b.Helper()
	counts, err := st.HandedOffCounts(b.Context())
	if err != nil {
		b.Fatal(err)
	}
	return counts[id]
}
