package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/zalando/go-keyring"
)

// keyringService names Minuit's entries in the OS keychain; each provider secret's
// entry is named by its field key (scheduler/providers).
const keyringService = "Minuit"

// ErrNoKeychain says the OS keychain is unavailable, so the secret went to a file
// readable only by the user.
var ErrNoKeychain = errors.New("app: no keychain on this system; the key is stored in a file only you can read")

// saveSecret stores a secret in the OS keychain, or, where there is none, in a 0600
// file in the data folder; never in the database. It returns ErrNoKeychain (after
// saving) in the second case so the window can say so.
func saveSecret(dir, name, value string) error {
	if err := keyring.Set(keyringService, name, value); err == nil {
		_ = os.Remove(secretFile(dir, name))
		return nil
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("app: save secret: %w", err)
	}
	if err := os.WriteFile(secretFile(dir, name), []byte(value), 0o600); err != nil {
		return fmt.Errorf("app: save secret: %w", err)
	}
	return ErrNoKeychain
}

// loadSecret reads a secret from the keychain or its fallback file ("" if unset).
func loadSecret(dir, name string) (string, error) {
	if v, err := keyring.Get(keyringService, name); err == nil {
		return v, nil
	}
	b, err := os.ReadFile(secretFile(dir, name))
	if errors.Is(err, os.ErrNotExist) {
		return "", nil
	} else if err != nil {
		return "", fmt.Errorf("app: read secret: %w", err)
	}
	return strings.TrimSpace(string(b)), nil
}

func secretFile(dir, name string) string { return filepath.Join(dir, name+".secret") }
