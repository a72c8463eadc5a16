package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"fyne.io/fyne/v2/lang"

	"minuit/internal/db"
	"minuit/internal/usererr"
	"minuit/ui/l10n"
)

// folderCommands run on the data folder without opening its database (run skips
// openEnv for them): restore must work when the database does not open.
var folderCommands = map[string]func(ctx context.Context, dir string, opts any, args []string, stdout, stderr io.Writer) error{}

func init() {
	commands["backup"] = command{func(fs *flag.FlagSet) any {
		return fs.Bool("force", false, "replace FILE if it exists")
	}, runBackup}
	commands["restore"] = command{noFlags, nil}
	folderCommands["restore"] = runRestore
}

// runBackup: `minuit backup FILE [--force]` writes a copy of the database to FILE,
// refusing to replace an existing file without --force; `minuit backup` alone
// writes today's daily backup into the data folder's backups/.
func runBackup(ctx context.Context, e *env, o any, args []string, stdout, _ io.Writer) error {
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM) // Ctrl+C removes the partial copy
	defer stop()
	start := time.Now()
	var path string
	switch len(args) {
	case 0:
		p, err := backupToday(ctx, e, start)
		if p == "" {
			return err
		}
		path = p
		if err != nil {
			fmt.Fprintln(stdout, lang.L("Note:"), plain(err))
		}
	case 1:
		abs, err := filepath.Abs(args[0])
		if err != nil {
			return err
		}
		path = abs
		var exists *db.ExistsError
		err = e.db.BackupAll(ctx, path, *o.(*bool), e.cdb)
		if errors.As(err, &exists) {
			return &backupError{msg: usererr.Msgf("%s already exists: choose another name, or add --force to replace it", path), err: err}
		}
		if err != nil {
			return err
		}
	default:
		return usererr.Sayf("give one file to write: minuit backup FILE (or no file: today's backup in the data folder)")
	}
	size := int64(0)
	if fi, err := os.Stat(path); err == nil {
		size = fi.Size()
	}
	fmt.Fprintln(stdout, lang.L("Backed up to {{.Path}} ({{.Size}} MB in {{.Seconds}} s).", map[string]any{"Path": path,
		"Size": l10n.Decimal(float64(size)/1e6, 1), "Seconds": l10n.Decimal(time.Since(start).Seconds(), 1)}))
	return nil
}

// runRestore: `minuit restore FILE` replaces the database with the backup FILE.
func runRestore(ctx context.Context, dir string, _ any, args []string, stdout, _ io.Writer) error {
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM) // Ctrl+C removes the staged copy
	defer stop()
	if len(args) != 1 {
		return usererr.Sayf("give the backup to restore: minuit restore FILE")
	}
	src, err := filepath.Abs(args[0])
	if err != nil {
		return err
	}
	kept, err := restoreFrom(ctx, dir, src, time.Now())
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, lang.L("Restored {{.Path}}.", map[string]any{"Path": src}))
	if kept != "" {
		fmt.Fprintln(stdout, lang.L("The database it replaced is kept as {{.Path}}.", map[string]any{"Path": kept}))
	}

	return nil
}
