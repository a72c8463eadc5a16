//go:build darwin

package app

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// autostartPath is ~/Library/LaunchAgents/app.minuit.desktop.plist, which launchd
// reads at the next login.
func autostartPath() (string, error) {
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(home, "Library", "LaunchAgents", launchAgentFile), nil
}

func writeAutostart(args []string) error {
	p, err := autostartPath()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	tmp := p + ".tmp"
	if err := os.WriteFile(tmp, []byte(launchAgentPlist(args)), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, p)
}

func removeAutostart() error {
	p, err := autostartPath()
	if err != nil {
		return err
	}
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

func autostartEnabled() (bool, error) {
	p, err := autostartPath()
	if err != nil {
		return false, err
	}
	_, err = os.Stat(p)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	return err == nil, err
}
