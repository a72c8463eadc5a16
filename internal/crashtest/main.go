// Command crashtest proves the first promise: it runs `minuit serve` against the
// MessageBird emulator, SIGKILLs it at random moments during a 2,000-message run,
// restarts it each time, and prints duplicates (a number accepted twice) and losses
// (deliveries neither final nor unconfirmed). Goal: 0 and 0.
//
//	go run ./internal/crashtest [-messages 2000] [-kills 25]
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
	"minuit/scheduler"
	"minuit/scheduler/messagebird/mbemu"
)

func main() {
	n := flag.Int("messages", 2000, "messages to send, one recipient each")
	kills := flag.Int("kills", 25, "SIGKILLs during the run")
	flag.Parse()
	if err := run(*n, *kills); err != nil {
		fmt.Fprintln(os.Stderr, "crashtest:", err)
		os.Exit(1)
	}
}

func run(n, kills int) error {
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
	emu := mbemu.New()
	defer emu.Close()
	emu.SetLatency(5 * time.Millisecond)
	data := filepath.Join(tmp, "data")
	if err := seed(data, n); err != nil {
		return err
	}
	env := append(os.Environ(), "MINUIT_PROVIDER=messagebird", "MINUIT_MESSAGEBIRD_KEY="+mbemu.DefaultAccessKey,
		"MINUIT_MESSAGEBIRD_URL="+emu.URL(), "MINUIT_PROVIDER_TIMEOUT=3s")
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
		fmt.Printf("kill %2d: %d accepted so far\n", i+1, len(emu.Messages()))
	}
	// A last run, left alone until nothing is waiting or in flight.
	cmd := exec.Command(bin, "serve", "--data", data)
	cmd.Env = env
	if err := cmd.Start(); err != nil {
		return err
	}
	counts, err := waitSettled(data, 2*time.Minute)
	_ = cmd.Process.Signal(os.Interrupt)
	_ = cmd.Wait()
	if err != nil {
		return err
	}
	perNumber := map[int64]int{}
	for _, m := range emu.Messages() {
		for _, rc := range m.Recipients {
			perNumber[rc.Number]++
		}
	}
	dups := 0
	for _, c := range perNumber {
		if c > 1 {
			dups += c - 1
		}
	}
	for _, c := range emu.AcceptedByReference() {
		if c > 1 {
			dups += c - 1
		}
	}
	losses := counts["scheduled"] + counts["sending"] + counts["retryable"] + (n - total(counts))
	fmt.Printf("messages %d, kills %d, states %v\n", n, kills, counts)
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
		_, err := st.CreateMessage(context.Background(), scheduler.Message{Body: fmt.Sprintf("Commande %d prête", i),
			Kind: scheduler.Transactional, TZ: "UTC", Originator: "MaBoutique",
			At:         now.Add(time.Duration(i) * 10 * time.Millisecond).Format("2006-01-02 15:04:05.000"),
			Recipients: []scheduler.RecipientRef{{Kind: scheduler.ToNumber, Value: fmt.Sprintf("+3361%07d", i)}}})
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

func total(m map[string]int) int {
	t := 0
	for _, v := range m {
		t += v
	}
	return t
}
