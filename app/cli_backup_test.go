package app

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"minuit/internal/db"
)

// planned lists the ids of dir's planned messages.
func planned(t *testing.T, dir string) string {
	t.Helper()
	out, stderr, code := runMinuit(t, dir, "list")
	if code != 0 {
		t.Fatalf("list: %s", stderr)
	}
	var ids []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n")[1:] {
		ids = append(ids, strings.Fields(line)[0])
	}
	return strings.Join(ids, ",")
}

func scheduleOne(t *testing.T, dir, text string) {
	t.Helper()
	if _, stderr, code := runMinuit(t, dir, "schedule", "--to", "+33612345678", "--at", "2031-12-24 00:00",
		"--tz", "Europe/Paris", text); code != 0 {
		t.Fatalf("schedule: %s", stderr)
	}
}

func TestBackupThenRestoreBringsBackThePlanAndKeepsTheDatabaseItReplaced(t *testing.T) {
	dir := t.TempDir()
	scheduleOne(t, dir, "first")
	file := filepath.Join(t.TempDir(), "saved.db")
	out, stderr, code := runMinuit(t, dir, "backup", file)
	if code != 0 || !strings.HasPrefix(out, "Backed up to "+file) {
		t.Fatalf("backup: %q %q (exit %d)", out, stderr, code)
	}
	if fi, err := os.Stat(file); err != nil || (runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600) {
		t.Fatalf("the backup file: %v %v, want mode 0600", fi, err)
	}
	scheduleOne(t, dir, "second")
	if got := planned(t, dir); got != "1,2" {
		t.Fatalf("planned before the restore: %s", got)
	}
	out, stderr, code = runMinuit(t, dir, "restore", file)
	if code != 0 || !strings.Contains(out, "Restored "+file) {
		t.Fatalf("restore: %q %q (exit %d)", out, stderr, code)
	}
	if got := planned(t, dir); got != "1" {
		t.Fatalf("planned after the restore: %s, want the backup's 1", got)
	}
	kept, _ := filepath.Glob(filepath.Join(dir, "minuit.db.before-restore-*"))
	if len(kept) != 1 || !strings.Contains(out, kept[0]) {
		t.Fatalf("kept %v; the output %q does not name it", kept, out)
	}
	if got := planned(t, dirWith(t, kept[0])); got != "1,2" {
		t.Fatalf("the kept database plans %s, want 1,2", got)
	}
}

