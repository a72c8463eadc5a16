// Command crashtest proves the first promise: it runs `minuit serve` against a
// provider's emulator, SIGKILLs it at random moments during a 2,000-message run,
// restarts it each time, and prints duplicates (a text created twice at the
// provider) and losses (deliveries neither final nor unconfirmed). Goal: 0 and 0.
//
//	go run ./internal/crashtest [-provider messagebird] [-messages 2000] [-kills 25]
package main

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"minuit/internal/db"
	"minuit/internal/minuit"
	"minuit/scheduler"
)

func main() {
	n := flag.Int("messages", 2000, "messages to send, one recipient each")
	kills := flag.Int("kills", 25, "SIGKILLs during the run")
	provider := flag.String("provider", "messagebird", "the emulator: "+targetNames())
	settle := flag.Duration("settle", 2*time.Minute, "how long the last run may take to send what is left")
	flag.Parse()
	if err := run(*provider, *n, *kills, *settle); err != nil {
		fmt.Fprintln(os.Stderr, "crashtest:", err)
		os.Exit(1)
	}
}

func run(provider string, n, kills int, settle time.Duration) error {
	tgt, err := newTarget(provider)
	if err != nil {
		return err
	}
	defer tgt.close()
	tmp, err := os.MkdirTemp("", "minuit-crash-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	bin := filepath.Join(tmp, "minuit")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Stdout, build.Stderr = os.Stdout, os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("build: %w", err)
	}
	data := filepath.Join(tmp, "data")
	if err := seed(data, n); err != nil {
		return err
	}
	env := append(append(os.Environ(), tgt.env...), "MINUIT_PROVIDER_TIMEOUT=3s", "MINUIT_HANDOFF=off")
	r := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1))
	for i := range kills {
		cmd := exec.Command(bin, "serve", "--data", data)
		cmd.Env = env
		if err := cmd.Start(); err != nil {
			return err
		}
		time.Sleep(time.Duration(150+r.IntN(900)) * time.Millisecond)
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		fmt.Printf("kill %2d: %d created so far\n", i+1, createdTotal(tgt, n))
	}
	// A last run, left alone until nothing is waiting or in flight.
	cmd := exec.Command(bin, "serve", "--data", data)
	cmd.Env = env
	if err := cmd.Start(); err != nil {
		return err
	}
	counts, err := waitSettled(data, settle)
	_ = cmd.Process.Signal(os.Interrupt)
	_ = cmd.Wait()
	if err != nil {
		return err
	}
	dups := 0
	for i := range n {
		if c := tgt.created(number(i), body(i)); c > 1 {
			dups += c - 1
		}
	}
	losses := counts["scheduled"] + counts["sending"] + counts["retryable"] + (n - total(counts))
	fmt.Printf("provider %s, messages %d, kills %d, states %v\n", provider, n, kills, counts)
	fmt.Printf("duplicates %d, losses %d, unconfirmed %d\n", dups, losses, counts["unconfirmed"])
	if dups != 0 || losses != 0 {
		return fmt.Errorf("the promise was broken: %d duplicates, %d losses", dups, losses)
	}
	return nil
}

func seed(dir string, n int) error {
	d, err := db.Open(filepath.Join(dir, "minuit.db"))
	if err != nil {
		return err
	}
	defer d.Close()
	st, err := scheduler.Open(context.Background(), d, time.Now)
	if err != nil {
		return err
	}
	now := time.Now().UTC()
	for i := range n {
		_, err := st.CreateMessage(context.Background(), scheduler.Message{Body: body(i),
			Kind: minuit.Transactional, TZ: "UTC", Originator: "MaBoutique",
			At:         now.Add(time.Duration(i) * 10 * time.Millisecond).Format("2006-01-02 15:04:05.000"),
			Recipients: []scheduler.RecipientRef{{Kind: scheduler.ToNumber, Value: number(i)}}})
		if err != nil {
			return err
		}
	}
	return nil
}

// waitSettled polls the store until no delivery is waiting or in flight.
func waitSettled(dir string, limit time.Duration) (map[string]int, error) {
	d, err := db.Open(filepath.Join(dir, "minuit.db"))
	if err != nil {
		return nil, err
	}
	defer d.Close()
	deadline := time.Now().Add(limit)
	for {
		counts := map[string]int{}
		rows, err := d.R.Query(`SELECT state, count(*) FROM deliveries GROUP BY state`)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var s string
			var c int
			_ = rows.Scan(&s, &c)
			counts[s] = c
		}
		rows.Close()
		var msgs int
		_ = d.R.QueryRow(`SELECT count(*) FROM messages WHERE status = 'active'`).Scan(&msgs)
		if msgs == 0 && counts["scheduled"]+counts["sending"]+counts["retryable"] == 0 {
			return counts, nil
		}
		if time.Now().After(deadline) {
			return counts, nil // what is left counts as lost
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// number and body are message i's recipient and text: one text per number.
func number(i int) string { return fmt.Sprintf("+3361%05d00", i) }
func body(i int) string   { return fmt.Sprintf("Commande %d prête", i) }

func createdTotal(t target, n int) int {
	c := 0
	for i := range n {
		c += t.created(number(i), body(i))
	}
	return c
}

func total(m map[string]int) int {
	t := 0
	for _, v := range m {
		t += v
	}
	return t
}
