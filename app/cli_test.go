package app

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// minuit runs the CLI in-process against dir and returns stdout, stderr and the exit code.
func runMinuit(t *testing.T, dir string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(append(args, "--data", dir), &out, &errb)
	return out.String(), errb.String(), code
}

func jsonLines(t *testing.T, s string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(s), "\n") {
		if line == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("not JSON: %q: %v", line, err)
		}
		out = append(out, m)
	}
	return out
}

func TestScheduleThenListShowsTheMessageWithItsNextTimeAsJSON(t *testing.T) {
	dir := t.TempDir()
	id, stderr, code := runMinuit(t, dir, "schedule", "--to", "+33612345678", "--at", "2031-12-24 00:00",
		"--tz", "Europe/Paris", "--every", "FREQ=YEARLY", "--kind", "marketing", "Joyeux Noël")
	if code != 0 {
		t.Fatalf("schedule exit %d: %s", code, stderr)
	}
	out, _, code := runMinuit(t, dir, "list", "--json")
	ms := jsonLines(t, out)
	if code != 0 || len(ms) != 1 {
		t.Fatalf("list = %q (exit %d), want one message", out, code)
	}
	m := ms[0]
	if got := strings.TrimSpace(id); got != "1" || m["id"] != float64(1) {
		t.Fatalf("id printed %q, listed %v", got, m["id"])
	}
	if m["next"] != "2031-12-23T23:00:00Z" || m["status"] != "active" || m["kind"] != "marketing" {
		t.Fatalf("listed %v, want next 2031-12-23T23:00:00Z, active, marketing", m)
	}
}

func TestScheduleRefusesAnInvalidNumberWithOnePlainSentence(t *testing.T) {
	dir := t.TempDir()
	_, stderr, code := runMinuit(t, dir, "schedule", "--to", "+331234", "--at", "2031-01-01 10:00", "Hi")
	if code == 0 {
		t.Fatal("an invalid number was accepted")
	}
	if lines := strings.Count(strings.TrimSpace(stderr), "\n"); lines != 0 || !strings.Contains(stderr, `"+331234" cannot receive SMS. It has too few digits for a number in France.`) {
		t.Fatalf("stderr = %q, want one line saying why the number cannot receive SMS", stderr)
	}
	out, _, _ := runMinuit(t, dir, "list", "--json")
	if strings.TrimSpace(out) != "" {
		t.Fatalf("something was planned anyway: %q", out)
	}
}

func TestScheduleRefusesADeadlineBeforeTheSendTime(t *testing.T) {
	_, stderr, code := runMinuit(t, t.TempDir(), "schedule", "--to", "+33612345678", "--at", "2031-01-01 10:00",
		"--deadline", "2031-01-01 09:00", "Hi")
	if code == 0 || !strings.Contains(stderr, "deadline must be after") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
}

func TestCancelStopsAPlannedMessage(t *testing.T) {
	dir := t.TempDir()
	runMinuit(t, dir, "schedule", "--to", "+33612345678", "--at", "2031-01-01 10:00", "Hi")
	if _, stderr, code := runMinuit(t, dir, "cancel", "1"); code != 0 {
		t.Fatalf("cancel: %s", stderr)
	}
	out, _, _ := runMinuit(t, dir, "list", "--json", "--all")
	if ms := jsonLines(t, out); len(ms) != 1 || ms[0]["status"] != "cancelled" || ms[0]["next"] != nil {
		t.Fatalf("after cancel: %v", ms)
	}
	if _, stderr, code := runMinuit(t, dir, "cancel", "42"); code == 0 || !strings.Contains(stderr, "There is no message 42") {
		t.Fatalf("cancel of an unknown id: exit %d, %q", code, stderr)
	}
}

// lineWaiter is a writer that signals each line containing want.
type lineWaiter struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	want string
	hit  chan string
}

func (w *lineWaiter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	for {
		line, err := w.buf.ReadString('\n')
		if err != nil {
			w.buf.WriteString(line)
			return len(p), nil
		}
		if strings.Contains(line, w.want) {
			select {
			case w.hit <- line:
			default:
			}
		}
	}
}

func TestRunningSenderPicksUpACLIScheduleAtOnceAndRefusesASecondSender(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(EnvProvider, "sandbox")
	ctx, cancel := context.WithCancel(t.Context())
	logs := &lineWaiter{want: "msg=sent", hit: make(chan string, 1)}
	started := &lineWaiter{want: "msg=sending", hit: make(chan string, 1)}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--data", dir}, &bytes.Buffer{}, multiWriter{logs, started})
	}()
	select {
	case <-started.hit:
	case err := <-done:
		t.Fatalf("serve stopped: %v", err)
	}
	if _, stderr, code := runMinuit(t, dir, "serve"); code == 0 || !strings.Contains(stderr, "already sending") {
		t.Fatalf("a second sender: exit %d, %q", code, stderr)
	}
	if _, stderr, code := runMinuit(t, dir, "schedule", "--to", "+33612345678", "--at", "now", "Votre colis est arrivé"); code != 0 {
		t.Fatalf("schedule: %s", stderr)
	}
	select {
	case <-logs.hit:
	case <-time.After(10 * time.Second):
		// Without the poke the sender would only notice at its 30 s recheck.
		t.Fatal("the running sender did not pick the message up: the poke did not reach it")
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("serve: %v", err)
	}
	out, _, _ := runMinuit(t, dir, "history", "--json")
	ds := jsonLines(t, out)
	if len(ds) != 1 || ds[0]["status"] != "sent" || ds[0]["reference"] == "" || ds[0]["to"] != "+33612345678" ||
		ds[0]["sent_at"] == nil || ds[0]["message_id"] != float64(1) {
		t.Fatalf("history = %v, want one sent delivery with a reference", ds)
	}
}

