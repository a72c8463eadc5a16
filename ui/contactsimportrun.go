package ui

import (
	"context"
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"

	"minuit/contacts"
	"minuit/ui/l10n"
)

// filePreview is what the check step found in one file.
type filePreview struct {
	uri fyne.URI
	p   *contacts.Preview // nil when err
	err error
}

// checked is the check step's result.
type checked struct {
	files    []filePreview
	warnings []string
}

// showWorking shows the progress of a step that runs.
func (w *ImportWizard) showWorking(stage string) {
	w.Stage.SetText(stage)
	w.Progress.SetValue(0)
	w.setBody(container.NewVBox(w.Stage, w.Progress))
	w.setButtons(w.Cancel)
}

func (w *ImportWizard) showProgress(stage string, v float64) {
	if w.cancel == nil {
		return // the step ended: its result is shown
	}
	w.Stage.SetText(stage)
	w.Progress.SetValue(v)
}

// onNext is step 2: read every file without changing anything, then say what the
// import would do and which planned messages it makes bigger.
func (w *ImportWizard) onNext() {
	files, region, deps := append([]fyne.URI(nil), w.files...), w.region(), w.t.m.deps
	ctx, cancel := context.WithCancel(context.Background())
	w.cancel = cancel
	w.showWorking(lang.L("Reading the files…"))
	backgroundIn(w.t.m.tk, ctx, 0, func(ctx context.Context) (checked, error) {
		var c checked
		var ok []*contacts.Preview
		for i, u := range files {
			p, err := w.preview(ctx, deps.Contacts, u, region, float64(i)/float64(len(files)), 1/float64(len(files)))
			if ctx.Err() != nil {
				c.files = append(c.files, filePreview{uri: u, p: p})
				return c, ctx.Err()
			}
			c.files = append(c.files, filePreview{uri: u, p: p, err: err})
			if p != nil {
				ok = append(ok, p)
			}
		}
		if deps.Plans == nil {
			return c, nil
		}
		plans, err := deps.Plans.ToGroups(ctx)
		if err != nil || len(plans) == 0 {
			return c, err
		}
		gs, err := deps.Contacts.Groups(ctx)
		sizes := map[string]int{}
		for _, g := range gs {
			sizes[contacts.GroupKey(g.Name)] = g.Count
		}
		c.warnings = importWarnings(mergeGroupChanges(ok), sizes, plans)
		return c, err
	}, func(c checked, err error) {
		cancel()
		w.cancel = nil
		w.previews = c.files
		if w.closed {
			w.closePreviews()
			return
		}
		w.showCheck(c, err)
	})
}

// showCheck shows what each file would do and the warnings.
func (w *ImportWizard) showCheck(c checked, err error) {
	var b strings.Builder
	b.WriteString(lang.L("Numbers without + are read as numbers of {{.Country}}.", map[string]any{"Country": w.Country.Selected}) + "\n\n")
	some := false
	for _, fp := range c.files {
		if fp.err != nil {
			b.WriteString(lang.L("Could not read {{.File}}. {{.Why}}", map[string]any{"File": fp.uri.Name(), "Why": plainError(fp.err)}) + "\n\n")
			continue
		}
		some = some || fp.p.New+fp.p.Updated+fp.p.Merged+fp.p.GroupCards > 0
		b.WriteString(PreviewText(fp.p) + "\n")
	}
	w.Summary.SetText(strings.TrimSpace(b.String()))
	warn := strings.Join(c.warnings, "\n")
	if err != nil {
		warn = lang.L("Could not check the planned messages: {{.Why}}", map[string]any{"Why": plainError(err)})
	}
	w.Warning.SetText(warn)
	w.Warning.Hidden = warn == ""
	w.setBody(container.NewVScroll(container.NewVBox(w.Warning, w.Summary)))
	w.Import.Disable()
	if some {
		w.Import.Enable()
	}
	w.setButtons(w.Back, w.Cancel, w.Import)
}

// onImport is step 3: save the files one after the other, each whole or not at
// all. A file after the first is read again just before it is saved, since the
// files before it changed the contacts.
func (w *ImportWizard) onImport() {
	todo := w.previews
	region, cs := w.region(), w.t.m.deps.Contacts
	ctx, cancel := context.WithCancel(context.Background())
	w.cancel = cancel
	w.showWorking(lang.L("Saving…"))
	backgroundIn(w.t.m.tk, ctx, 0, func(ctx context.Context) (imported, error) {
		var sum imported
		n, k := 0, 0
		for _, fp := range todo {
			if fp.p != nil {
				n++
			}
		}
		defer func() {
			for _, fp := range todo {
				if fp.p != nil {
					_ = fp.p.Close()
				}
			}
		}()
		for _, fp := range todo {
			if fp.p == nil {
				continue
			}
			p, err := fp.p, error(nil)
			for try := 0; ; try++ {
				if k > 0 || try > 0 {
					_ = p.Close()
					if p, err = w.preview(ctx, cs, fp.uri, region, float64(k)/float64(n), 1/float64(n)); err != nil {
						return sum, fileError{fp.uri.Name(), err}
					}
				}
				base, name := float64(k), fp.uri.Name()
				res, err := cs.CommitProgress(ctx, p, func(d, total int) {
					stage := lang.L("Saving {{.File}}: {{.Done}} of {{.Total}} cards…", map[string]any{"File": name,
						"Done": l10n.Int(d), "Total": l10n.Int(total)})
					if d >= total {
						stage = lang.L("Saving {{.File}}: updating the search index…", map[string]any{"File": name})
					}
					w.prog.set(stage, (base+float64(d)/float64(max(total, 1)))/float64(n))
				})
				if errors.Is(err, contacts.ErrStale) && try == 0 {
					continue // the contacts changed since the check (a STOP reply): read it again
				}
				if err != nil {
					return sum, fileError{name, err}
				}
				sum.New, sum.Updated = sum.New+res.New, sum.Updated+res.Updated
				break
			}
			k++
			sum.files++
		}
		return sum, nil
	}, func(res imported, err error) {
		cancel()
		w.cancel = nil
		w.previews = nil
		w.showDone(res, err)
	})
}

// imported is what an import saved.
type imported struct {
	New, Updated int
	files        int // files saved whole
}

// fileError is a file that could not be imported.
type fileError struct {
	file string
	err  error
}

func (e fileError) Error() string { return e.file + ": " + e.err.Error() }
func (e fileError) Unwrap() error { return e.err }

// showDone says what was imported, and what not and why.
func (w *ImportWizard) showDone(res imported, err error) {
	t := w.t
	msg := lang.L("Imported: {{.New}} new, {{.Updated}} updated.", map[string]any{"New": l10n.Int(res.New), "Updated": l10n.Int(res.Updated)})
	var fe fileError
	switch {
	case errors.Is(err, context.Canceled):
		msg = lang.L("Import stopped: the file being saved was left out.") + " " + msg
	case errors.As(err, &fe):
		msg = lang.L("Nothing was imported from {{.File}}: {{.Why}}", map[string]any{"File": fe.file, "Why": plainError(fe.err)}) + " " + msg
	case err != nil:
		msg = lang.L("Nothing was imported: {{.Why}}", map[string]any{"Why": plainError(err)})
	}
	if res.files > 0 || err == nil {
		t.Reload()
	}
	t.Status.SetText(msg)
	if w.closed {
		return
	}
	w.Progress.SetValue(1)
	w.Summary.SetText(msg)
	w.setBody(container.NewVBox(w.Progress, w.Summary))
	w.setButtons(w.Close)
}
