package app

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"minuit/internal/usererr"
	"minuit/scheduler/automation"
	"minuit/scheduler/shopify"
	"minuit/ui/l10n"
)

type shopOpts struct {
	shop, token, clientID, clientSecret *string
	json                                *bool
}

type automationOpts struct {
	json              *bool
	delay, text, kind *string
}

func init() {
	commands["shopify"] = command{func(fs *flag.FlagSet) any {
		return &shopOpts{shop: fs.String("shop", "", lang.L("the store: NAME or NAME.myshopify.com")),
			token:        fs.String("token", "", lang.L("an Admin API access token (\"-\": read it from standard input)")),
			clientID:     fs.String("client-id", "", lang.L("a Dev Dashboard app's client id")),
			clientSecret: fs.String("client-secret", "", lang.L("its client secret (\"-\": read it from standard input)")),
			json:         fs.Bool("json", false, lang.L("one JSON object per line"))}
	}, runShopify}
	commands["automations"] = command{func(fs *flag.FlagSet) any {
		return &automationOpts{json: fs.Bool("json", false, lang.L("one JSON object per line")),
			delay: fs.String("delay", "", lang.L("how long after the event the text leaves, e.g. 60m")),
			text:  fs.String("text", "", lang.L("the template (\"-\": read it from standard input)")),
			kind:  fs.String("kind", "", lang.L("transactional or marketing"))}
	}, runAutomations}
}

func shopifyUsage() error {
	return usererr.Say(usererr.NewMsg("Say what to do: minuit shopify connect --shop NAME (--token TOKEN | --client-id ID --client-secret SECRET), minuit shopify status [--json] or minuit shopify sync.", nil))
}

func runShopify(ctx context.Context, e *env, o any, args []string, stdout, _ io.Writer) error {
	opts := o.(*shopOpts)
	if len(args) != 1 {
		return shopifyUsage()
	}
	switch args[0] {
	case "connect":
		return runShopifyConnect(ctx, e, opts, stdout)
	case "status":
		return runShopifyStatus(ctx, e, *opts.json, stdout)
	case "sync":
		return runShopifySync(ctx, e, stdout)
	}
	return shopifyUsage()
}

// fromStdin reads a secret given as "-" from standard input.
func fromStdin(v string) (string, error) {
	if v != "-" {
		return v, nil
	}
	b, err := io.ReadAll(io.LimitReader(os.Stdin, 64<<10))
	if err != nil {
		return "", fmt.Errorf("app: read standard input: %w", err)
	}
	return strings.TrimSpace(string(b)), nil
}

func runShopifyConnect(ctx context.Context, e *env, opts *shopOpts, stdout io.Writer) error {
	cfg := shopify.Config{Shop: *opts.shop, ClientID: *opts.clientID}
	var err error
	if cfg.Token, err = fromStdin(*opts.token); err != nil {
		return err
	}
	if cfg.ClientSecret, err = fromStdin(*opts.clientSecret); err != nil {
		return err
	}
	switch {
	case cfg.Shop == "":
		return usererr.Say(usererr.NewMsg("Name the store: --shop NAME (as in NAME.myshopify.com).", nil))
	case cfg.Token != "" && (cfg.ClientID != "" || cfg.ClientSecret != ""):
		return usererr.Say(usererr.NewMsg("Give either --token, or --client-id and --client-secret, not both.", nil))
	}
	name, note, err := connectShop(ctx, e, cfg)
	if err != nil {
		return err
	}
	domain, _ := shopify.NormalizeShop(cfg.Shop)
	fmt.Fprintln(stdout, lang.L("Connected to {{.Name}} ({{.Shop}}).", map[string]any{"Name": name, "Shop": domain}))
	if note != "" {
		fmt.Fprintln(stdout, lang.L("There is no keychain on this computer, so the secret is kept in a file only you can read."))
	}
	fmt.Fprintln(stdout, lang.L("Orders placed from now on can trigger texts; turn automations on with: minuit automations set NAME on"))
	return nil
}

func runShopifyStatus(ctx context.Context, e *env, asJSON bool, stdout io.Writer) error {
	st, err := automation.ReadStatus(ctx, e.store)
	if err != nil {
		return err
	}
	cfg, ok, err := e.shopConfig(ctx)
	if err != nil {
		return err
	}
	every, err := shopPollEvery()
	if err != nil {
		return err
	}
	signIn := "none"
	switch {
	case ok && cfg.Token != "":
		signIn = "token"
	case ok && cfg.ClientID != "":
		signIn = "client-credentials"
	}
	if asJSON {
		j := map[string]any{"shop": st.Shop, "name": st.Name, "connected_at": rfc3339(st.ConnectedAt),
			"last_poll": rfc3339(st.LastPoll), "poll_every_s": int64(every / time.Second), "sign_in": signIn, "problem": nil}
		if st.Problem != nil {
			j["problem"] = l10n.Translate(*st.Problem)
		}
		return writeJSONLines(stdout, []map[string]any{j}, func(m map[string]any) any { return m })
	}
	if !ok {
		fmt.Fprintln(stdout, lang.L("No Shopify store is connected: minuit shopify connect --shop NAME --token TOKEN"))
		return nil
	}
	fmt.Fprintln(stdout, lang.L("Store: {{.Shop}}", map[string]any{"Shop": shopLine(st)}))
	if !st.ConnectedAt.IsZero() {
		fmt.Fprintln(stdout, lang.L("Connected since: {{.At}}", map[string]any{"At": st.ConnectedAt.Local().Format("2006-01-02 15:04")}))
	}
	last := lang.L("never")
	if !st.LastPoll.IsZero() {
		last = st.LastPoll.Local().Format("2006-01-02 15:04:05")
	}
	fmt.Fprintln(stdout, lang.L("Last read: {{.At}} (every {{.Every}}, while Minuit sends)", map[string]any{"At": last, "Every": automation.Duration(every)}))
	if st.Problem != nil {
		fmt.Fprintln(stdout, lang.L("Problem: {{.Problem}}", map[string]any{"Problem": l10n.Translate(*st.Problem)}))
	}
	return nil
}

func runShopifySync(ctx context.Context, e *env, stdout io.Writer) error {
	p, err := e.shopPoller(ctx, nil)
	if err != nil {
		return err
	}
	if p == nil {
		return usererr.Say(usererr.NewMsg("No Shopify store is connected: minuit shopify connect --shop NAME --token TOKEN", nil))
	}
	r, err := p.Poll(ctx)
	fmt.Fprintln(stdout, lang.L("Read {{.Customers}} customers, {{.Orders}} orders and {{.Checkouts}} abandoned checkouts; {{.Planned}} texts planned, {{.Skipped}} not sent (minuit history says why).",
		map[string]any{"Customers": r.Customers, "Orders": r.Orders, "Checkouts": r.Checkouts, "Planned": r.Planned, "Skipped": r.Skipped}))
	if r.Planned > 0 {
		poke(e.dir, "wake")
	}
	return err
}

func rfc3339(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.Format(time.RFC3339)
}
