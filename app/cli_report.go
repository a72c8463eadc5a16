package app

import (
	"context"
	"flag"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"fyne.io/fyne/v2/lang"

	"minuit/internal/usererr"
	"minuit/scheduler"
	"minuit/ui"
	"minuit/ui/charts"
)

type reportOpts struct {
	json                            *bool
	csv, table, chart, kind, period *string
}

func init() {
	commands["report"] = command{func(fs *flag.FlagSet) any {
		return &reportOpts{
			json:   fs.Bool("json", false, lang.L("one JSON object per line")),
			csv:    fs.String("csv", "", lang.L("write the table as CSV to FILE (- for the standard output)")),
			table:  fs.String("table", string(scheduler.TableMessages), lang.L("the table --csv writes: messages, days, months or costs")),
			chart:  fs.String("chart", "", lang.L("draw a chart into FILE.png")),
			kind:   fs.String("kind", string(ui.ChartDeliveries), lang.L("the chart --chart draws: deliveries, opt-outs or cost")),
			period: fs.String("period", "", lang.L(`7d, 30d, 90d (any number of days), "all", or FROM..TO as YYYY-MM-DD..YYYY-MM-DD`)),
		}
	}, runReport}
}

func runReport(ctx context.Context, e *env, o any, args []string, stdout, _ io.Writer) error {
	opts := o.(*reportOpts)
	var ids []int64
	for _, a := range args {
		id, err := strconv.ParseInt(a, 10, 64)
		if err != nil {
			return usererr.Say(usererr.NewMsg("{{.ID}} is not a message id.", map[string]any{"ID": strconv.Quote(a)}))
		}
		ids = append(ids, id)
	}
	period := *opts.period
	if period == "" && *opts.chart != "" {
		period = "30d" // a chart of all time is rarely what one wants
	}
	from, to, err := parsePeriod(period, time.Now(), time.Local)
	if err != nil {
		return err
	}
	rep, err := e.store.Report(ctx, scheduler.ReportQuery{From: from, To: to, MessageIDs: ids, Loc: time.Local,
		Attribution: e.attribution()})
	if err != nil {
		return err
	}
	if *opts.csv != "" || *opts.chart != "" {
		return exportReport(rep, opts, stdout)
	}
	if *opts.json {
		return writeJSONLines(stdout, rep.Messages, func(r scheduler.MessageReport) any { return r })
	}
	w := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, lang.L("ID\tKIND\tRECIPIENTS\tSENT\tDELIVERED\tFAILED\tSKIPPED\tOPT-OUTS\tDELIVERY RATE\tTEXT"))
	for _, r := range rep.Messages {
		fmt.Fprintf(w, "%d\t%s\t%d\t%d\t%d\t%d\t%s\t%d\t%s\t%s\n", r.MessageID, r.Kind, r.Recipients, r.Sent, r.Delivered,
			r.Failed, skippedLabel(r.Skipped), r.OptOuts, percent(r.DeliveryRate, r.Sent), excerpt(r.Body, 30))
	}
	return w.Flush()
}

// exportReport writes the report's CSV table and chart, as asked.
func exportReport(rep scheduler.Report, opts *reportOpts, stdout io.Writer) error {
	if path := *opts.csv; path != "" {
		t := scheduler.ReportTable(*opts.table)
		if !slices.Contains(scheduler.ReportTables, t) {
			return usererr.Say(usererr.NewMsg("There is no table “{{.Table}}”: use messages, days, months or costs.",
				map[string]any{"Table": *opts.table}))
		}
		if err := writeOut(path, stdout, func(w io.Writer) error { return rep.WriteCSV(w, t) }); err != nil {
			return err
		}
	}
	if path := *opts.chart; path != "" {
		k := ui.ChartKind(*opts.kind)
		if !slices.Contains(ui.ChartKinds, k) {
			return usererr.Say(usererr.NewMsg("There is no chart “{{.Kind}}”: use deliveries, opt-outs or cost.",
				map[string]any{"Kind": *opts.kind}))
		}
		img, err := ui.DrawChart(k, rep, ui.ChartFileStyle())
		if err != nil {
			return err
		}
		b, err := charts.PNG(img)
		if err != nil {
			return err
		}
		if err := writeOut(path, stdout, func(w io.Writer) error { _, err := w.Write(b); return err }); err != nil {
			return err
		}
	}
	return nil
}

// writeOut writes a file whole (never half: see saveWhole) and says so, or
// to stdout for "-".
func writeOut(path string, stdout io.Writer, write func(io.Writer) error) error {
	if path == "-" {
		return write(stdout)
	}
	if err := saveWhole(path, write); err != nil {
		return err
	}
	fmt.Fprintln(stdout, lang.L("wrote {{.Path}}", map[string]any{"Path": path}))
	return nil
}

// maxPeriodDays bounds "Nd": 27 years.
const maxPeriodDays = 10_000

// parsePeriod reads --period: "" or "all" (no bounds), "Nd" (the last N days,
// today included, from local midnight), or "FROM..TO" (whole days, both included).
func parsePeriod(s string, now time.Time, loc *time.Location) (time.Time, time.Time, error) {
	s = strings.TrimSpace(strings.ToLower(s))
	midnight := func(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc) }
	today := midnight(now.In(loc))
	tomorrow := time.Date(today.Year(), today.Month(), today.Day()+1, 0, 0, 0, 0, loc)
	bad := usererr.Say(usererr.NewMsg("The period “{{.Period}}” is not 7d, 30d, 90d, all or YYYY-MM-DD..YYYY-MM-DD.",
		map[string]any{"Period": s}))
	switch {
	case s == "" || s == "all":
		return time.Time{}, time.Time{}, nil
	case strings.HasSuffix(s, "d") && !strings.Contains(s, ".."):
		n, err := strconv.Atoi(strings.TrimSuffix(s, "d"))
		if err != nil || n < 1 || n > maxPeriodDays {
			return time.Time{}, time.Time{}, bad
		}
		return time.Date(today.Year(), today.Month(), today.Day()-(n-1), 0, 0, 0, 0, loc), tomorrow, nil
	}
	a, b, ok := strings.Cut(s, "..")
	if !ok {
		return time.Time{}, time.Time{}, bad
	}
	from, err1 := time.ParseInLocation(time.DateOnly, a, loc)
	last, err2 := time.ParseInLocation(time.DateOnly, b, loc)
	if err1 != nil || err2 != nil || last.Before(from) || last.Sub(from) > maxPeriodDays*24*time.Hour {
		return time.Time{}, time.Time{}, bad
	}
	return from, time.Date(last.Year(), last.Month(), last.Day()+1, 0, 0, 0, 0, loc), nil
}

// attribution is what a connected shop credits messages with (shopAttribution,
// app/shopify.go: the Shopify connection of issue 13).
func (e *env) attribution() scheduler.Attribution { return e.shopAttribution() }
