package app

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"minuit/contacts"
	"minuit/internal/db"
	"minuit/scheduler"
)

// filledFolder returns a data folder whose database holds 3,000 imported contacts
// (about 2 MB), closed.
func filledFolder(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	e, err := openEnv(t.Context(), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	var b strings.Builder
	for i := range 3000 {
		fmt.Fprintf(&b, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Client %06d\r\nTEL;TYPE=CELL:+336%08d\r\nEND:VCARD\r\n", i, 10000000+i)
	}
	p, err := e.contacts.Preview(t.Context(), strings.NewReader(b.String()), contacts.ImportOptions{Source: "seed.vcf", Region: "FR"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.contacts.Commit(t.Context(), p); err != nil {
		t.Fatal(err)
	}
	return dir
}

// damage writes 4 KB of random bytes into the middle of dir's contacts database
// (the big one: the plans database of filledFolder holds a few pages).
func damage(t *testing.T, dir string) {
	t.Helper()
	path := filepath.Join(dir, contactsFile)
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	junk := make([]byte, 4096)
	r := rand.New(rand.NewPCG(3, 4))
	for i := range junk {
		junk[i] = byte(r.Uint32())
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt(junk, fi.Size()/2/4096*4096); err != nil {
		t.Fatal(err)
	}
}

func TestMinuitCheckSaysOkThenListsTheDamageAndHowToRestore(t *testing.T) {
	dir := filledFolder(t)
	if out, errOut, code := runMinuit(t, dir, "check"); code != 0 || out != "ok\n" {
		t.Fatalf("check of a sound database: %d %q %q", code, out, errOut)
	}
	damage(t, dir)
	out, errOut, code := runMinuit(t, dir, "check")
	if code != 1 || out == "" || out == "ok\n" {
		t.Fatalf("check of a damaged database: %d %q %q, want the problems", code, out, errOut)
	}
	for _, want := range []string{"is damaged", filepath.Join(dir, "backups"), "minuit restore FILE"} {
		if !strings.Contains(errOut, want) {
			t.Fatalf("the error does not say %q: %s", want, errOut)
		}
	}
}

func TestTheSenderNeverSendsFromADamagedDatabaseAndSaysHowToRestore(t *testing.T) {
	dir := filledFolder(t)
	damage(t, dir)
	e, err := openEnv(t.Context(), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	events := make(chan scheduler.Event, 10)
	s, err := startSenderWith(t.Context(), e, senderHooks{onEvent: func(ev scheduler.Event) { events <- ev }})
	if err != nil {
		t.Fatal(err)
	}
	err = <-s.done
	var damaged *db.DamagedError
	if !errors.As(err, &damaged) || !strings.Contains(err.Error(), "minuit restore FILE") {
		t.Fatalf("the sender stopped with %v, want a *db.DamagedError that says how to restore", err)
	}
	close(events)
	var kinds []scheduler.EventKind
	for ev := range events {
		kinds = append(kinds, ev.Kind)
	}
	if len(kinds) != 1 || kinds[0] != scheduler.EventStoreProblem {
		t.Fatalf("events %v, want only the store problem (no pass)", kinds)
	}
	if senderHolds(dir) {
		t.Fatal("the stopped sender still holds the folder")
	}
}

func TestNoCommandMakesAFreshDatabaseWhileTheSenderHoldsTheFolderAndTheSenderStops(t *testing.T) {
	dir := t.TempDir()
	e, err := openEnv(t.Context(), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	quit := make(chan struct{})
	passed := make(chan struct{}, 1)
	s, err := startSenderWith(t.Context(), e, senderHooks{onQuit: func() { close(quit) }, onEvent: func(ev scheduler.Event) {
		if ev.Kind == scheduler.EventNextDue {
			select {
			case passed <- struct{}{}:
			default:
			}
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	<-passed // the first pass is over: the sender sleeps until woken
	path := filepath.Join(dir, dbFile)
	for _, suffix := range []string{"", "-wal", "-shm"} {
		_ = os.Remove(path + suffix)
	}
	_, errOut, code := runMinuit(t, dir, "schedule", "--to", "+33612345678", "--at", "now", "Bonjour")
	if code != 1 || !strings.Contains(errOut, "is missing while Minuit is sending") || !strings.Contains(errOut, "minuit restore FILE") {
		t.Fatalf("schedule beside a sender whose database is gone: %d %q", code, errOut)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("a command made a fresh database beside the running sender")
	}
	s.current().Wake() // the sender looks at its file before each pass
	err = <-s.done
	var moved *db.MovedError
	if !errors.As(err, &moved) || !moved.Deleted {
		t.Fatalf("the sender stopped with %v, want a *db.MovedError", err)
	}
	<-quit // the process around the sender is told to end
	if senderHolds(dir) {
		t.Fatal("the stopped sender still holds the folder")
	}
}
