// Package app is Minuit's composition root: it reads the command line and the
// environment, opens the data folder, picks the provider and starts the sender, the
// window or a CLI command. Nothing below it knows about the others.
package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"minuit/contacts"
	"minuit/internal/db"
	"minuit/scheduler"
	"minuit/scheduler/messagebird"
	"minuit/scheduler/sandbox"
)

// Environment variables, documented in the README.
const (
	EnvData       = "MINUIT_DATA"             // the data folder
	EnvProvider   = "MINUIT_PROVIDER"         // "sandbox" or "messagebird"
	EnvMBKey      = "MINUIT_MESSAGEBIRD_KEY"  // MessageBird access key
	EnvMBURL      = "MINUIT_MESSAGEBIRD_URL"  // MessageBird base-URL override
	EnvOriginator = "MINUIT_ORIGINATOR"       // default sender ID
	EnvTimeout    = "MINUIT_PROVIDER_TIMEOUT" // provider HTTP timeout, e.g. "15s"
)

// Settings keys in the store.
const (
	SetProvider   = "provider"
	SetMBURL      = "messagebird.url"
	SetOriginator = "originator"
	SetRegion     = "region"
)

// DataDir returns the data folder: flag, then $MINUIT_DATA, then the OS config folder.
func DataDir(flagValue string) (string, error) {
	if flagValue != "" {
		return filepath.Abs(flagValue)
	}
	if v := os.Getenv(EnvData); v != "" {
		return filepath.Abs(v)
	}
	base, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("app: no data folder: set --data or %s: %w", EnvData, err)
	}
	return filepath.Join(base, "Minuit"), nil
}

// env is what every command works with.
type env struct {
	dir      string
	db       *db.DB
	store    *scheduler.Store
	contacts *contacts.Store
}

func openEnv(ctx context.Context, dataFlag string) (*env, error) {
	dir, err := DataDir(dataFlag)
	if err != nil {
		return nil, err
	}
	d, err := db.Open(filepath.Join(dir, "minuit.db"))
	if err != nil {
		return nil, err
	}
	st, err := scheduler.Open(ctx, d, time.Now)
	if err != nil {
		_ = d.Close()
		return nil, err
	}
	cs, err := contacts.Open(ctx, d, time.Now)
	if err != nil {
		_ = d.Close()
		return nil, err
	}
	e := &env{dir: dir, db: d, store: st, contacts: cs}
	if r, err := st.Setting(ctx, SetRegion, ""); err == nil && r != "" {
		cs.SetDefaultRegion(r)
	}
	return e, nil
}

func (e *env) Close() error { return e.db.Close() }

// setting reads a setting with an environment override.
func (e *env) setting(ctx context.Context, key, envName, def string) (string, error) {
	if v := os.Getenv(envName); v != "" {
		return v, nil
	}
	return e.store.Setting(ctx, key, def)
}

// provider builds the configured provider: the sandbox unless MessageBird is set up.
func (e *env) provider(ctx context.Context) (scheduler.Provider, error) {
	name, err := e.setting(ctx, SetProvider, EnvProvider, "sandbox")
	if err != nil {
		return nil, err
	}
	switch strings.ToLower(name) {
	case "sandbox", "":
		return sandbox.New(ctx, e.db, time.Now)
	case "messagebird":
		key := os.Getenv(EnvMBKey)
		if key == "" {
			key, err = loadSecret(e.dir, secretMessageBird)
			if err != nil {
				return nil, err
			}
		}
		if key == "" {
			return nil, errors.New("app: MessageBird is selected but no access key is set (Settings, or " + EnvMBKey + ")")
		}
		url, err := e.setting(ctx, SetMBURL, EnvMBURL, "")
		if err != nil {
			return nil, err
		}
		var timeout time.Duration
		if v := os.Getenv(EnvTimeout); v != "" {
			if timeout, err = time.ParseDuration(v); err != nil {
				return nil, fmt.Errorf("app: %s=%q is not a duration like 15s", EnvTimeout, v)
			}
		}
		return messagebird.New(messagebird.Config{AccessKey: key, BaseURL: url, Timeout: timeout})
	}
	return nil, fmt.Errorf("app: unknown provider %q (use sandbox or messagebird)", name)
}
