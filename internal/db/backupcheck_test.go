package db

import (
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// damage overwrites 4 KB in the middle of the file at path.
func damage(t *testing.T, path string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fi, _ := f.Stat()
	junk := make([]byte, 4096)
	for i := range junk {
		junk[i] = byte(i*131 + 7)
	}
	if _, err := f.WriteAt(junk, fi.Size()/2/4096*4096); err != nil {
		t.Fatal(err)
	}
}

func TestCheckRefusesWhatIsNotAWholeMinuitDatabase(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.db")
	d := minuitLike(t, filepath.Join(dir, "minuit.db"), 3000)
	if err := d.Backup(t.Context(), good, false); err != nil {
		t.Fatal(err)
	}
	damaged := filepath.Join(dir, "damaged.db")
	if err := d.Backup(t.Context(), damaged, false); err != nil {
		t.Fatal(err)
	}
	damage(t, damaged)
	other := filepath.Join(dir, "other.db")
	o, err := sql.Open("sqlite", other)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := o.Exec(`CREATE TABLE migrations (x); CREATE TABLE notes (y)`); err != nil {
		t.Fatal(err)
	}
	_ = o.Close()
	junk := filepath.Join(dir, "junk.db")
	if err := os.WriteFile(junk, make([]byte, 8192), 0o600); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty.db")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := Check(t.Context(), good); err != nil {
		t.Fatalf("a good backup is refused: %v", err)
	}
	for path, want := range map[string]string{
		damaged:                         damaged + " is damaged",
		other:                           other + " is not a Minuit database (it has no deliveries table)",
		junk:                            junk + " is not a database Minuit can read",
		empty:                           empty + " is empty",
		dir:                             dir + " is not a file",
		filepath.Join(dir, "absent.db"): filepath.Join(dir, "absent.db") + " cannot be read",
	} {
		var ce *CheckError
		err := Check(t.Context(), path)
		if !errors.As(err, &ce) || len(err.Error()) < len(want) || err.Error()[:len(want)] != want {
			t.Errorf("Check(%s) = %v, want %q…", filepath.Base(path), err, want)
		}
	}
}
