package app

import (
	"context"
	"errors"
	"fmt"
	"minuit/scheduler"
	"os"
	"time"

	"minuit/scheduler/messagebird"
	"minuit/scheduler/sandbox"
	"minuit/ui"
)

// uiDeps adapts the stores and the sender to what the window needs.
func uiDeps(ctx context.Context, e *env) ui.Deps {
	d := ui.Deps{
		Store:         regionAware{e.store, e},
		Wake:          func() { go poke(e.dir, "wake") },
		SaveKey:       func(key string) (string, error) { return saveKey(e.dir, key) },
		TestProvider:  func(ctx context.Context, p ui.ProviderConfig) (string, error) { return testProvider(ctx, e, p) },
		ProviderLabel: providerLabel(ctx, e),
		Zone:          localZone(),
		Autostart:     autostartEnabled,
		SetAutostart: func(enabled, minimised bool) error {
			exe, err := os.Executable()
			if err != nil {
				return fmt.Errorf("app: find minuit: %w", err)
			}
			return setAutostartMode(enabled, minimised, exe, e.dir)
		},
	}
	if e.contacts != nil {
		d.Contacts = e.contacts
	}
	return d
}

// saveKey stores the provider key; where no keychain exists it says so.
func saveKey(dir, key string) (string, error) {
	err := saveSecret(dir, secretMessageBird, key)
	if errors.Is(err, ErrNoKeychain) {
		return "There is no keychain on this computer, so the key is kept in a file only you can read.", nil
	}
	if err != nil {
		return "", err
	}
	return "The key is in the system keychain.", nil
}

// testProvider checks credentials with a balance call.
func testProvider(ctx context.Context, e *env, p ui.ProviderConfig) (string, error) {
	if p.Name == "sandbox" {
		sb, err := sandbox.New(ctx, e.db, time.Now)
		if err != nil {
			return "", err
		}
		if _, err := sb.Balance(ctx); err != nil {
			return "", err
		}
		return "The sandbox answers. Nothing is really sent.", nil
	}
	key := p.Key
	if key == "" {
		k, err := loadSecret(e.dir, secretMessageBird)
		if err != nil {
			return "", err
		}
		key = k
	}
	if key == "" {
		return "", errors.New("app: type the MessageBird access key first")
	}
	prov, err := messagebird.New(messagebird.Config{AccessKey: key, BaseURL: p.BaseURL})
	if err != nil {
		return "", err
	}
	b, err := prov.Balance(ctx)
	if err != nil {
		return "", fmt.Errorf("app: test connection: %w", err)
	}
	return fmt.Sprintf("Connected to MessageBird. Balance: %.2f %s.", b.Amount, b.Type), nil
}

// regionAware passes a new default country to the contacts store at once, so an
// import right after changing it in Settings reads numbers in the new country.
type regionAware struct {
	*scheduler.Store
	e *env
}

func (r regionAware) SetSetting(ctx context.Context, key, value string) error {
	if err := r.Store.SetSetting(ctx, key, value); err != nil {
		return err
	}
	if key == SetRegion && r.e.contacts != nil && value != "" {
		r.e.contacts.SetDefaultRegion(value)
	}
	return nil
}
