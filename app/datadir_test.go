package app

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func TestTheDataFolderAndItsPrivateFilesAreTightenedAtStart(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("modes mean nothing on Windows: the folder has the user profile's ACL")
	}
	dir := filepath.Join(t.TempDir(), "data")
	e, err := openEnv(t.Context(), dir)
	if err != nil {
		t.Fatal(err)
	}
	_ = e.Close()
	loose := map[string]os.FileMode{"minuit.db": 0o644, "minuit.db-wal": 0o666, "minuit.db-shm": 0o644,
		"minuit.port": 0o644, "window.lock": 0o664, "twilio_token.secret": 0o644, "agent.log": 0o640,
		"old.log": 0o400, "notes.txt": 0o644}
	for name, mode := range loose {
		if err := os.WriteFile(filepath.Join(dir, name), nil, mode); err != nil && !os.IsExist(err) {
			t.Fatal(err)
		}
		if err := os.Chmod(filepath.Join(dir, name), mode); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if e, err = openEnv(t.Context(), dir); err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	want := map[string]os.FileMode{".": 0o700, "old.log": 0o400, "notes.txt": 0o644}
	for name := range loose {
		if _, ok := want[name]; !ok {
			want[name] = 0o600
		}
	}
	for name, mode := range want {
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != mode {
			t.Errorf("%s is %v, want %v", name, fi.Mode().Perm(), mode)
		}
	}
}
