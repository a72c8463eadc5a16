package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"fyne.io/fyne/v2/lang"

	"minuit/internal/minuit"
	"minuit/internal/phone"
	"minuit/internal/usererr"
	"minuit/scheduler/sandbox"
)

func init() {
	commands["consent"] = command{noFlags, runConsent}
}

// consentUsage is `minuit consent`'s help, in the person's language.
func consentUsage() string {
	return strings.Join([]string{
		"minuit consent export FILE.csv      " + lang.L("write every contact's consent history (for an audit)"),
		"minuit consent settings             " + lang.L("show the compliance settings"),
		"minuit consent set KEY VALUE        " + lang.L("change one (see minuit consent settings for the keys)"),
		"minuit consent reply NUMBER TEXT    " + lang.L("sandbox only: simulate a reply such as STOP from NUMBER"),
	}, "\n")
}

func runConsent(ctx context.Context, e *env, _ any, args []string, stdout, _ io.Writer) error {
	if len(args) == 0 {
		return errors.New(lang.L("say what to do:") + "\n" + consentUsage())
	}
	switch sub, rest := args[0], args[1:]; {
	case sub == "export" && len(rest) == 1:
		return exportConsent(ctx, e, rest[0], stdout)
	case sub == "settings" && len(rest) == 0:
		return showRules(ctx, e, stdout)
	case sub == "set" && len(rest) == 2:
		if err := e.store.SetRule(ctx, rest[0], rest[1]); err != nil {
			return err
		}
		poke(e.dir, "wake")
		fmt.Fprintf(stdout, "%s = %s\n", rest[0], rest[1])
		return nil
	case sub == "reply" && len(rest) == 2:
		return simulateReply(ctx, e, rest[0], rest[1], stdout)
	}
	return errors.New(lang.L("{{.Command}} is not a consent command:", map[string]any{"Command": strconv.Quote(strings.Join(args, " "))}) +
		"\n" + consentUsage())
}

func exportConsent(ctx context.Context, e *env, path string, stdout io.Writer) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("app: cannot write %s: %w", path, err)
	}
	if err := e.contacts.WriteConsentCSV(ctx, f); err != nil {
		_ = f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("app: cannot write %s: %w", path, err)
	}
	fmt.Fprintln(stdout, lang.L("wrote {{.Path}}", map[string]any{"Path": path}))
	return nil
}

func showRules(ctx context.Context, e *env, stdout io.Writer) error {
	r, err := e.store.LoadRules(ctx)
	if err != nil {
		return err
	}
	keys := make([]string, 0, len(r.Summary))
	for k := range r.Summary {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	w := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	for _, k := range keys {
		v := r.Summary[k]
		if v == "" {
			v = "(default)"
		}
		fmt.Fprintf(w, "%s\t%s\n", k, v)
	}
	return w.Flush()
}

func simulateReply(ctx context.Context, e *env, from, body string, stdout io.Writer) error {
	p, err := e.provider(ctx)
	if err != nil {
		return err
	}
	sb, ok := p.(*sandbox.Provider)
	if !ok {
		return usererr.Sayf("replies can only be simulated with the sandbox provider")
	}
	region, err := e.store.Setting(ctx, minuit.KeyRegion, phone.DefaultRegion())
	if err != nil {
		return err
	}
	n, err := phone.Normalize(from, region)
	if err != nil {
		return err
	}
	id, err := sb.SimulateReply(ctx, n, body)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, lang.L("reply {{.ID}} from {{.Number}} recorded; Minuit reads replies every few minutes while it runs",
		map[string]any{"ID": id, "Number": n}))

	return nil
}

// skippedLabel writes skips by reason: "3 (2 no-consent, 1 opted-out)".
func skippedLabel(m map[string]int) string {
	total := 0
	var parts []string
	for reason, n := range m {
		total += n
		parts = append(parts, fmt.Sprintf("%d %s", n, reason))
	}
	if total == 0 {
		return "0"
	}
	slices.Sort(parts)
	return fmt.Sprintf("%d (%s)", total, strings.Join(parts, ", "))
}

func percent(rate float64, of int) string {
	if of == 0 {
		return "—"
	}
	return fmt.Sprintf("%.0f %%", rate*100)
}

// Consent makes the contacts directory a scheduler.ConsentLookup: a typed number
// that belongs to a contact follows that contact's consent.
func (d contactDirectory) Consent(ctx context.Context, numbers []string) (map[string]minuit.Recipient, error) {
	out := map[string]minuit.Recipient{}
	for _, n := range numbers {
		c, ok, err := d.cs.ByNumber(ctx, n)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		rs, err := d.Resolve(ctx, []int64{c.ID}, nil)
		if err != nil {
			return nil, err
		}
		r := minuit.Recipient{ContactID: c.ID, Consent: c.Consent.Status, NoMessagesAtAll: c.NoMessages}
		if len(rs) == 1 {
			r = rs[0]
		}
		r.Number = n // the number typed, even if another of the contact's numbers is preferred
		out[n] = r
	}
	return out, nil
}

// optOutHook and optInHook are the engine's Config.OnOptOut and OnOptIn: they
// record a STOP or START reply in the consent history of the contact with that
// number, with the reply as proof. A number that belongs to no contact has
// nothing to record (the scheduler still skips its pending marketing).
func (e *env) optOutHook() func(context.Context, string, string, time.Time) error {
	return e.replyHook(minuit.ConsentOptedOut)
}

func (e *env) optInHook() func(context.Context, string, string, time.Time) error {
	return e.replyHook(minuit.ConsentOptedIn)
}

func (e *env) replyHook(status minuit.Consent) func(context.Context, string, string, time.Time) error {
	return func(ctx context.Context, number, proof string, at time.Time) error {
		c, ok, err := e.contacts.ByNumber(ctx, number)
		if err != nil || !ok {
			return err
		}
		return e.contacts.SetConsentAt(ctx, c.ID, status, "SMS reply", proof, at)
	}
}
