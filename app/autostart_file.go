//go:build darwin || linux || freebsd || openbsd || netbsd || dragonfly

package app

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// On these systems the login entry is a file at autostartPath holding
// autostartEntry(args).

func writeAutostart(args []string) error {
	p, err := autostartPath()
	if err != nil {
		return err
	}
	return writeEntry(p, autostartEntry(args))
}

func removeAutostart() error {
	p, err := autostartPath()
	if err != nil {
		return err
	}
	return removeFile(p)
}

// writeEntry writes a login entry whole (saveWhole), so the desktop never reads
// half a file, creating its folder first.
func writeEntry(p, content string) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return writeError(p, err)
	}
	return saveWhole(p, func(w io.Writer) error {
		_, err := io.WriteString(w, content)
		return err
	})
}

// removeFile removes a login entry; one already gone is fine.
func removeFile(p string) error {
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}
