package db

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func TestRestorePutsTheBackupInPlaceAndKeepsTheCurrentDatabase(t *testing.T) {
	dir := t.TempDir()
	live := filepath.Join(dir, "minuit.db")
	d := minuitLike(t, live, 2)
	backup := filepath.Join(t.TempDir(), "backup.db")
	if err := d.Backup(t.Context(), backup, false); err != nil {
		t.Fatal(err)
	}
	addDeliveries(t, d, 5)
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	// A stale journal of the old file must not be replayed onto the restored one.
	if err := os.WriteFile(live+"-shm", make([]byte, 32768), 0o600); err != nil {
		t.Fatal(err)
	}
	keepAs := live + ".before-restore-20261129-143005"
	prepared := ""
	err := Restore(t.Context(), backup, live, keepAs, func(_ context.Context, staged string) error {
		prepared = staged
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	assertOnly(t, dir, "minuit.db", filepath.Base(keepAs)) // before reading them, which adds their -wal and -shm
	if filepath.Dir(prepared) != dir {
		t.Fatalf("the copy was staged in %s, not in the data folder", prepared)
	}
	if n := countIn(t, live); n != 2 {
		t.Fatalf("the restored database holds %d deliveries, want the backup's 2", n)
	}
	if n := countIn(t, keepAs); n != 7 {
		t.Fatalf("the kept database holds %d deliveries, want the 7 it had", n)
	}
	if err := Check(t.Context(), live); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(live)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
		t.Fatalf("the restored database's mode is %v, want 0600", fi.Mode().Perm())
	}
	d2, err := Open(live) // and it opens for writing as usual
	if err != nil {
		t.Fatal(err)
	}
	defer d2.Close()
	addDeliveries(t, d2, 1)
}

func TestRestoreRefusesADamagedBackupAndChangesNothing(t *testing.T) {
	dir := t.TempDir()
	live := filepath.Join(dir, "minuit.db")
	d := minuitLike(t, live, 3000)
	backup := filepath.Join(t.TempDir(), "backup.db")
	if err := d.Backup(t.Context(), backup, false); err != nil {
		t.Fatal(err)
	}
	_ = d.Close()
	damage(t, backup)
	var ce *CheckError
	if err := Restore(t.Context(), backup, live, live+".before", nil); !errors.As(err, &ce) {
		t.Fatalf("restoring a damaged backup: %v, want a CheckError", err)
	}
	assertOnly(t, dir, "minuit.db")
	if n := countIn(t, live); n != 3000 {
		t.Fatalf("the database now holds %d deliveries, want its 3000", n)
	}
}

func TestRestoreStopsWhenPreparingTheCopyFailsAndLeavesNoTemporaryFile(t *testing.T) {
	dir := t.TempDir()
	live := filepath.Join(dir, "minuit.db")
	d := minuitLike(t, live, 1)
	backup := filepath.Join(t.TempDir(), "backup.db")
	if err := d.Backup(t.Context(), backup, false); err != nil {
		t.Fatal(err)
	}
	_ = d.Close()
	tooNew := errors.New("written by a newer Minuit")
	err := Restore(t.Context(), backup, live, live+".before", func(context.Context, string) error { return tooNew })
	if !errors.Is(err, tooNew) {
		t.Fatalf("restore = %v, want the preparation's error", err)
	}
	assertOnly(t, dir, "minuit.db")
}

func TestRestoreIntoAFolderWithoutADatabaseKeepsNothing(t *testing.T) {
	src := filepath.Join(t.TempDir(), "minuit.db")
	d := minuitLike(t, src, 4)
	backup := filepath.Join(t.TempDir(), "backup.db")
	if err := d.Backup(t.Context(), backup, false); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	live := filepath.Join(dir, "minuit.db")
	if err := Restore(t.Context(), backup, live, live+".before", nil); err != nil {
		t.Fatal(err)
	}
	if n := countIn(t, live); n != 4 {
		t.Fatalf("restored %d deliveries, want 4", n)
	}
	assertOnly(t, dir, "minuit.db")
}
