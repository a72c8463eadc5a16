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

// autostartEntry is the login entry's text.
func autostartEntry(args []string) string { return launchAgentPlist(args) }

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
