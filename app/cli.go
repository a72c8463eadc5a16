package app

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"
	"time"

	"fyne.io/fyne/v2/lang"

	"minuit/internal/usererr"
	"minuit/scheduler"
	"minuit/ui/l10n"
)

type listOpts struct {
	json  *bool
	all   *bool
	limit *int
}

func init() {
	commands["schedule"] = command{func(fs *flag.FlagSet) any {
		return &scheduleOpts{
			to:       fs.String("to", "", "recipients, comma-separated: numbers, group:NAME or contact:ID"),
			at:       fs.String("at", "", `local send time "YYYY-MM-DD HH:MM", or "now"`),
			tz:       fs.String("tz", localZone(), "IANA time zone of --at"),
			deadline: fs.String("deadline", "", `send no later than "YYYY-MM-DD HH:MM" (same zone)`),
			every:    fs.String("every", "", `repeat rule, e.g. "FREQ=WEEKLY;BYDAY=MO"`),
			kind:     fs.String("kind", "transactional", "transactional or marketing"),
			from:     fs.String("from", "", "sender ID (default: the setting)"),
			region:   fs.String("region", "", "country for numbers without +, e.g. FR"),
			birthday: fs.Bool("birthday", false, "send on each contact's birthday at --at's time"),
			textFile: fs.String("text-file", "", `read the text from FILE ("-": standard input) instead of the argument`),
		}
	}, runSchedule}
	listFlags := func(fs *flag.FlagSet) any {
		return &listOpts{json: fs.Bool("json", false, "one JSON object per line"),
			all: fs.Bool("all", false, "include finished and cancelled messages"), limit: fs.Int("limit", 100, "at most N rows")}
	}
	commands["list"] = command{listFlags, runList}
	commands["history"] = command{listFlags, runHistory}
	commands["cancel"] = command{func(fs *flag.FlagSet) any { return fs.Bool("delivery", false, "ID is a delivery") }, runCancel}
	commands["retry"] = command{noFlags, runRetry}
}

func runList(ctx context.Context, e *env, o any, _ []string, stdout, _ io.Writer) error {
	opts := o.(*listOpts)
	ms, err := e.store.Messages(ctx, *opts.all)
	if err != nil {
		return err
	}
	if *opts.json {
		holds, err := e.store.Holds(ctx)
		if err != nil {
			return err
		}
		where, err := e.sendsFrom(ctx)
		if err != nil {
			return err
		}
		handed, err := e.store.HandedOffCounts(ctx)
		if err != nil {
			return err
		}
		now := time.Now()
		forecasts, err := e.forecasts(ctx, ms, now)
		if err != nil {
			return err
		}
		return writeJSONLines(stdout, ms, func(m scheduler.Message) any {
			j := messageJSON(m)
			if h, ok := holds[m.ID]; ok {
				j["held"] = h
			}
			if f, ok := forecasts[m.ID]; ok {
				j["forecast"] = f
			}
			// "provider": it leaves even if this computer is off; "computer": keep it on.
			j["leaves_from"] = where.of(m.Next, now)
			if handed[m.ID] > 0 {
				j["leaves_from"] = "provider"
			}
			j["handed_off"] = handed[m.ID]
			return j
		})
	}
	w := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, lang.L("ID\tNEXT\tREPEAT\tKIND\tTO\tTEXT"))
	for _, m := range ms {
		next := "—"
		if !m.Next.IsZero() {
			next = m.Next.Local().Format("2006-01-02 15:04")
		}
		fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\t%s\n", m.ID, next, repeatLabel(m), l10n.KindLabel(m.Kind), recipientsLabel(m.Recipients), excerpt(m.Body, 40))
	}
	return w.Flush()
}

func messageJSON(m scheduler.Message) map[string]any {
	var next any
	if !m.Next.IsZero() {
		next = m.Next.Format(time.RFC3339)
	}
	var to []string
	for _, r := range m.Recipients {
		to = append(to, refLabel(r))
	}
	return map[string]any{"id": m.ID, "next": next, "status": m.Status, "kind": m.Kind, "at": m.At, "tz": m.TZ,
		"rrule": m.RRule, "birthday": m.Birthday, "deadline_after_s": int64(m.Window / time.Second), "to": to,
		"originator": m.Originator, "body": m.Body}
}

func runHistory(ctx context.Context, e *env, o any, _ []string, stdout, _ io.Writer) error {
	opts := o.(*listOpts)
	ds, _, err := e.store.History(ctx, scheduler.HistoryQuery{Limit: *opts.limit})
	if err != nil {
		return err
	}
	if *opts.json {
		return writeJSONLines(stdout, ds, func(d scheduler.Delivery) any { return deliveryJSON(d) })
	}
	w := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, lang.L("ID\tDUE\tTO\tSTATUS\tPARTS\tERROR"))
	for _, d := range ds {
		fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%d\t%s\n", d.ID, d.Due.Local().Format("2006-01-02 15:04"), d.To, l10n.StateLabel(d.State), d.Segments, d.Error)
	}
	return w.Flush()
}

func runCancel(ctx context.Context, e *env, o any, args []string, stdout, _ io.Writer) error {
	id, err := oneID(args)
	if err != nil {
		return err
	}
	if *o.(*bool) {
		err = e.store.CancelDelivery(ctx, id)
	} else {
		err = e.store.CancelMessage(ctx, id)
	}
	if err != nil {
		return err
	}
	poke(e.dir, "wake")
	fmt.Fprintln(stdout, lang.L("cancelled {{.ID}}", map[string]any{"ID": id}))
	return nil
}

func runRetry(ctx context.Context, e *env, _ any, args []string, stdout, _ io.Writer) error {
	id, err := oneID(args)
	if err != nil {
		return err
	}
	if err := e.store.SendAgain(ctx, id); err != nil {
		return err
	}
	poke(e.dir, "wake")
	fmt.Fprintln(stdout, lang.L("queued {{.ID}}", map[string]any{"ID": id}))
	return nil
}

func oneID(args []string) (int64, error) {
	if len(args) != 1 {
		return 0, usererr.Sayf("give one id")
	}
	id, err := strconv.ParseInt(args[0], 10, 64)
	if err != nil {
		return 0, usererr.Sayf("%q is not an id", args[0])

	}
	return id, nil
}

// deliveryJSON is a delivery as `history --json` prints it: every field present,
// times in RFC 3339 or null.
func deliveryJSON(d scheduler.Delivery) map[string]any {
	t := func(v time.Time) any {
		if v.IsZero() {
			return nil
		}
		return v.Format(time.RFC3339)
	}
	return map[string]any{"id": d.ID, "message_id": d.MessageID, "to": d.To, "status": d.State, "due": t(d.Due),
		"sent_at": t(d.SentAt), "final_at": t(d.FinalAt), "deadline": t(d.Deadline), "reference": d.Reference,
		"provider_id": d.ProviderID, "error": d.Error, "attempts": d.Attempts, "segments": d.Segments,
		"late_ms": d.LateMS, "kind": d.Kind, "contact_id": d.ContactID, "provider": d.Provider,
		"handed_off_at": t(d.HandedOffAt), "body": d.Body, "source": d.Source,
		"policy_reason": d.PolicyReason, "policy_note": d.PolicyNote, "held_until": t(d.HeldUntil)}
}

// writeJSONLines writes one JSON object per line, as every --json flag does.
func writeJSONLines[T any](w io.Writer, xs []T, view func(T) any) error {
	enc := json.NewEncoder(w)
	for _, x := range xs {
		if err := enc.Encode(view(x)); err != nil {
			return err
		}
	}
	return nil
}
