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
	"minuit/internal/minuit"
	"minuit/scheduler"
	"minuit/scheduler/providers"
)

// Environment variables, documented in the README.
const (
	EnvData       = "MINUIT_DATA"             // the data folder
	EnvProvider   = "MINUIT_PROVIDER"         // a name of providers.Names(); each provider's own fields are in its catalogue entry
	EnvHandOff    = "MINUIT_HANDOFF"          // "on" (default) or "off"
	EnvOriginator = "MINUIT_ORIGINATOR"       // default sender ID
	EnvTimeout    = "MINUIT_PROVIDER_TIMEOUT" // provider HTTP timeout, e.g. "15s"
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
	db       *db.DB // dbFile: plans, history, settings
	cdb      *db.DB // contactsFile: contacts, groups, consent
	store    *scheduler.Store
	contacts *contacts.Store
}

// openEnv opens the data folder's database, creating it when missing, except while
// a sender holds the folder (a *MissingDatabaseError then).
func openEnv(ctx context.Context, dataFlag string) (*env, error) {
	dir, err := DataDir(dataFlag)
	if err != nil {
		return nil, err
	}
	if err := securePrivate(dir); err != nil {
		return nil, err
	}
	if err := refuseMissing(dir); err != nil {
		return nil, err // never a fresh, empty database beside a running sender
	}
	d, err := db.Open(filepath.Join(dir, dbFile))
	if err != nil {
		return nil, err
	}
	if err := moveContacts(ctx, dir, d); err != nil {
		_ = d.Close()
		return nil, err
	}
	st, err := scheduler.Open(ctx, d, time.Now)
	if err != nil {
		_ = d.Close()
		return nil, err
	}
	cd, err := db.Open(filepath.Join(dir, contactsFile))
	if err != nil {
		_ = d.Close()
		return nil, err
	}
	cs, err := contacts.Open(ctx, cd, time.Now)
	if err != nil {
		_ = errors.Join(d.Close(), cd.Close())
		return nil, err
	}
	e := &env{dir: dir, db: d, cdb: cd, store: st, contacts: cs}
	st.Directory = e.directory() // plans naming an unknown group or contact are refused
	if r, err := st.Setting(ctx, minuit.KeyRegion, ""); err == nil && r != "" {
		cs.SetDefaultRegion(r)
	}
	return e, nil
}

func (e *env) Close() error { return errors.Join(e.db.Close(), e.cdb.Close()) }

// setting reads a setting with an environment override.
func (e *env) setting(ctx context.Context, key, envName, def string) (string, error) {
	if v := os.Getenv(envName); v != "" {
		return v, nil
	}
	return e.store.Setting(ctx, key, def)
}

// provider builds the configured provider (the catalogue in scheduler/providers):
// the sandbox unless another is set up.
func (e *env) provider(ctx context.Context) (scheduler.Provider, error) {
	name, err := e.setting(ctx, minuit.KeyProvider, EnvProvider, providers.Sandbox)
	if err != nil {
		return nil, err
	}
	spec, ok := providers.Find(name)
	if !ok {
		return nil, &providers.UnknownError{Name: name}
	}
	var timeout time.Duration
	if v := os.Getenv(EnvTimeout); v != "" {
		if timeout, err = time.ParseDuration(v); err != nil {
			return nil, fmt.Errorf("app: %s=%q is not a duration like 15s", EnvTimeout, v)
		}
	}
	return spec.Build(ctx, e.fieldValue(ctx, nil), providers.Options{DB: e.db, Now: time.Now, Timeout: timeout})
}

// fieldValue reads a provider field: the environment, then typed (the Settings
// form, when testing before saving), then the keychain or the stored setting.
func (e *env) fieldValue(ctx context.Context, typed map[string]string) providers.Values {
	return func(f providers.Field) (string, error) {
		if v := os.Getenv(f.Env); v != "" {
			return v, nil
		}
		if v := typed[f.Key]; v != "" {
			return v, nil
		}
		if f.Secret {
			return loadSecret(e.dir, f.Key)
		}
		return e.store.Setting(ctx, f.Key, "")
	}
}

// handOff reads whether deliveries are handed to the provider's scheduler
// (default on): MINUIT_HANDOFF=on|off, else the setting.
func (e *env) handOff(ctx context.Context) (bool, error) {
	v, err := e.setting(ctx, minuit.KeyHandOff, EnvHandOff, "on")
	if err != nil {
		return false, err
	}
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "on", "true", "1", "yes", "":
		return true, nil
	case "off", "false", "0", "no":
		return false, nil
	}
	return false, fmt.Errorf("app: %s=%q: use on or off", EnvHandOff, v)
}
