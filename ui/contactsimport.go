package ui

import (
	"context"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"minuit/internal/minuit"
)

// importExts are the files an import takes.
var importExts = []string{".vcf", ".vcard", ".csv"}

// ImportWizard imports contact files in three short steps: choose the files (or
// drop them on the window) and the country of the numbers written without +;
// check what the import would do, with a warning when it grows a group a planned
// message sends to; import them one after the other, with a progress bar. Its
// work runs under one context that Cancel stops.
type ImportWizard struct {
	t         *ContactsTab
	files     []fyne.URI
	countries countries
	previews  []filePreview
	cancel    context.CancelFunc // stops the running step; nil when none runs
	prog      *progress
	closed    bool

	Files     *widget.Label    // how many files, or why none
	Removes   []*widget.Button // one a file: takes it out
	fileList  *fyne.Container
	AddFile   *widget.Button
	AddFolder *widget.Button
	Country   *widget.Select
	Summary   *widget.Label
	Warning   *widget.Label
	Stage     *widget.Label
	Progress  *widget.ProgressBar
	Back      *widget.Button
	Next      *widget.Button
	Import    *widget.Button
	Cancel    *widget.Button
	Close     *widget.Button
	Dialog    *dialog.CustomDialog
	body      *fyne.Container
}

// openImport opens the wizard on its first step, with files if some were dropped;
// files dropped while it is open join the others on that step, and wait for the
// next import on the later ones.
func (t *ContactsTab) openImport(files []fyne.URI) {
	if w := t.Wizard; w != nil && !w.closed {
		if w.cancel == nil && w.previews == nil {
			w.add(files...)
		}
		return
	}
	w := &ImportWizard{t: t, countries: newCountries()}
	w.prog = &progress{live: t.m.tk.queue == nil, show: w.showProgress}
	w.Files = widget.NewLabel("")
	w.Files.Wrapping = fyne.TextWrapWord
	w.fileList = container.NewVBox()
	w.AddFile = widget.NewButtonWithIcon(lang.L("Add a file…"), theme.FileIcon(), w.onAddFile)
	w.AddFolder = widget.NewButtonWithIcon(lang.L("Add a folder…"), theme.FolderOpenIcon(), w.onAddFolder)
	w.Country = widget.NewSelect(w.countries.Names, nil)
	w.Summary = widget.NewLabel("")
	w.Summary.Wrapping = fyne.TextWrapWord
	w.Warning = widget.NewLabel("")
	w.Warning.Wrapping = fyne.TextWrapWord
	w.Warning.Importance = widget.WarningImportance
	w.Stage = widget.NewLabel("")
	w.Stage.Wrapping = fyne.TextWrapWord
	w.Progress = widget.NewProgressBar()
	w.Back = widget.NewButtonWithIcon(lang.L("Back"), theme.NavigateBackIcon(), w.onBack)
	w.Next = widget.NewButtonWithIcon(lang.L("Next"), theme.NavigateNextIcon(), w.onNext)
	w.Next.Importance = widget.HighImportance
	w.Import = widget.NewButtonWithIcon(lang.L("Import"), theme.ConfirmIcon(), w.onImport)
	w.Import.Importance = widget.HighImportance
	w.Cancel = widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), w.onCancel)
	w.Close = widget.NewButtonWithIcon(lang.L("Close"), theme.ConfirmIcon(), w.onCancel)
	w.body = container.NewStack()
	w.Dialog = dialog.NewCustomWithoutButtons(lang.L("Import contacts"), w.body, t.m.Window)
	w.Dialog.Resize(fyne.NewSize(680, 520))
	t.Wizard = w
	w.showChoose()
	w.add(files...)
	w.loadRegion()
	w.Dialog.Show()
}

// loadRegion chooses the data folder's default country (Settings), or the
// computer's when none is set.
func (w *ImportWizard) loadRegion() {
	st, def := w.t.m.deps.Store, w.t.m.deps.Contacts.DefaultRegion()
	background(w.t.m.tk, func(ctx context.Context) (string, error) {
		return st.Setting(ctx, minuit.KeyRegion, def)
	}, func(code string, err error) {
		if err != nil || w.countries.name(code) == "" {
			code = def
		}
		if w.Country.Selected == "" {
			w.Country.SetSelected(w.countries.name(code))
		}
	})
}

// region is the chosen country's code.
func (w *ImportWizard) region() string { return w.countries.code(w.Country.Selected) }

func (w *ImportWizard) setButtons(bs ...*widget.Button) {
	objs := make([]fyne.CanvasObject, len(bs))
	for i, b := range bs {
		objs[i] = b
	}
	w.Dialog.SetButtons(objs)
}

