package app

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"minuit/contacts"
	"minuit/internal/minuit"
	"minuit/scheduler"
)

// importRows is the size of the import in BenchmarkAMillionRowImportBesideSending.
const importRows = 1_000_000

// writeShopifyCSV writes n customers in Shopify's export format.
func writeShopifyCSV(b *testing.B, n int) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), "customers.csv")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "Customer ID,First Name,Last Name,Email,Phone,Accepts SMS Marketing,Tags")
	for i := range n {
		fmt.Fprintf(w, "'%d,Client,N%07d,c%d@example.fr,'+336%08d,%s,Clients\n", 7700000000+i, i, i, 10000000+i,
			map[bool]string{true: "yes", false: "no"}[i%3 == 0])
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkAMillionRowImportBesideSending imports a 1,000,000-row Shopify CSV
// (preview, then commit) while the sender sends a message due every 250 ms and
// another process plans a message every 100 ms. It reports the worst lateness of
// a send (goal ≤ 1 s) and the planning commands that failed (goal 0). The
// contacts live in their own file (contactsdb.go), so the import's long write
// never holds the lock the sender and the commands need.
func BenchmarkAMillionRowImportBesideSending(b *testing.B) {
	csv := writeShopifyCSV(b, importRows)
	for range b.N {
		b.StopTimer()
		dir := b.TempDir()
		ctx, cancel := context.WithCancel(context.Background())
		e, err := openEnv(ctx, dir)
		if err != nil {
			b.Fatal(err)
		}
		cmds, err := openEnv(ctx, dir) // the commands' own connections, as another process has
		if err != nil {
			b.Fatal(err)
		}
		prov, err := e.provider(ctx)
		if err != nil {
			b.Fatal(err)
		}
		sent := make(chan struct{}, 1000)
		eng := scheduler.New(scheduler.Config{Store: e.store, Provider: prov, Directory: e.directory(),
			OnEvent: func(ev scheduler.Event) {
				if ev.Kind == scheduler.EventSent {
					sent <- struct{}{}
				}
			}})
		var wg sync.WaitGroup
		wg.Go(func() { _ = eng.Run(ctx) })
		// Sends due through the import: one every 250 ms for 3 minutes from start,
		// when the import begins (planning them takes a few seconds first).
		start := time.Now().Add(15 * time.Second)
		const sends = 720
		for i := range sends {
			at := start.Add(time.Duration(i) * 250 * time.Millisecond).UTC()
			if _, err := e.store.CreateMessage(ctx, scheduler.Message{Body: "Votre commande est prête", Kind: minuit.Transactional,
				TZ: "UTC", At: at.Format("2006-01-02 15:04:05.000"),
				Recipients: []scheduler.RecipientRef{{Kind: scheduler.ToNumber, Value: fmt.Sprintf("+3361234%04d", i)}}}); err != nil {
				b.Fatal(err)
			}
		}
		eng.Wake()
		var failed, planned atomic.Int64
		stopCmds := make(chan struct{})
		wg.Go(func() {
			tick := time.NewTicker(100 * time.Millisecond)
			defer tick.Stop()
			for {
				select {
				case <-stopCmds:
					return
				case <-tick.C:
				}
				_, err := cmds.store.CreateMessage(ctx, scheduler.Message{Body: "Rappel", Kind: minuit.Transactional, TZ: "UTC",
					At: time.Now().Add(24 * time.Hour).UTC().Format("2006-01-02 15:04"), Recipients: []scheduler.RecipientRef{{Kind: scheduler.ToNumber, Value: "+33698765432"}}})
				if err != nil {
					failed.Add(1)
					b.Logf("a planning command failed: %v", err)
				} else {
					planned.Add(1)
				}
			}
		})
		<-time.After(time.Until(start))
		b.StartTimer()
		f, err := os.Open(csv)
		if err != nil {
			b.Fatal(err)
		}
		p, err := e.contacts.Preview(ctx, f, contacts.ImportOptions{Source: "customers.csv", Region: "FR"})
		_ = f.Close()
		if err != nil {
			b.Fatal(err)
		}
		res, err := e.contacts.Commit(ctx, p)
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if res.New != importRows {
			b.Fatalf("imported %d new contacts, want %d", res.New, importRows)
		}
		close(stopCmds)
		// Every send that fell due during the import is counted.
		due := int(time.Since(start)/(250*time.Millisecond)) + 1
		for range min(due, sends) {
			<-sent
		}
		cancel()
		wg.Wait()
		ds, _, err := e.store.History(context.Background(), scheduler.HistoryQuery{Limit: 100000})
		if err != nil {
			b.Fatal(err)
		}
		var worst int64
		for _, d := range ds {
			if d.State != scheduler.Scheduled {
				worst = max(worst, d.LateMS)
			}
		}
		b.ReportMetric(float64(worst), "worst-late-ms")
		b.ReportMetric(float64(failed.Load()), "failed-commands")
		b.ReportMetric(float64(planned.Load()), "commands")
		_ = cmds.Close()
		_ = e.Close()
	}
}
