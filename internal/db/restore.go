package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
)

// Restore replaces the database file live with a copy of the backup src. Nothing
// may have live open meanwhile: the caller holds the data folder's locks.
//
// In order: src passes Check; it is copied into a temporary file of live's folder
// (VACUUM INTO, so a backup that still has its -wal beside it is read whole);
// prepare, when not nil, runs on that copy (the app brings its schema up to date
// there and refuses one from a newer Minuit), and the copy is synced. Then the
// current database is kept as keepAs (a hard link, or a copy where links are not
// possible; its -wal too when a checkpoint could not empty it), live's stale -wal,
// -shm and -journal are removed, and the copy is renamed onto live: at every moment
// live is either the old database or the restored one. Errors from the checks are
// *CheckError.
func Restore(ctx context.Context, src, live, keepAs string, prepare func(ctx context.Context, staged string) error) error {
	if err := Check(ctx, src); err != nil {
		return err
	}
	dir := filepath.Dir(live)
	staged, err := snapshot(ctx, src, dir)
	if err != nil {
		return &CopyError{Dst: live, Err: err}
	}
	defer removeWithSidecars(staged) // a no-op for the file once it is renamed
	if prepare != nil {
		if err := prepare(ctx, staged); err != nil {
			return err
		}
		if err := syncFile(staged); err != nil {
			return &CopyError{Dst: live, Err: err}
		}
	}
	return Replace(staged, live, keepAs)
}

// Replace puts the database file staged in place of live: the current database is
// kept as keepAs (see keep), live's stale -wal, -shm and -journal are removed, and
// staged is renamed onto live, so that live is at every moment either the old
// database or the new one. Nothing may have live open meanwhile.
func Replace(staged, live, keepAs string) error {
	if err := keep(live, keepAs); err != nil {
		return err
	}
	for _, side := range sidecars {
		if err := os.Remove(live + side); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("db: cannot remove the stale %s (%w)", live+side, err)
		}
	}
	if err := os.Rename(staged, live); err != nil {
		return fmt.Errorf("db: put the restored database in place: %w", err)
	}
	syncDir(filepath.Dir(live))
	return nil
}

// sidecars are the files SQLite keeps beside a database, named after it.
var sidecars = []string{"-wal", "-shm", "-journal"}

func removeWithSidecars(path string) {
	_ = os.Remove(path)
	for _, side := range sidecars {
		_ = os.Remove(path + side)
	}
}

// keep preserves the database live, if there is one, as keepAs. Its WAL is first
// checkpointed into the file where it still opens; what a checkpoint could not move
// (a damaged file) is kept as keepAs-wal, which SQLite reads with keepAs.
func keep(live, keepAs string) error {
	if _, err := os.Lstat(live); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	checkpoint(live)
	if err := os.Link(live, keepAs); err != nil {
		if err := copyFile(live, keepAs); err != nil {
			return fmt.Errorf("db: cannot keep the current database as %s (%w)", keepAs, err)
		}
	}
	if fi, err := os.Stat(live + "-wal"); err == nil && fi.Size() > 0 {
		if err := copyFile(live+"-wal", keepAs+"-wal"); err != nil {
			return fmt.Errorf("db: cannot keep the current database's journal as %s-wal (%w)", keepAs, err)
		}
	}
	syncDir(filepath.Dir(keepAs))
	return nil
}

// checkpoint moves what live's WAL holds into live, as far as it can; a file that
// cannot be opened or checkpointed is left as it is.
func checkpoint(live string) {
	q := url.Values{}
	q.Set("mode", "rw")
	q.Add("_pragma", "busy_timeout(2000)")
	c, err := sql.Open("sqlite", "file:"+live+"?"+q.Encode())
	if err != nil {
		return
	}
	defer c.Close()
	_, _ = c.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
}