// dirWith copies the database file path into a new data folder and returns it.
func dirWith(t *testing.T, path string) string {
	t.Helper()
	dir := t.TempDir()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "minuit.db"), b, 0o600); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestBackupRefusesToReplaceAFileUnlessForced(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(file, []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := runMinuit(t, dir, "backup", file)
	if code == 0 || !strings.Contains(stderr, file+" already exists: choose another name, or add --force to replace it") {
		t.Fatalf("backup onto an existing file: %q (exit %d)", stderr, code)
	}
	if b, _ := os.ReadFile(file); string(b) != "mine" {
		t.Fatal("the existing file was changed")
	}
	if _, stderr, code = runMinuit(t, dir, "backup", "--force", file); code != 0 {
		t.Fatalf("backup --force: %s", stderr)
	}
	if err := db.Check(t.Context(), file); err != nil {
		t.Fatalf("the forced backup: %v", err)
	}
}

func TestBackupWithoutAFileWritesTodaysBackupInTheDataFolder(t *testing.T) {
	dir := t.TempDir()
	if _, stderr, code := runMinuit(t, dir, "backup"); code != 0 {
		t.Fatalf("backup: %s", stderr)
	}
	if got := backupFiles(t, dir); len(got) != 1 || !strings.HasPrefix(got[0], "minuit-") {
		t.Fatalf("backups folder: %v", got)
	}
}

func TestRestoreIsRefusedWhileASenderRunsAndChangesNothing(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("HOME", dir)
	t.Setenv("XDG_CONFIG_HOME", dir)
	scheduleOne(t, dir, "first")
	file := filepath.Join(t.TempDir(), "saved.db")
	if _, stderr, code := runMinuit(t, dir, "backup", file); code != 0 {
		t.Fatal(stderr)
	}
	scheduleOne(t, dir, "second")
	ctx, cancel := context.WithCancel(t.Context())
	e, err := openEnv(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	s, err := startSenderWith(ctx, e, senderHooks{})
	if err != nil {
		t.Fatal(err)
	}
	_, stderr, code := runMinuit(t, dir, "restore", file)
	cancel()
	<-s.done
	if code == 0 || !strings.Contains(stderr, "Minuit is sending from this data folder") {
		t.Fatalf("restore beside a sender: %q (exit %d)", stderr, code)
	}
	if got := planned(t, dir); got != "1,2" {
		t.Fatalf("planned after the refused restore: %s", got)
	}
	if kept, _ := filepath.Glob(filepath.Join(dir, "minuit.db.before-restore-*")); len(kept) != 0 {
		t.Fatalf("a refused restore kept %v", kept)
	}
}

func TestRestoreChecksTheFileFirstAndSaysWhatIsWrong(t *testing.T) {
	dir := t.TempDir()
	scheduleOne(t, dir, "first")
	other := filepath.Join(t.TempDir(), "other.db")
	o, err := sql.Open("sqlite", other)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := o.Exec(`CREATE TABLE notes (x)`); err != nil {
		t.Fatal(err)
	}
	_ = o.Close()
	text := filepath.Join(t.TempDir(), "list.csv")
	if err := os.WriteFile(text, []byte(strings.Repeat("name,phone\n", 500)), 0o600); err != nil {
		t.Fatal(err)
	}
	for file, want := range map[string]string{
		other: other + " is not a Minuit database (it has no migrations table). Nothing was changed.",
		text:  text + " is not a database Minuit can read. Nothing was changed.",
	} {
		_, stderr, code := runMinuit(t, dir, "restore", file)
		if code == 0 || strings.TrimSpace(stderr) != "minuit: "+want {
			t.Errorf("restore %s: %q (exit %d), want %q", filepath.Base(file), stderr, code, want)
		}
	}
	if got := planned(t, dir); got != "1" {
		t.Fatalf("planned after refused restores: %s", got)
	}
}

func TestRestoreWorksWhenTheCurrentDatabaseNoLongerOpens(t *testing.T) {
	dir := t.TempDir()
	scheduleOne(t, dir, "first")
	file := filepath.Join(t.TempDir(), "saved.db")
	if _, stderr, code := runMinuit(t, dir, "backup", file); code != 0 {
		t.Fatal(stderr)
	}
	d, err := db.Open(filepath.Join(dir, "minuit.db"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = d.W.Exec(`INSERT INTO migrations VALUES ('scheduler', 99, '0099_future.sql', '')`)
	_ = d.Close()
	if err != nil {
		t.Fatal(err)
	}
	if _, _, code := runMinuit(t, dir, "list"); code == 0 {
		t.Fatal("a database from a newer Minuit still opens")
	}
	if _, stderr, code := runMinuit(t, dir, "restore", file); code != 0 {
		t.Fatalf("restore over a database that does not open: %s", stderr)
	}
	if got := planned(t, dir); got != "1" {
		t.Fatalf("planned after the restore: %s", got)
	}
	// The other way round: a backup from a newer Minuit is refused before anything changes.
	newer := filepath.Join(dir, "minuit.db.before-restore-copy")
	kept, _ := filepath.Glob(filepath.Join(dir, "minuit.db.before-restore-*"))
	if len(kept) != 1 || os.Rename(kept[0], newer) != nil {
		t.Fatalf("kept %v", kept)
	}
	_, stderr, code := runMinuit(t, dir, "restore", newer)
	if code == 0 || !strings.Contains(stderr, "was written by a newer version of Minuit") {
		t.Fatalf("restoring a newer database: %q (exit %d)", stderr, code)
	}
	if got := planned(t, dir); got != "1" {
		t.Fatalf("planned after the refused restore: %s", got)
	}
}
