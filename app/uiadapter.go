package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"minuit/internal/minuit"
	"minuit/scheduler"
	"minuit/scheduler/providers"
	"minuit/ui"
	"minuit/ui/l10n"
)

// uiDeps adapts the stores and the sender to what the window needs.
func uiDeps(ctx context.Context, e *env) ui.Deps {
	d := ui.Deps{
		Store:         regionAware{e.store, e},
		Wake:          func() { go poke(e.dir, "wake") },
		SaveSecret:    func(name, v string) (string, error) { return saveProviderSecret(e.dir, name, v) },
		Reload:        func() string { return reloadSender(e.dir) },
		Sending:       func(ctx context.Context) (ui.Sending, error) { return uiSending(ctx, e) },
		TestProvider:  func(ctx context.Context, p ui.ProviderConfig) (string, error) { return testProvider(ctx, e, p) },
		ProviderLabel: providerLabel(ctx, e),
		Zone:          localZone(),
		Backup:        func(ctx context.Context) (string, error) { return backupNow(ctx, e) },
		LastBackup:    func(context.Context) (time.Time, error) { return lastBackup(e.dir) },
		Shop:          shopPort{e},
		Reports:       reportsPort{e},
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
		d.ForgetContact = func(ctx context.Context, id int64) error { return forgetByID(ctx, e, id) }
		d.Plans = plansPort{e}
		d.Forecast = forecastPort{e}
	}
	return d
}

// forecastPort judges messages with the rules and the contacts as they stand
// (scheduler.Forecast), for compose and the calendar.
type forecastPort struct{ e *env }

func (p forecastPort) Draft(ctx context.Context, m scheduler.Message) (scheduler.Forecast, error) {
	return p.e.store.ForecastDraft(ctx, m, p.e.directory())
}

func (p forecastPort) Each(ctx context.Context, m scheduler.Message, at []time.Time) ([]scheduler.Forecast, error) {
	return p.e.store.ForecastEach(ctx, m, p.e.directory(), time.Now(), at)
}

// saveSecret stores a provider secret; where no keychain exists it says so.
func saveProviderSecret(dir, name, value string) (string, error) {
	err := saveSecret(dir, name, value)
	if errors.Is(err, ErrNoKeychain) {
		return lang.L("There is no keychain on this computer, so the key is kept in a file only you can read."), nil
	}
	if err != nil {
		return "", err
	}
	return lang.L("The key is in the system keychain."), nil
}

// testProvider builds the provider from what is typed (a secret left empty: the
// saved one) and checks its credentials with its cheapest authenticated read.
func testProvider(ctx context.Context, e *env, p ui.ProviderConfig) (string, error) {
	spec, ok := providers.Find(p.Name)
	if !ok {
		return "", &providers.UnknownError{Name: p.Name}
	}
	prov, err := spec.Build(ctx, e.fieldValue(ctx, p.Values), providers.Options{DB: e.db, Now: time.Now})
	if err != nil {
		return "", err
	}
	b, err := prov.Balance(ctx)
	if err != nil {
		return "", fmt.Errorf("app: test connection: %w", err)
	}
	switch {
	case spec.Name == providers.Sandbox:
		return lang.L("The sandbox answers. Nothing is really sent."), nil
	case b.Type == "":
		return lang.L("Connected to {{.Provider}}.", map[string]any{"Provider": l10n.Known(spec.Label)}), nil
	}
	return lang.L("Connected to {{.Provider}}. Balance: {{.Amount}} {{.Unit}}.", map[string]any{"Provider": l10n.Known(spec.Label),
		"Amount": l10n.Decimal(b.Amount, 2), "Unit": b.Type}), nil
}

// uiSending tells the window where planned messages leave from with the current
// settings: the provider's scheduler (hand-off) or this computer, and a phone's pace.
func uiSending(ctx context.Context, e *env) (ui.Sending, error) {
	where, err := e.sendsFrom(ctx)
	if err != nil {
		// A provider not set up yet sends nothing ahead: Settings says what is missing.
		return ui.Sending{Provider: providerLabel(ctx, e)}, nil
	}
	s := ui.Sending{HandsOff: where.handOff, ScheduleMin: where.caps.ScheduleMin, Provider: providerLabel(ctx, e)}
	if r := where.caps.Rate; r > 0 && r < 1 {
		s.PerHour, s.Provider = r*3600, lang.L("your phone")

	}
	return s, nil
}

// reloadSender asks the running sender to take the new provider settings; "" when
// it did (or none runs: the next one reads them), else why not.
func reloadSender(dir string) string {
	reply, ok := ask(dir, senderPortFile, "reload")
	if !ok || reply == "ok" {
		return ""
	}
	return strings.TrimPrefix(reply, "error ")
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
	if key == minuit.KeyRegion && r.e.contacts != nil && value != "" {
		r.e.contacts.SetDefaultRegion(value)
	}
	return nil
}
