package scheduler

import (
	"encoding/csv"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The report's tables as CSV, for a spreadsheet: one header row of stable column
// names (the same in every language), then one row per message, day or month.
// Times are RFC 3339, rates are fractions (0.97), money has a dot and 4 decimals.

// ReportTable names a table of a report.
type ReportTable string

// The tables a report exports.
const (
	TableMessages ReportTable = "messages" // one row per message, then the total
	TableDays     ReportTable = "days"     // deliveries per day by outcome
	TableMonths   ReportTable = "months"   // parts and cost per month
	TableCosts    ReportTable = "costs"    // parts and cost per provider and country
)

// ReportTables lists them, for flags and menus.
var ReportTables = []ReportTable{TableMessages, TableDays, TableMonths, TableCosts}

// WriteCSV writes one of the report's tables.
func (r Report) WriteCSV(w io.Writer, t ReportTable) error {
	cw := csv.NewWriter(w)
	var rows [][]string
	switch t {
	case TableMessages:
		rows = r.messageRows()
	case TableDays:
		rows = [][]string{{"day", "delivered", "waiting_report", "failed", "missed", "skipped", "pending", "cancelled"}}
		for _, d := range r.Days {
			rows = append(rows, []string{d.Day.Format(time.DateOnly), itoa(int64(d.Delivered)), itoa(int64(d.Waiting)),
				itoa(int64(d.Failed)), itoa(int64(d.Missed)), itoa(int64(d.Skipped)), itoa(int64(d.Pending)),
				itoa(int64(d.Cancelled))})
		}
	case TableMonths:
		rows = [][]string{{"month", "parts", "cost"}}
		for _, m := range r.Months {
			rows = append(rows, []string{m.Month.Format("2006-01"), itoa(int64(m.Parts)), money(m.Cost)})
		}
	case TableCosts:
		rows = [][]string{{"provider", "country", "parts", "price_per_part", "cost", "estimate"}}
		for _, c := range r.Costs {
			rows = append(rows, []string{c.Provider, c.Country, itoa(int64(c.Parts)), money(c.PerPart), money(c.Cost),
				strconv.FormatBool(c.Estimate)})
		}
	default:
		return fmt.Errorf("scheduler: no report table %q", t)
	}
	if err := cw.WriteAll(rows); err != nil {
		return fmt.Errorf("scheduler: write the report: %w", err)
	}
	return nil
}

func (r Report) messageRows() [][]string {
	head := []string{"message_id", "kind", "text", "first_sent", "recipients", "pending", "sent", "delivered", "failed",
		"missed", "unconfirmed", "cancelled", "skipped", "skipped_by_reason", "opt_outs", "opt_out_rate", "delivery_rate",
		"parts", "cost"}
	if r.Attributed {
		head = append(head, "orders", "revenue")
	}
	rows := [][]string{head}
	row := func(m MessageReport, id string) []string {
		first := ""
		if !m.FirstSent.IsZero() {
			first = m.FirstSent.Format(time.RFC3339)
		}
		out := []string{id, string(m.Kind), csvSafe(m.Body), first, itoa(int64(m.Recipients)), itoa(int64(m.Pending)),
			itoa(int64(m.Sent)), itoa(int64(m.Delivered)), itoa(int64(m.Failed)), itoa(int64(m.Missed)),
			itoa(int64(m.Unconfirmed)), itoa(int64(m.Cancelled)), itoa(int64(m.SkippedTotal())), reasons(m.Skipped),
			itoa(int64(m.OptOuts)), fraction(m.OptOutRate), fraction(m.DeliveryRate), itoa(int64(m.Parts)), money(m.Cost)}
		if r.Attributed {
			out = append(out, itoa(int64(m.Orders)), money(m.Revenue))
		}
		return out
	}
	for _, m := range r.Messages {
		rows = append(rows, row(m, itoa(m.MessageID)))
	}
	return append(rows, row(r.Total, "total"))
}

// reasons writes skips by reason: "no-consent=2;opted-out=1".
func reasons(m map[string]int) string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		parts = append(parts, k+"="+itoa(int64(m[k])))
	}
	return strings.Join(parts, ";")
}

func fraction(f float64) string { return strconv.FormatFloat(f, 'f', 4, 64) }
func money(f float64) string    { return strconv.FormatFloat(f, 'f', 4, 64) }

// csvSafe keeps a spreadsheet from reading a text as a formula (CSV injection):
// a text starting with = + - @ or a tab gets a leading apostrophe.
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
