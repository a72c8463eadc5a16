package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"minuit/scheduler"
	"minuit/ui/l10n"
)

// reportColumn is one column of the report table: its title, width and how a row
// (a message, or the total) reads in it.
type reportColumn struct {
	title string
	width float32
	cell  func(m scheduler.MessageReport) string
}

// reportColumns are the table's columns; Orders and Revenue only with a shop.
func reportColumns(rep scheduler.Report) []reportColumn {
	count := func(f func(scheduler.MessageReport) int) func(scheduler.MessageReport) string {
		return func(m scheduler.MessageReport) string { return l10n.Int(f(m)) }
	}
	cols := []reportColumn{
		{lang.L("Message"), 240, func(m scheduler.MessageReport) string {
			if m.MessageID == 0 {
				return lang.L("Total")
			}
			return fmt.Sprintf("#%d %s", m.MessageID, oneLine(m.Body, 30))
		}},
		{lang.L("Kind"), 130, func(m scheduler.MessageReport) string {
			if m.Kind == "" {
				return ""
			}
			return l10n.KindLabel(m.Kind)
		}},
		{lang.L("Recipients"), 90, count(func(m scheduler.MessageReport) int { return m.Recipients })},
		{lang.L("Sent"), 70, count(func(m scheduler.MessageReport) int { return m.Sent })},
		{lang.L("Delivered"), 80, count(func(m scheduler.MessageReport) int { return m.Delivered })},
		{lang.L("Failed"), 70, count(func(m scheduler.MessageReport) int { return m.Failed + m.Missed + m.Unconfirmed })},
		{lang.L("Skipped"), 80, count(scheduler.MessageReport.SkippedTotal)},
		{lang.L("Opt-outs"), 80, count(func(m scheduler.MessageReport) int { return m.OptOuts })},
		{lang.L("Delivery rate"), 100, func(m scheduler.MessageReport) string {
			if m.Sent == 0 {
				return "—"
			}
			return l10n.Percent(m.DeliveryRate)
		}},
		{lang.L("Cost"), 80, func(m scheduler.MessageReport) string { return l10n.Decimal(m.Cost, 2) }},
	}
	if rep.Attributed {
		cols = append(cols,
			reportColumn{lang.L("Orders"), 70, count(func(m scheduler.MessageReport) int { return m.Orders })},
			reportColumn{lang.L("Revenue"), 90, func(m scheduler.MessageReport) string { return l10n.Decimal(m.Revenue, 2) }})
	}
	return cols
}

// oneLine is the start of a text on one line.
func oneLine(s string, n int) string {
	r := []rune(s)
	for i, c := range r {
		if c == '\n' || c == '\r' || c == '\t' {
			r[i] = ' '
		}
	}
	if len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return string(r)
}

// row is the table's row i: the total first, then each message.
func (r *ReportsTab) row(i int) scheduler.MessageReport {
	if i == 0 {
		return r.Report.Total
	}
	return r.Report.Messages[i-1]
}

func (r *ReportsTab) newTable() *widget.Table {
	t := widget.NewTableWithHeaders(
		func() (int, int) {
			if len(r.Report.Messages) == 0 {
				return 0, len(reportColumns(r.Report))
			}
			return len(r.Report.Messages) + 1, len(reportColumns(r.Report))
		},
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			cols, l := reportColumns(r.Report), o.(*widget.Label)
			if id.Col >= len(cols) || id.Row > len(r.Report.Messages) {
				l.SetText("")
				return
			}
			l.TextStyle.Bold = id.Row == 0
			l.SetText(cols[id.Col].cell(r.row(id.Row)))
		})
	t.ShowHeaderColumn = false
	t.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		cols := reportColumns(r.Report)
		if id.Row < 0 && id.Col >= 0 && id.Col < len(cols) {
			o.(*widget.Label).SetText(cols[id.Col].title)
		}
	}
	// Each column as wide as its width or its title in the person's language.
	for i, c := range reportColumns(scheduler.Report{Attributed: true}) {
		title := widget.NewLabelWithStyle(c.title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		t.SetColumnWidth(i, max(c.width, title.MinSize().Width))
	}
	return t
}

// CellText is what the table shows at a row (0: the total) and column; tests read it.
func (r *ReportsTab) CellText(row, col int) string {
	cols := reportColumns(r.Report)
	if col >= len(cols) || row > len(r.Report.Messages) {
		return ""
	}
	return cols[col].cell(r.row(row))
}
