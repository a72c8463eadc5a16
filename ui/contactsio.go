package ui

import (
	"context"
	"fmt"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"minuit/contacts"
)

// PreviewText says what an import would do, in plain words.
func PreviewText(p *contacts.Preview) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d cards read.\n", p.Source, p.Cards)
	fmt.Fprintf(&b, "%d new · %d updated · %d unchanged · %d merged · %d skipped\n", p.New, p.Updated, p.Unchanged, p.Merged, p.Skipped)
	if p.Invalid+p.Landlines+p.NoNumber > 0 {
		fmt.Fprintf(&b, "%d invalid numbers, %d landlines, %d without a mobile number (kept and flagged)\n", p.Invalid, p.Landlines, p.NoNumber)
	}
	for i, pr := range p.Problems {
		if i == 8 {
			fmt.Fprintf(&b, "… and %d more\n", len(p.Problems)-8+p.MoreProblems)
			break
		}
		fmt.Fprintf(&b, "Line %d %s: %s\n", pr.Line, pr.Name, pr.Reason)
	}
	return b.String()
}

// onImport: file dialog → preview → confirm → commit.
func (t *ContactsTab) onImport() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		t.ImportFrom(r, r.URI().Name())
	}, t.m.Window)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".vcf", ".csv", ".vcard"}))
	d.Show()
}

// ImportFrom previews r, then asks to confirm.
func (t *ContactsTab) ImportFrom(r io.ReadCloser, name string) {
	cs := t.m.deps.Contacts
	t.Status.SetText("Reading " + name + "…")
	background(t.m.tk, func(ctx context.Context) (*contacts.Preview, error) {
		defer r.Close()
		return cs.Preview(ctx, r, contacts.ImportOptions{Source: name})
	}, func(p *contacts.Preview, err error) {
		if err != nil {
			t.Status.SetText("Could not read the file: " + plainError(err))
			return
		}
		t.Status.SetText("")
		lbl := widget.NewLabel(PreviewText(p))
		lbl.Wrapping = fyne.TextWrapWord
		dlg := dialog.NewCustomConfirm("Import contacts", "Import", "Cancel", lbl, func(ok bool) {
			if !ok {
				_ = p.Close()
				return
			}
			t.commit(p)
		}, t.m.Window)
		dlg.Resize(fyne.NewSize(520, 360))
		dlg.Show()
	})
}

func (t *ContactsTab) commit(p *contacts.Preview) {
	cs := t.m.deps.Contacts
	background(t.m.tk, func(ctx context.Context) (contacts.Result, error) { return cs.Commit(ctx, p) },
		func(res contacts.Result, err error) {
			if err != nil {
				t.Status.SetText("Nothing was imported: " + plainError(err))
				return
			}
			t.Status.SetText(fmt.Sprintf("Imported: %d new, %d updated.", res.New, res.Updated))
			t.Reload()
		})
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
				t.Status.SetText("Export failed: " + plainError(err))
				return
			}
			t.Status.SetText("Exported to " + w.URI().Name() + ".")
		})
	}, t.m.Window)
	d.SetFileName("contacts.vcf")
	d.Show()
}