func (w *ImportWizard) setBody(o fyne.CanvasObject) {
	w.body.Objects = []fyne.CanvasObject{o}
	w.body.Refresh()
}

// showChoose is step 1: the files and the country.
func (w *ImportWizard) showChoose() {
	note := widget.NewLabel(lang.L("Numbers written without + (such as 06 12 34 56 78) are read as numbers of this country."))
	note.Wrapping = fyne.TextWrapWord
	note.Importance = widget.LowImportance
	form := widget.NewForm(widget.NewFormItem(lang.L("Country of the numbers"), w.Country))
	top := container.NewVBox(container.NewHBox(w.AddFile, w.AddFolder), form, note, widget.NewSeparator())
	w.setBody(container.NewBorder(top, nil, nil, nil, container.NewVScroll(container.NewVBox(w.Files, w.fileList))))
	w.setButtons(w.Cancel, w.Next)
	w.showFiles()
}

// add adds files that can be imported and are not listed yet.
func (w *ImportWizard) add(files ...fyne.URI) {
	for _, f := range files {
		dup := false
		for _, g := range w.files {
			dup = dup || g.String() == f.String()
		}
		if !dup && importable(f) {
			w.files = append(w.files, f)
		}
	}
	w.showFiles()
}

// showFiles lists the files, each with a button that takes it out.
func (w *ImportWizard) showFiles() {
	w.fileList.RemoveAll()
	w.Removes = w.Removes[:0]
	for _, f := range w.files {
		rm := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
			w.files = slices.DeleteFunc(w.files, func(g fyne.URI) bool { return g.String() == f.String() })
			w.showFiles()
		})
		rm.Importance = widget.LowImportance
		w.Removes = append(w.Removes, rm)
		w.fileList.Add(container.NewBorder(nil, nil, nil, rm, widget.NewLabel(f.Name())))
	}
	if len(w.files) == 0 {
		w.Files.SetText(lang.L("No file yet: add vCard (.vcf) or CSV files, or drop them on the window."))
		w.Next.Disable()
		return
	}
	w.Files.SetText(lang.N("{{.Count}} files to import:", len(w.files), map[string]any{"Count": len(w.files)}))
	w.Next.Enable()
}

// importable: a vCard or CSV file, by its extension.
func importable(u fyne.URI) bool {
	ext := strings.ToLower(u.Extension())
	for _, e := range importExts {
		if ext == e {
			return true
		}
	}
	return false
}

func (w *ImportWizard) onAddFile() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			w.Files.SetText(lang.L("Could not read the file: {{.Why}}", map[string]any{"Why": plainError(err)}))
			return
		}
		if r == nil {
			return // the person closed the dialog
		}
		_ = r.Close()
		w.add(r.URI())
	}, w.t.m.Window)
	d.SetFilter(storage.NewExtensionFileFilter(importExts))
	d.Show()
}

// onAddFolder adds every vCard and CSV file of a folder.
func (w *ImportWizard) onAddFolder() {
	dialog.ShowFolderOpen(func(l fyne.ListableURI, err error) {
		if err != nil {
			w.Files.SetText(lang.L("Could not read the folder: {{.Why}}", map[string]any{"Why": plainError(err)}))
			return
		}
		if l == nil {
			return
		}
		items, err := l.List()
		if err != nil {
			w.Files.SetText(lang.L("Could not read the folder: {{.Why}}", map[string]any{"Why": plainError(err)}))
			return
		}
		w.add(items...)
	}, w.t.m.Window)
}

// onDropped imports the files dropped on the window.
func (t *ContactsTab) onDropped(_ fyne.Position, uris []fyne.URI) {
	var files []fyne.URI
	for _, u := range uris {
		if importable(u) {
			files = append(files, u)
		}
	}
	for _, it := range t.m.Tabs.Items {
		if it.Text == lang.L("Contacts") && t.m.Tabs.Selected() != it {
			t.m.Tabs.Select(it)
		}
	}
	if len(files) == 0 {
		t.Status.SetText(lang.L("Only vCard (.vcf) and CSV files can be imported."))
		return
	}
	t.openImport(files)
}

// onCancel stops what runs and closes the wizard; what an import already saved
// stays (each file is saved whole or not at all).
func (w *ImportWizard) onCancel() {
	w.closed = true
	if w.cancel != nil {
		w.cancel()
	}
	w.closePreviews()
	w.Dialog.Hide()
}

func (w *ImportWizard) onBack() {
	w.closePreviews()
	w.showChoose()
}

func (w *ImportWizard) closePreviews() {
	if w.cancel != nil {
		return // the running step owns them
	}
	for _, fp := range w.previews {
		if fp.p != nil {
			_ = fp.p.Close()
		}
	}
	w.previews = nil
}
