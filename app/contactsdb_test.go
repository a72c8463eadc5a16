package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"minuit/contacts"
	"minuit/internal/db"
	"minuit/internal/minuit"
	"minuit/scheduler"
)

func importLea(t *testing.T, dir string) {
	t.Helper()
	vcf := filepath.Join(t.TempDir(), "shop.vcf")
	card := "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Léa Martin\r\nTEL;TYPE=CELL:06 12 34 56 78\r\nCATEGORIES:VIP\r\nEND:VCARD\r\n"
	if err := os.WriteFile(vcf, []byte(card), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := runMinuit(t, dir, "import", "--region", "FR", vcf); code != 0 {
		t.Fatalf("import: %s", stderr)
	}
}

func contactNames(t *testing.T, dir string) string {
	t.Helper()
	out, stderr, code := runMinuit(t, dir, "contacts", "--json")
	if code != 0 {
		t.Fatalf("contacts: %s", stderr)
	}
	var names []string
	for _, c := range jsonLines(t, out) {
		names = append(names, c["name"].(string))
	}
	return strings.Join(names, ",")
}

func TestAFolderFromAnEarlierMinuitGetsItsContactsMovedToTheirOwnFileOnce(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	// The earlier layout: plans and contacts in one minuit.db.
	d, err := db.Open(filepath.Join(dir, dbFile))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := scheduler.Open(ctx, d, time.Now); err != nil {
		t.Fatal(err)
	}
	cs, err := contacts.Open(ctx, d, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	p, err := cs.Preview(ctx, strings.NewReader("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Léa Martin\r\nTEL;TYPE=CELL:+33612345678\r\nCATEGORIES:VIP\r\nEND:VCARD\r\n"),
		contacts.ImportOptions{Source: "old.vcf", Region: "FR"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cs.Commit(ctx, p); err != nil {
		t.Fatal(err)
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	scheduleOne(t, dir, "Bonjour") // the first command moves the contacts
	for range 2 {                  // and the second finds nothing left to move
		if got := contactNames(t, dir); got != "Léa Martin" {
			t.Fatalf("contacts after the move: %q, want Léa Martin", got)
		}
	}
	if got := planned(t, dir); got != "1" {
		t.Fatalf("planned after the move: %s", got)
	}
	plans, err := db.Tables(ctx, filepath.Join(dir, dbFile))
	if err != nil || plans["contacts"] || !plans["deliveries"] {
		t.Fatalf("minuit.db has tables %v (%v), want the plans without the contacts", plans, err)
	}
	people, err := db.Tables(ctx, filepath.Join(dir, contactsFile))
	if err != nil || !people["contacts"] || !people["contacts_fts"] || people["deliveries"] {
		t.Fatalf("contacts.db has tables %v (%v), want the contacts only", people, err)
	}
	if out, stderr, code := runMinuit(t, dir, "check"); code != 0 || strings.TrimSpace(out) != "ok" {
		t.Fatalf("check after the move: %q %q", out, stderr)
	}
}

func TestBackupThenRestoreBringsBackTheContactsFromTheOneFile(t *testing.T) {
	dir := t.TempDir()
	importLea(t, dir)
	file := filepath.Join(t.TempDir(), "saved.db")
	if _, stderr, code := runMinuit(t, dir, "backup", file); code != 0 {
		t.Fatalf("backup: %s", stderr)
	}
	if _, stderr, code := runMinuit(t, dir, "forget", "1", "--yes"); code != 0 {
		t.Fatalf("forget: %s", stderr)
	}
	if got := contactNames(t, dir); got != "" {
		t.Fatalf("contacts after forget: %q", got)
	}
	if out, stderr, code := runMinuit(t, dir, "restore", file); code != 0 {
		t.Fatalf("restore: %q %q", out, stderr)
	}
	if got := contactNames(t, dir); got != "Léa Martin" {
		t.Fatalf("contacts after the restore: %q, want Léa Martin back", got)
	}
	if out, _, code := runMinuit(t, dir, "contacts", "--search", "lea"); code != 0 || !strings.Contains(out, "Léa Martin") {
		t.Fatalf("the restored search index does not find her: %q", out)
	}
	kept, _ := filepath.Glob(filepath.Join(dir, contactsFile+".before-restore-*"))
	if len(kept) != 1 {
		t.Fatalf("kept contacts files %v, want the replaced one", kept)
	}
	if _, stderr, code := runMinuit(t, dir, "backup", filepath.Join(dir, contactsFile), "--force"); code == 0 {
		t.Fatal("a backup onto the contacts' own database was accepted")
	} else if !strings.Contains(stderr, "itself") {
		t.Errorf("the refusal says %q", stderr)
	}
}

// TestALongWriteToTheContactsNeverHoldsUpPlansOrSends holds the contacts'
// write lock (as a 1,000,000-row import does for half a minute) while a message
// is planned to a contact and sent: neither needs the lock (had they needed it,
// each would fail with SQLITE_BUSY after the 10 s busy timeout).
func TestALongWriteToTheContactsNeverHoldsUpPlansOrSends(t *testing.T) {
	dir := t.TempDir()
	importLea(t, dir)
	ctx := t.Context()
	e, err := openEnv(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	tx, err := e.cdb.W.BeginTx(ctx, nil) // BEGIN IMMEDIATE: the write lock, until Rollback
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback() //nolint:errcheck // only the lock matters
	if _, err := tx.Exec(`UPDATE contacts SET name = name`); err != nil {
		t.Fatal(err)
	}
	_, err = e.store.CreateMessage(ctx, scheduler.Message{Body: "Bonjour {first_name}", Kind: minuit.Transactional,
		TZ: "UTC", At: time.Now().UTC().Format("2006-01-02 15:04:05"),
		Recipients: []scheduler.RecipientRef{{Kind: scheduler.ToGroup, Value: "VIP"}}})
	if err != nil {
		t.Fatal(err)
	}
	prov, err := e.provider(ctx)
	if err != nil {
		t.Fatal(err)
	}
	eng := scheduler.New(scheduler.Config{Store: e.store, Files: []*db.DB{e.cdb}, Provider: prov, Directory: e.directory()})
	if _, err := eng.Pass(ctx); err != nil {
		t.Fatal(err)
	}
	ds, _, err := e.store.History(ctx, scheduler.HistoryQuery{})
	if err != nil || len(ds) != 1 || ds[0].State != scheduler.Sent || ds[0].To != "+33612345678" {
		t.Fatalf("history %+v (%v), want Léa's text sent", ds, err)
	}
}
