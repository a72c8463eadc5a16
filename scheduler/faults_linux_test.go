//go:build linux

package scheduler

import (
	"syscall"
	"testing"

	"minuit/internal/db"
)

func init() { dbFaults["full disk"] = fullDisk }

// fsizeBefore is the file-size limit fullDisk found, restored when it lifts its own.
var fsizeBefore syscall.Rlimit

// fullDisk makes every file of the process unable to grow (RLIMIT_FSIZE 0, as
// `ulimit -f 0`), so the next commit fails to append to the write-ahead log exactly
// as on a full disk (SQLITE_FULL), or lifts it. Go ignores SIGXFSZ, so writes fail
// with EFBIG instead of killing the process. No test of this package runs in
// parallel, so no other test sees the limit.
func fullDisk(t *testing.T, d *db.DB, on bool) {
	t.Helper()
	if !on {
		if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &fsizeBefore); err != nil {
			t.Fatal(err)
		}
		return
	}
	if _, err := d.W.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &fsizeBefore); err != nil {
		t.Fatal(err)
	}
	full := fsizeBefore
	full.Cur = 0
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &full); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = syscall.Setrlimit(syscall.RLIMIT_FSIZE, &fsizeBefore) })
}
