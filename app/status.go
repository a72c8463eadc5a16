package app

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"time"

	"fyne.io/fyne/v2/lang"

	"minuit/scheduler"
	"minuit/ui/l10n"
)

func init() {
	commands["status"] = command{func(fs *flag.FlagSet) any { return fs.Bool("json", false, "one JSON object") }, runStatus}
}

// statusView is what `minuit status` says: the provider, whether sending is
// paused and why, the next send, and how many deliveries the provider holds.
type statusView struct {
	Running   bool   `json:"running"` // a background sender runs for this data folder
	Provider  string `json:"provider"`
	Paused    bool   `json:"paused"`
	Reason    string `json:"pause_reason,omitempty"`
	Next      string `json:"next,omitempty"` // the next planned occurrence, RFC 3339
	HandOff   bool   `json:"handoff"`
	HandedOff int    `json:"handed_off"`                // deliveries with the provider, sent even if this computer is off
	Inbound   string `json:"inbound_problem,omitempty"` // why STOP replies are not being read
	Reports   string `json:"report_problem,omitempty"`  // why delivery reports are not being read
}

func runStatus(ctx context.Context, e *env, o any, _ []string, stdout, _ io.Writer) error {
	v := statusView{Provider: providerLabel(ctx, e)}
	ms, err := e.store.Messages(ctx, false)
	if err != nil {
		return err
	}
	var next time.Time
	for _, m := range ms {
		if !m.Next.IsZero() && (next.IsZero() || m.Next.Before(next)) {
			next = m.Next
		}
	}
	if !next.IsZero() {
		v.Next = next.UTC().Format(time.RFC3339)
	}
	if st, ok := askStatus(e.dir); ok {
		v.Running, v.Paused, v.Reason, v.HandOff = true, st.Paused, st.Reason, st.HandOff
		v.Inbound, v.Reports = st.Inbound, st.Reports
	} else {
		where, err := e.sendsFrom(ctx)
		if err != nil {
			return err
		}
		v.HandOff = where.handOff
	}
	counts, err := e.store.HandedOffCounts(ctx)
	if err != nil {
		return err
	}
	for _, n := range counts {
		v.HandedOff += n
	}
	if *o.(*bool) {
		return json.NewEncoder(stdout).Encode(v)
	}
	state := lang.L("sending")
	switch {
	case !v.Running:
		state = lang.L("not running: planned messages leave only while Minuit runs (minuit serve, or the window)")
	case v.Paused && v.Reason != "":
		state = lang.L("paused: {{.Reason}}", map[string]any{"Reason": v.Reason})
	case v.Paused:
		state = lang.L("paused")
	}
	fmt.Fprintln(stdout, lang.L("Provider: {{.Provider}}", map[string]any{"Provider": l10n.Known(v.Provider)}))
	fmt.Fprintln(stdout, lang.L("Sender: {{.State}}", map[string]any{"State": state}))
	if v.Next != "" {
		if t, err := time.Parse(time.RFC3339, v.Next); err == nil {
			fmt.Fprintln(stdout, lang.L("Next send: {{.When}}", map[string]any{"When": t.Local().Format("2006-01-02 15:04")}))
		}
	}
	if v.Inbound != "" {
		fmt.Fprintln(stdout, lang.L("Replies: {{.Problem}}.", map[string]any{"Problem": v.Inbound}))
	}
	if v.Reports != "" {
		fmt.Fprintln(stdout, lang.L("Delivery reports: {{.Problem}}.", map[string]any{"Problem": v.Reports}))
	}
	if v.HandOff {
		fmt.Fprintln(stdout, lang.L("With the provider (sent even if this computer is off): {{.Count}}", map[string]any{"Count": v.HandedOff}))
	} else {
		fmt.Fprintln(stdout, lang.L("Hand-off: off, or the provider cannot plan messages: keep this computer on at the planned times"))
	}
	return nil

}

// leavesFrom says where a planned send will leave from.
type leavesFrom struct {
	handOff bool
	caps    scheduler.Capabilities
}

// sendsFrom reads the configured provider's capabilities and the hand-off setting.
func (e *env) sendsFrom(ctx context.Context) (leavesFrom, error) {
	on, err := e.handOff(ctx)
	if err != nil {
		return leavesFrom{}, err
	}
	prov, err := e.provider(ctx)
	if err != nil {
		return leavesFrom{}, err
	}
	c := prov.Capabilities()
	return leavesFrom{handOff: on && c.ScheduleMax > 0, caps: c}, nil
}

// of says, for an occurrence due at next, "provider" (it goes to the provider's
// scheduler and leaves even if this computer is off) or "computer" (keep it on).
func (l leavesFrom) of(next, now time.Time) string {
	if l.handOff && !next.IsZero() && next.Sub(now) >= l.caps.ScheduleMin {
		return "provider"
	}
	return "computer"
}
