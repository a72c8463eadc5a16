package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"minuit/contacts"
	"minuit/ui/l10n"
)

// PreviewText says what an import would do, in plain words.
func PreviewText(p *contacts.Preview) string {
	var b strings.Builder
	b.WriteString(lang.N("{{.Source}}: {{.Count}} cards read.", p.Cards, map[string]any{"Source": p.Source, "Count": l10n.Int(p.Cards)}) + "\n")
	b.WriteString(lang.L("{{.New}} new · {{.Updated}} updated · {{.Unchanged}} unchanged · {{.Merged}} merged · {{.Skipped}} skipped",
		map[string]any{"New": l10n.Int(p.New), "Updated": l10n.Int(p.Updated), "Unchanged": l10n.Int(p.Unchanged),
			"Merged": l10n.Int(p.Merged), "Skipped": l10n.Int(p.Skipped)}) + "\n")
	if p.Invalid+p.Landlines+p.NoNumber > 0 {
		b.WriteString(lang.L("{{.Invalid}} invalid numbers, {{.Landlines}} landlines, {{.NoNumber}} without a mobile number (kept and flagged)",
			map[string]any{"Invalid": l10n.Int(p.Invalid), "Landlines": l10n.Int(p.Landlines), "NoNumber": l10n.Int(p.NoNumber)}) + "\n")
	}
	for i, pr := range p.Problems {
		if i == 8 {
			b.WriteString(lang.L("… and {{.Count}} more", map[string]any{"Count": l10n.Int(len(p.Problems) - 8 + p.MoreProblems)}) + "\n")
			break
		}
		b.WriteString(lang.L("Line {{.Line}} {{.Name}}: {{.Reason}}", map[string]any{"Line": pr.Line, "Name": pr.Name, "Reason": pr.Reason}) + "\n")
	}
	return b.String()
}

func (t *ContactsTab) onExport() {
	cs := t.m.deps.Contacts
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		background(t.m.tk, func(ctx context.Context) (struct{}, error) {
			defer w.Close()
			return struct{}{}, cs.ExportVCard(ctx, w, nil)
		}, func(_ struct{}, err error) {
			if err != nil {
				t.Status.SetText(lang.L("Export failed: {{.Why}}", map[string]any{"Why": plainError(err)}))
				return
			}
			t.Status.SetText(lang.L("Exported to {{.File}}.", map[string]any{"File": w.URI().Name()}))

		})
	}, t.m.Window)
	d.SetFileName("contacts.vcf")
	d.Show()
}
