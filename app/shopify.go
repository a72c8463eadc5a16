package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/zalando/go-keyring"

	"minuit/contacts"
	"minuit/internal/minuit"
	"minuit/internal/phone"
	"minuit/internal/usererr"
	"minuit/scheduler"
	"minuit/scheduler/automation"
	"minuit/scheduler/shopify"
)

// Environment overrides of the Shopify connection, for headless use and tests.
const (
	EnvShopifyShop         = "MINUIT_SHOPIFY_SHOP"
	EnvShopifyToken        = "MINUIT_SHOPIFY_TOKEN"
	EnvShopifyClientID     = "MINUIT_SHOPIFY_CLIENT_ID"
	EnvShopifyClientSecret = "MINUIT_SHOPIFY_CLIENT_SECRET"
	EnvShopifyURL          = "MINUIT_SHOPIFY_URL"  // replaces https://{shop}
	EnvShopifyPoll         = "MINUIT_SHOPIFY_POLL" // how often the store is read, e.g. 5s; default 60s
)

// defaultShopPoll is how often the background sender reads the store.
const defaultShopPoll = 60 * time.Second

// shopConfig is the connection as the environment, the settings and the keychain
// give it; ok is false when no store is set up.
func (e *env) shopConfig(ctx context.Context) (cfg shopify.Config, ok bool, err error) {
	if cfg.Shop, err = e.setting(ctx, automation.KeyShop, EnvShopifyShop, ""); err != nil || cfg.Shop == "" {
		return cfg, false, err
	}
	cfg.BaseURL = os.Getenv(EnvShopifyURL)
	cfg.Token, cfg.ClientID, cfg.ClientSecret = os.Getenv(EnvShopifyToken), os.Getenv(EnvShopifyClientID), os.Getenv(EnvShopifyClientSecret)
	if cfg.Token == "" && cfg.ClientID == "" {
		if cfg.Token, err = loadSecret(e.dir, automation.SecretToken); err != nil {
			return cfg, false, err
		}
		if cfg.ClientID, err = e.store.Setting(ctx, automation.KeyClientID, ""); err != nil {
			return cfg, false, err
		}
	}
	if cfg.Token == "" && cfg.ClientSecret == "" {
		if cfg.ClientSecret, err = loadSecret(e.dir, automation.SecretClientSecret); err != nil {
			return cfg, false, err
		}
	}
	return cfg, true, nil
}

