package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"text/tabwriter"
	"time"

	"fyne.io/fyne/v2/lang"

	"minuit/scheduler"
	"minuit/ui/l10n"
)

func init() {
	commands["export"] = command{func(fs *flag.FlagSet) any {
		return fs.String("live", "", lang.L(`keep FOLDER/minuit.ics up to date while Minuit sends ("off" to stop)`))
	}, runExport}
	commands["prices"] = command{noFlags, runPrices}
	commands["delivery-check"] = command{noFlags, runDeliveryCheck}
}

func exportUsage() string {
	return "minuit export ics FILE.ics          " + lang.L("write every planned message as a calendar (- for the standard output)") +
		"\nminuit export ics --live FOLDER      " + lang.L("keep FOLDER/minuit.ics up to date while Minuit sends (off: stop)")
}

func runExport(ctx context.Context, e *env, o any, args []string, stdout, _ io.Writer) error {
	live := *o.(*string)
	switch {
	case len(args) == 1 && args[0] == "ics" && live != "":
		return setLiveFolder(ctx, e, live, stdout)
	case len(args) == 2 && args[0] == "ics" && live == "":
		return writeOut(args[1], stdout, func(w io.Writer) error { return writeICS(ctx, e, w, time.Now()) })
	}
	return errors.New(lang.L("say what to export:") + "\n" + exportUsage())
}

// setLiveFolder turns the live calendar file on in an existing folder, or off.
func setLiveFolder(ctx context.Context, e *env, folder string, stdout io.Writer) error {
	if folder == "off" {
		folder = ""
	} else if abs, err := filepath.Abs(folder); err == nil {
		folder = abs
	}
	path, err := reportsPort{e}.SetLiveFolder(ctx, folder)
	if err != nil {
		return err
	}
	poke(e.dir, "wake")
	if path == "" {
		fmt.Fprintln(stdout, lang.L("The live calendar file is no longer updated."))
		return nil
	}
	fmt.Fprintln(stdout, lang.L("wrote {{.Path}}; Minuit keeps it up to date while it sends", map[string]any{"Path": path}))
	return nil
}

func pricesUsage() string {
	return "minuit prices                           " + lang.L("the price per SMS part by provider and country") +
		"\nminuit prices set PROVIDER COUNTRY PRICE  " + lang.L("e.g. minuit prices set twilio FR 0.075 (* for any)") +
		"\nminuit prices remove PROVIDER COUNTRY     " + lang.L("go back to the built-in estimate")
}

func runPrices(ctx context.Context, e *env, _ any, args []string, stdout, _ io.Writer) error {
	switch {
	case len(args) == 0:
		ps, err := e.store.Prices(ctx)
		if err != nil {
			return err
		}
		w := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(w, lang.L("PROVIDER\tCOUNTRY\tPRICE PER PART\tSOURCE"))
		for _, p := range ps {
			source := lang.L("yours")
			if p.Estimate {
				source = lang.L("built-in estimate")
			}
			fmt.Fprintf(w, "%s\t%s\t%g\t%s\n", p.Provider, p.Country, p.PerPart, source)
		}
		return w.Flush()
	case len(args) == 4 && args[0] == "set":
		p, err := e.store.SetPrice(ctx, args[1], args[2], args[3])
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s %s = %g\n", p.Provider, p.Country, p.PerPart)
		return nil
	case len(args) == 3 && args[0] == "remove":
		return e.store.RemovePrice(ctx, args[1], args[2])
	}
	return errors.New(lang.L("say what to do:") + "\n" + pricesUsage())
}

func checkUsage() string {
	return "minuit delivery-check               " + lang.L("whether the weekly test text is on, and how the last one went") +
		"\nminuit delivery-check on NUMBER     " + lang.L("send a test text to your own phone every Monday at 10:00") +
		"\nminuit delivery-check off           " + lang.L("stop the weekly test text")
}

// deliveryCheckText is the weekly test text, in the person's language.
func deliveryCheckText() string {
	return lang.L("Minuit weekly check: your planned texts are arriving. No need to reply.")
}

func runDeliveryCheck(ctx context.Context, e *env, _ any, args []string, stdout, _ io.Writer) error {
	switch {
	case len(args) == 0:
		c, err := e.store.DeliveryCheckStatus(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintln(stdout, deliveryCheckLine(c))
		return nil
	case len(args) == 2 && args[0] == "on", len(args) == 1 && args[0] == "off":
		number := ""
		if args[0] == "on" {
			number = args[1]
		}
		c, err := reportsPort{e}.SetDeliveryCheck(ctx, number)
		if err != nil {
			return err
		}
		fmt.Fprintln(stdout, deliveryCheckLine(c))
		return nil
	}
	return errors.New(lang.L("say what to do:") + "\n" + checkUsage())
}

// deliveryCheckLine says where the delivery check stands, in one sentence.
func deliveryCheckLine(c scheduler.DeliveryCheck) string {
	switch {
	case c.Number == "":
		return lang.L("The weekly test text is off.")
	case c.Last.ID == 0:
		return lang.L("A test text goes to {{.Number}} every Monday at 10:00; none has left yet.",
			map[string]any{"Number": c.Number})
	}
	return lang.L("A test text goes to {{.Number}} every Monday at 10:00; the last one ({{.Due}}): {{.State}}.",
		map[string]any{"Number": c.Number, "Due": c.Last.Due.Local().Format("2006-01-02 15:04"), "State": l10n.StateLabel(c.Last.State)})
}
