package app

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"fyne.io/fyne/v2/lang"

	"minuit/internal/minuit"
	"minuit/internal/usererr"
	"minuit/scheduler/automation"
)

// `minuit automations [--json]` lists the shop's automations; `minuit automations
// set NAME on|off [--delay 60m] [--text TEXT] [--kind KIND]` changes one.

func runAutomations(ctx context.Context, e *env, o any, args []string, stdout, _ io.Writer) error {
	opts := o.(*automationOpts)
	switch {
	case len(args) == 0:
		return listAutomations(ctx, e, *opts.json, stdout)
	case args[0] == "set" && len(args) >= 2 && len(args) <= 3:
		return setAutomation(ctx, e, opts, args[1:], stdout)
	}
	return usererr.Say(usererr.NewMsg("Say what to do: minuit automations [--json], or minuit automations set NAME on|off [--delay 60m] [--text TEXT] [--kind KIND].", nil))
}

func setAutomation(ctx context.Context, e *env, opts *automationOpts, args []string, stdout io.Writer) error {
	n, err := automation.ParseName(args[0])
	if err != nil {
		return err
	}
	s, err := automation.Load(ctx, e.store, n)
	if err != nil {
		return err
	}
	changed := false
	if len(args) == 2 {
		switch strings.ToLower(args[1]) {
		case "on":
			s.On = true
		case "off":
			s.On = false
		default:
			return usererr.Say(usererr.NewMsg("Turn an automation on or off, not “{{.Value}}”.", map[string]any{"Value": args[1]}))
		}
		changed = true
	}
	if *opts.delay != "" {
		if s.Delay, err = time.ParseDuration(*opts.delay); err != nil {
			return usererr.Say(usererr.NewMsg("“{{.Value}}” is not a delay such as 60m or 1h30m.", map[string]any{"Value": *opts.delay}))
		}
		changed = true
	}
	if *opts.text != "" {
		if s.Text, err = fromStdin(*opts.text); err != nil {
			return err
		}
		changed = true
	}
	if *opts.kind != "" {
		s.Kind, changed = minuit.Kind(strings.ToLower(*opts.kind)), true
	}
	if !changed {
		return usererr.Say(usererr.NewMsg("Say what to change: on, off, --delay, --text or --kind.", nil))
	}
	if err := automation.Save(ctx, e.store, s); err != nil {
		return err
	}
	state := lang.L("turned off")
	if s.On {
		state = lang.L("turned on")
	}
	fmt.Fprintln(stdout, lang.L("{{.Name}}: {{.State}}, {{.Kind}}, {{.Delay}} after the event.", map[string]any{"Name": string(n),
		"State": state, "Kind": string(s.Kind), "Delay": automation.Duration(s.Delay)}))
	return nil
}

func listAutomations(ctx context.Context, e *env, asJSON bool, stdout io.Writer) error {
	all, err := automation.LoadAll(ctx, e.store)
	if err != nil {
		return err
	}
	stats, err := automation.Counts(ctx, e.store)
	if err != nil {
		return err
	}
	if asJSON {
		return writeJSONLines(stdout, all, func(s automation.Settings) any {
			c := stats[s.Name]
			return map[string]any{"name": s.Name, "on": s.On, "kind": s.Kind, "delay": automation.Duration(s.Delay),
				"delay_s": int64(s.Delay / time.Second), "text": s.Text, "sent": c.Sent, "waiting": c.Waiting,
				"failed": c.Failed, "skipped": c.Skipped, "last_run": rfc3339(c.LastRun)}
		})
	}
	w := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, lang.L("NAME\tSTATE\tKIND\tDELAY\tSENT\tWAITING\tNOT SENT\tLAST RUN"))
	for _, s := range all {
		c := stats[s.Name]
		state, last := lang.L("turned off"), "—"
		if s.On {
			state = lang.L("turned on")
		}
		if !c.LastRun.IsZero() {
			last = c.LastRun.Local().Format("2006-01-02 15:04")
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%d\t%d\t%s\t%s\n", s.Name, state, s.Kind, automation.Duration(s.Delay), c.Sent,
			c.Waiting, skippedLine(c.Skipped), last)
	}
	return w.Flush()
}

// skippedLine is "3 (too-late 2, no-consent 1)", or "0".
func skippedLine(m map[string]int) string {
	total := 0
	var parts []string
	for r, n := range m {
		total += n
		parts = append(parts, fmt.Sprintf("%s %d", r, n))
	}
	if total == 0 {
		return "0"
	}
	sort.Strings(parts)
	return fmt.Sprintf("%d (%s)", total, strings.Join(parts, ", "))
}