// shopPollEvery reads MINUIT_SHOPIFY_POLL (at least a second).
func shopPollEvery() (time.Duration, error) {
	v := os.Getenv(EnvShopifyPoll)
	if v == "" {
		return defaultShopPoll, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d < time.Second {
		return 0, usererr.Say(usererr.NewMsg("{{.Var}}={{.Value}} is not a duration of at least a second, such as 60s.",
			map[string]any{"Var": EnvShopifyPoll, "Value": v}))
	}
	return d, nil
}

// shopPoller builds a poller of the configured store, or nil when none is.
func (e *env) shopPoller(ctx context.Context, wake func()) (*automation.Poller, error) {
	cfg, ok, err := e.shopConfig(ctx)
	if err != nil || !ok {
		return nil, err
	}
	c, err := shopify.New(cfg)
	if err != nil {
		return nil, err
	}
	region, err := e.store.Setting(ctx, minuit.KeyRegion, phone.DefaultRegion())
	if err != nil {
		return nil, err
	}
	return &automation.Poller{Store: e.store, Shop: c, Customers: contactSink{e.contacts}, Region: region, Wake: wake}, nil
}

// contactSink keeps the store's customers in the contacts (automation.CustomerSink).
type contactSink struct{ cs *contacts.Store }

func (s contactSink) SyncCustomers(ctx context.Context, cs []shopify.Customer) error {
	in := make([]contacts.ShopifyCustomer, len(cs))
	for i, c := range cs {
		in[i] = contacts.ShopifyCustomer{ID: c.ID, FirstName: c.FirstName, LastName: c.LastName, Email: c.Email,
			Phone: c.Phone, Tags: c.Tags, SMS: smsConsent(c.SMSState), SMSAt: c.SMSUpdatedAt, UpdatedAt: c.UpdatedAt}
	}
	_, err := s.cs.SyncShopify(ctx, in)
	return err
}

// smsConsent is what a Shopify SMS marketing state says of consent: subscribed is
// an opt-in, unsubscribed (or erased) an opt-out; the rest say nothing.
func smsConsent(state string) minuit.Consent {
	switch state {
	case shopify.SMSSubscribed:
		return minuit.ConsentOptedIn
	case shopify.SMSUnsubscribed, shopify.SMSRedacted:
		return minuit.ConsentOptedOut
	}
	return ""
}

// shopOwner is the background sender's Shopify poller: one goroutine, stopped
// with the sender's context.
type shopOwner struct{ done chan struct{} }

// Wait blocks until the poller has stopped.
func (o *shopOwner) Wait() { <-o.done }

// shopClock is the poller's clock; tests replace it.
var shopClock scheduler.Clock = scheduler.RealClock{}

// startShopify reads the connected store every MINUIT_SHOPIFY_POLL (60 s) until
// ctx ends; wake tells the engine that texts were planned. The settings are read
// again at each poll, so a store connected while Minuit runs is read at the next
// one; the client (its token and what it knows of the bucket) is kept while they
// do not change. A problem is logged once until it changes.
func startShopify(ctx context.Context, e *env, wake func(), log *slog.Logger) *shopOwner {
	o := &shopOwner{done: make(chan struct{})}
	go func() {
		defer close(o.done)
		every, err := shopPollEvery()
		if err != nil {
			log.Error("the Shopify store is not read", "err", usererr.Sentence(err))
			return
		}
		var p *automation.Poller
		var cfg shopify.Config
		said := ""
		for {
			now, ok, err := e.shopConfig(ctx)
			if err == nil && ok && (p == nil || now != cfg) {
				cfg = now
				p, err = e.shopPoller(ctx, wake)
			}
			if !ok {
				p = nil
			}
			if err == nil && p != nil {
				_, err = p.Poll(ctx)
			}
			if ctx.Err() != nil {
				return
			}
			if msg := errText(err); msg != said {
				said = msg
				if err != nil {
					log.Warn("the Shopify store could not be read", "err", msg)
				}
			}
			t := shopClock.NewTimer(every)
			select {
			case <-ctx.Done():
				t.Stop()
				return
			case <-t.C():
			}
		}
	}()
	return o
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return usererr.Sentence(err)
}

// connectShop tests a connection and, when the store answers, keeps it: the
// secrets in the keychain, the store and client id in the settings. It returns
// the store's name and a note about where the secret went ("" in the keychain).
func connectShop(ctx context.Context, e *env, cfg shopify.Config) (string, string, error) {
	if u := os.Getenv(EnvShopifyURL); u != "" && cfg.BaseURL == "" {
		cfg.BaseURL = u
	}
	c, err := shopify.New(cfg)
	if err != nil {
		return "", "", err
	}
	info, err := c.Shop(ctx)
	if err != nil {
		return "", "", err
	}
	secret, clear := automation.SecretToken, automation.SecretClientSecret
	value, clientID := cfg.Token, ""
	if cfg.Token == "" {
		secret, clear, value, clientID = automation.SecretClientSecret, automation.SecretToken, cfg.ClientSecret, cfg.ClientID
	}
	note := ""
	if err := saveSecret(e.dir, secret, value); errors.Is(err, ErrNoKeychain) {
		note = "no-keychain"
	} else if err != nil {
		return "", "", err
	}
	if err := deleteSecret(e.dir, clear); err != nil {
		return "", "", err
	}
	if err := e.store.SetSetting(ctx, automation.KeyClientID, clientID); err != nil {
		return "", "", err
	}
	if err := automation.Connect(ctx, e.store, c.Domain(), info.Name); err != nil {
		return "", "", err
	}
	return info.Name, note, nil
}

// shopLine is the store as one line: "Ma Boutique (ma-boutique.myshopify.com)".
func shopLine(st automation.Status) string {
	if st.Name == "" {
		return st.Shop
	}
	return fmt.Sprintf("%s (%s)", st.Name, strings.TrimSpace(st.Shop))
}

// deleteSecret removes a secret from the keychain and its fallback file; one that
// is not there is fine.
func deleteSecret(dir, name string) error {
	if err := keyring.Delete(keyringService, name); err != nil && !errors.Is(err, keyring.ErrNotFound) {
		slog.Debug("keychain entry not removed", "name", name, "err", err) // no keychain here: the file is what counts
	}
	if err := os.Remove(secretFile(dir, name)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("app: remove secret: %w", err)
	}
	return nil
}

// shopAttribution is revenue per campaign for the reports: the connected shop's
// orders (scheduler.NoAttribution while none is connected).
func (e *env) shopAttribution() scheduler.Attribution {
	shop, err := e.setting(context.Background(), automation.KeyShop, EnvShopifyShop, "")
	if err != nil || shop == "" {
		return scheduler.NoAttribution{}
	}
	return scheduler.ShopAttribution{Store: e.store, Shop: true}
}
