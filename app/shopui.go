package app

import (
	"context"

	"fyne.io/fyne/v2/lang"

	"minuit/internal/usererr"
	"minuit/scheduler/automation"
	"minuit/scheduler/shopify"
	"minuit/ui"
)

// shopPort is the Shop tab's way to the store and its automations (ui.Shop).
type shopPort struct{ e *env }

func (p shopPort) Status(ctx context.Context) (automation.Status, error) {
	return automation.ReadStatus(ctx, p.e.store)
}

func (p shopPort) Login(ctx context.Context) (ui.ShopLogin, error) {
	cfg, _, err := p.e.shopConfig(ctx)
	return ui.ShopLogin{Shop: cfg.Shop, ClientID: cfg.ClientID}, err
}

// Connect tests and keeps a login; a secret left empty is the stored one.
func (p shopPort) Connect(ctx context.Context, l ui.ShopLogin) (string, string, error) {
	cfg := shopify.Config{Shop: l.Shop, Token: l.Token, ClientID: l.ClientID, ClientSecret: l.ClientSecret}
	if cfg.Token == "" && cfg.ClientSecret == "" {
		stored, ok, err := p.e.shopConfig(ctx)
		if err != nil {
			return "", "", err
		}
		if !ok || stored.Token == "" && stored.ClientSecret == "" {
			return "", "", usererr.Say(usererr.NewMsg("Paste the store's access token, or the app's client id and secret.", nil))
		}
		if cfg.ClientID == "" {
			cfg.Token = stored.Token
		}
		if cfg.Token == "" {
			cfg.ClientSecret = stored.ClientSecret
		}
	}
	name, note, err := connectShop(ctx, p.e, cfg)
	if note != "" {
		note = lang.L("There is no keychain on this computer, so the secret is kept in a file only you can read.")
	}
	return name, note, err
}

func (p shopPort) Sync(ctx context.Context) (automation.Result, error) {
	poller, err := p.e.shopPoller(ctx, func() { go poke(p.e.dir, "wake") })
	if err != nil {
		return automation.Result{}, err
	}
	if poller == nil {
		return automation.Result{}, errNoShop
	}
	return poller.Poll(ctx)
}

func (p shopPort) Automations(ctx context.Context) ([]automation.Settings, map[automation.Name]automation.Stats, error) {
	all, err := automation.LoadAll(ctx, p.e.store)
	if err != nil {
		return nil, nil, err
	}
	stats, err := automation.Counts(ctx, p.e.store)
	return all, stats, err
}

func (p shopPort) SaveAutomation(ctx context.Context, s automation.Settings) error {
	return automation.Save(ctx, p.e.store, s)
}

var errNoShop = usererr.Say(usererr.NewMsg("No Shopify store is connected: connect one first.", nil))