type multiWriter []*lineWaiter

func (m multiWriter) Write(p []byte) (int, error) {
	for _, w := range m {
		_, _ = w.Write(p)
	}
	return len(p), nil
}

func TestImportPrintsThePreviewAndContactsListsTheImportedPeopleAsJSON(t *testing.T) {
	dir := t.TempDir()
	vcf := filepath.Join(dir, "shop.vcf")
	card := "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Léa Martin\r\nTEL;TYPE=CELL:06 12 34 56 78\r\nCATEGORIES:VIP\r\nEND:VCARD\r\n"
	if err := os.WriteFile(vcf, []byte(card), 0o600); err != nil {
		t.Fatal(err)
	}
	out, stderr, code := runMinuit(t, dir, "import", "--dry-run", "--region", "FR", vcf)
	if code != 0 || !strings.Contains(out, "1  new contacts") || !strings.Contains(out, "nothing was changed") {
		t.Fatalf("dry run: exit %d, %q %q", code, out, stderr)
	}
	if out, _, _ := runMinuit(t, dir, "contacts", "--json"); strings.TrimSpace(out) != "" {
		t.Fatalf("a dry run imported something: %q", out)
	}
	if _, stderr, code := runMinuit(t, dir, "import", "--region", "FR", vcf); code != 0 {
		t.Fatalf("import: %s", stderr)
	}
	out, _, _ = runMinuit(t, dir, "contacts", "--json")
	cs := jsonLines(t, out)
	if len(cs) != 1 || cs[0]["name"] != "Léa Martin" || cs[0]["phone"] != "+33612345678" {
		t.Fatalf("contacts = %v, want Léa Martin at +33612345678", cs)
	}
	// A message to the group reaches her through the scheduler's directory.
	if _, stderr, code := runMinuit(t, dir, "schedule", "--to", "group:VIP", "--at", "2031-01-01 10:00", "Bonjour {first_name}"); code != 0 {
		t.Fatalf("schedule to a group: %s", stderr)
	}
	// Forgetting her asks first, then erases for good.
	if out, _, code := runMinuit(t, dir, "forget", "1"); code != 0 || !strings.Contains(out, "--yes") {
		t.Fatalf("forget without --yes: %q", out)
	}
	if out, _, _ := runMinuit(t, dir, "contacts", "--json"); len(jsonLines(t, out)) != 1 {
		t.Fatal("forget without --yes erased the contact")
	}
	if _, stderr, code := runMinuit(t, dir, "forget", "1", "--yes"); code != 0 {
		t.Fatalf("forget: %s", stderr)
	}
	if out, _, _ := runMinuit(t, dir, "contacts", "--json"); strings.TrimSpace(out) != "" {
		t.Fatalf("contact still there after forget: %q", out)
	}
}

func TestDataFlagMayComeBeforeTheCommand(t *testing.T) {
	dir := t.TempDir()
	var out, errb bytes.Buffer
	code := Main([]string{"--data", dir, "schedule", "--to", "+33612345678", "--at", "2031-01-01 10:00", "Hi"}, &out, &errb)
	if code != 0 || strings.TrimSpace(out.String()) != "1" {
		t.Fatalf("exit %d, out %q, err %q", code, out.String(), errb.String())
	}
	if code := Main([]string{"--data", dir, "frobnicate"}, &out, &errb); code == 0 {
		t.Fatal("an unknown command was accepted")
	}
}

func TestImportReadsAGenericCSVThroughAColumnMapping(t *testing.T) {
	dir := t.TempDir()
	csv := filepath.Join(dir, "clients.csv")
	if err := os.WriteFile(csv, []byte("Prénom;Nom;Portable\nLéa;Martin;06 12 34 56 78\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := runMinuit(t, dir, "import", "--region", "FR", "--columns", "Prénom=first_name,Nom=last_name,Portable=mobile", csv); code != 0 {
		t.Fatalf("import: %s", stderr)
	}
	out, _, _ := runMinuit(t, dir, "contacts", "--json")
	cs := jsonLines(t, out)
	if len(cs) != 1 || cs[0]["phone"] != "+33612345678" || cs[0]["first_name"] != "Léa" {
		t.Fatalf("contacts = %v, want Léa at +33612345678", cs)
	}
	if _, stderr, code := runMinuit(t, dir, "import", "--columns", "nonsense", csv); code == 0 || !strings.Contains(stderr, "HEADER=field") {
		t.Fatalf("a bad mapping: exit %d, %q", code, stderr)
	}
}
