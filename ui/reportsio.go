package ui

import (
	"context"
	"fmt"
	"io"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"minuit/scheduler"
	"minuit/ui/charts"
)

// ChartFileStyle is how a chart is drawn into a file, from the window or
// `minuit report --chart`: 900×360 at twice the pixels, to print crisp, on white.
func ChartFileStyle() charts.Style { return charts.Style{Width: 900, Height: 360, Scale: 2} }

// saveAs asks where to save a file, then writes it off the UI goroutine and says
// how it went.
func (r *ReportsTab) saveAs(name string, write func(ctx context.Context, w io.Writer) error) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		r.Save(w, write)
	}, r.m.Window)
	d.SetFileName(name)
	d.Show()
}

// Save writes to w (then closes it) off the UI goroutine and says how it went;
// the file dialogs call it, tests too.
func (r *ReportsTab) Save(w fyne.URIWriteCloser, write func(ctx context.Context, w io.Writer) error) {
	background(r.m.tk, func(ctx context.Context) (struct{}, error) {
		err := write(ctx, w)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		return struct{}{}, err
	}, func(_ struct{}, err error) {
		if err != nil {
			r.setStatus(lang.L("Export failed: {{.Why}}", map[string]any{"Why": plainError(err)}))
			return
		}
		r.setStatus(lang.L("Exported to {{.File}}.", map[string]any{"File": w.URI().Name()}))
	})
}

// WriteCSV writes the table shown as CSV.
func (r *ReportsTab) WriteCSV(_ context.Context, w io.Writer) error {
	return r.Report.WriteCSV(w, scheduler.TableMessages)
}

// WritePNG writes the chart chosen as a PNG file.
func (r *ReportsTab) WritePNG(_ context.Context, w io.Writer) error {
	img, err := DrawChart(r.kind(), r.Report, ChartFileStyle())
	if err != nil {
		return err
	}
	b, err := charts.PNG(img)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

func (r *ReportsTab) onExportCSV() {
	r.saveAs(fmt.Sprintf("minuit-report-%s.csv", r.m.deps.Now().Format(time.DateOnly)), r.WriteCSV)
}

func (r *ReportsTab) onSavePNG() {
	r.saveAs(fmt.Sprintf("minuit-%s-%s.png", r.kind(), r.m.deps.Now().Format(time.DateOnly)), r.WritePNG)
}

func (r *ReportsTab) onExportCalendar() { r.saveAs("minuit.ics", r.m.deps.Reports.WriteCalendar) }

// onLiveCalendar says where the live calendar file is kept, and lets the person
// choose a folder or stop.
func (r *ReportsTab) onLiveCalendar() {
	rs := r.m.deps.Reports
	background(r.m.tk, rs.LiveFolder, func(folder string, err error) {
		if err != nil {
			r.setStatus(plainError(err))
			return
		}
		text := lang.L("Minuit can keep a calendar file of your planned texts up to date in a folder (a synced one, for example), for a calendar app to subscribe to.")
		if folder != "" {
			text += "\n\n" + lang.L("It is kept in {{.Folder}}.", map[string]any{"Folder": folder})
		}
		label := widget.NewLabel(text)
		label.Wrapping = fyne.TextWrapWord
		var d dialog.Dialog
		choose := widget.NewButton(lang.L("Choose a folder…"), func() {
			d.Hide()
			dialog.ShowFolderOpen(func(u fyne.ListableURI, err error) {
				if err == nil && u != nil {
					r.SetLiveFolder(u.Path())
				}
			}, r.m.Window)
		})
		stop := widget.NewButton(lang.L("Stop updating it"), func() { d.Hide(); r.SetLiveFolder("") })
		if folder == "" {
			stop.Disable()
		}
		body := container.NewBorder(nil, container.NewHBox(choose, stop), nil, nil, label)
		d = dialog.NewCustom(lang.L("Live calendar"), lang.L("Close"), body, r.m.Window)
		d.Resize(fyne.NewSize(520, 260))
		d.Show()
	})
}

// SetLiveFolder keeps the live calendar file in folder ("" stops it).
func (r *ReportsTab) SetLiveFolder(folder string) {
	rs := r.m.deps.Reports
	background(r.m.tk, func(ctx context.Context) (string, error) { return rs.SetLiveFolder(ctx, folder) },
		func(path string, err error) {
			switch {
			case err != nil:
				r.setStatus(plainError(err))
			case path == "":
				r.setStatus(lang.L("The live calendar file is no longer updated."))
			default:
				r.setStatus(lang.L("Minuit keeps {{.File}} up to date while it sends.", map[string]any{"File": path}))
			}
		})
}
