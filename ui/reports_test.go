package ui

import (
	"bytes"
	"context"
	"encoding/csv"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"minuit/scheduler"
)

// storeReports is the Reports port over the real store, recording the queries.
type storeReports struct {
	st      *scheduler.Store
	mu      sync.Mutex
	queries []scheduler.ReportQuery
	folder  string
}

func (s *storeReports) Report(ctx context.Context, q scheduler.ReportQuery) (scheduler.Report, error) {
	s.mu.Lock()
	s.queries = append(s.queries, q)
	s.mu.Unlock()
	return s.st.Report(ctx, q)
}
func (s *storeReports) last() scheduler.ReportQuery {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.queries[len(s.queries)-1]
}
func (s *storeReports) Prices(ctx context.Context) ([]scheduler.Price, error) {
	return s.st.Prices(ctx)
}
func (s *storeReports) SetPrice(ctx context.Context, p, c, v string) (scheduler.Price, error) {
	return s.st.SetPrice(ctx, p, c, v)
}
func (s *storeReports) RemovePrice(ctx context.Context, p, c string) error {
	return s.st.RemovePrice(ctx, p, c)
}
func (s *storeReports) DeliveryCheck(ctx context.Context) (scheduler.DeliveryCheck, error) {
	return s.st.DeliveryCheckStatus(ctx)
}
func (s *storeReports) SetDeliveryCheck(ctx context.Context, n string) (scheduler.DeliveryCheck, error) {
	if _, err := s.st.SetDeliveryCheck(ctx, n, "Test", "Europe/Paris", time.Now()); err != nil {
		return scheduler.DeliveryCheck{}, err
	}
	return s.st.DeliveryCheckStatus(ctx)
}
func (s *storeReports) WriteCalendar(_ context.Context, w io.Writer) error {
	_, err := io.WriteString(w, "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
	return err
}
func (s *storeReports) LiveFolder(context.Context) (string, error) { return s.folder, nil }
func (s *storeReports) SetLiveFolder(_ context.Context, f string) (string, error) {
	s.folder = f
	if f == "" {
		return "", nil
	}
	return filepath.Join(f, "minuit.ics"), nil
}

// reportsHarness is the window with a Reports tab over the harness's store.
func reportsHarness(t *testing.T) (*harness, *storeReports) {
	t.Helper()
	h := newHarness(t)
	rs := &storeReports{st: h.store}
	h.m = NewMain(h.app, Deps{Store: h.store, Zone: "Europe/Paris", Now: func() time.Time { return h.now },
		Wake: func() { h.woken++ }, ProviderLabel: sandboxLabel, Reports: rs})
	h.m.tk.queue = make(chan func(), 4096)
	h.m.Start()
	h.m.Settle()
	return h, rs
}

// openReports selects the Reports tab and lays the window out.
func (h *harness) openReports() *ReportsTab {
	h.t.Helper()
	for i, it := range h.m.Tabs.Items {
		if it.Text == "Reports" {
			h.m.Tabs.SelectIndex(i)
		}
	}
	h.m.Window.Resize(fyne.NewSize(1040, 700))
	h.m.Settle()
	if h.m.Reports == nil || h.m.Tabs.Selected().Text != "Reports" {
		h.t.Fatal("no Reports tab")
	}
	return h.m.Reports
}

func TestTheReportsTabShowsTheLast30DaysWithTheirTotalAndAChartAtTheScreensScale(t *testing.T) {
	h, rs := reportsHarness(t)
	h.schedule(time.Now(), "", "+33612345601", "+33612345602", "+33612349991")
	h.sendDue()
	if len(rs.queries) != 0 {
		t.Fatalf("%d reports read before the tab was shown", len(rs.queries))
	}
	r := h.openReports()
	q := rs.last()
	today := time.Date(h.now.Year(), h.now.Month(), h.now.Day(), 0, 0, 0, 0, h.loc)
	if !q.From.Equal(today.AddDate(0, 0, -29)) || !q.To.Equal(today.AddDate(0, 0, 1)) {
		t.Fatalf("asked for %v – %v, want the 30 days to tomorrow midnight", q.From, q.To)
	}
	if got := r.CellText(0, 2); got != "3" || r.CellText(0, 0) != "Total" || !strings.HasPrefix(r.CellText(1, 0), "#1 ") {
		t.Fatalf("table: total %q %q, first row %q; want 3 recipients", r.CellText(0, 0), got, r.CellText(1, 0))
	}
	if !strings.Contains(r.Summary.Text, "3 recipients") {
		t.Fatalf("summary %q", r.Summary.Text)
	}
	drawn := r.Chart.Drawn
	size, scale := r.Chart.Size(), h.m.Window.Canvas().Scale()
	img := r.Chart.Image.Image
	if drawn == 0 || img == nil || img.Bounds().Dx() != int(size.Width*scale) || img.Bounds().Dy() != int(size.Height*scale) {
		t.Fatalf("chart drawn %d times, %v for a %v view at scale %g", drawn, img, size, scale)
	}
	r.ChartKind.SetSelected(ChartCost.Title())
	h.m.Settle()
	if r.Chart.Drawn != drawn+1 {
		t.Fatalf("choosing another chart drew %d more", r.Chart.Drawn-drawn)
	}
}

func TestACustomPeriodAsksForWholeDaysBothIncluded(t *testing.T) {
	h, _ := reportsHarness(t)
	r := h.openReports()
	r.Period.SetSelected(customRange())
	test.Type(r.From, "2026-11-01")
	test.Type(r.To, "2026-11-30")
	h.m.Settle()
	q := r.query()
	if !q.From.Equal(time.Date(2026, 11, 1, 0, 0, 0, 0, h.loc)) || !q.To.Equal(time.Date(2026, 12, 1, 0, 0, 0, 0, h.loc)) {
		t.Fatalf("asked for %v – %v", q.From, q.To)
	}
	r.To.SetText("2026-10-01") // before "from": open until it makes sense
	h.m.Settle()
	if q := r.query(); !q.To.IsZero() {
		t.Fatalf("a period ending before it starts asked for %v", q.To)
	}
}

// fileWriter is where a save dialog would write.
func fileWriter(t *testing.T, name string) (fyne.URIWriteCloser, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	w, err := storage.Writer(storage.NewFileURI(path))
	if err != nil {
		t.Fatal(err)
	}
	return w, path
}

func TestTheTableExportsAsCSVAndTheChartAsPNG(t *testing.T) {
	h, _ := reportsHarness(t)
	h.schedule(time.Now(), "", "+33612345601")
	h.sendDue()
	r := h.openReports()
	w, path := fileWriter(t, "report.csv")
	r.Save(w, r.WriteCSV)
	h.m.Settle()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil || len(rows) != 3 || rows[0][0] != "message_id" || rows[2][0] != "total" {
		t.Fatalf("csv %q, %v", b, err)
	}
	if !strings.Contains(r.Status.Text, "report.csv") {
		t.Fatalf("status %q", r.Status.Text)
	}
	w, path = fileWriter(t, "chart.png")
	r.Save(w, r.WritePNG)
	h.m.Settle()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if st := ChartFileStyle(); err != nil || img.Bounds().Dx() != int(st.Width*st.Scale) {
		t.Fatalf("png: %v, %v", img, err)
	}
}

func TestPricesAreSetAndRefusedFromTheirForm(t *testing.T) {
	h, _ := reportsHarness(t)
	r := h.openReports()
	f := r.NewPricesForm()
	f.Load()
	h.m.Settle()
	if !strings.Contains(f.List.Text, "FR") {
		t.Fatalf("prices listed: %q", f.List.Text)
	}
	f.Provider.SetSelected("twilio")
	f.Country.SetText("fr")
	f.Price.SetText("0,075")
	test.Tap(f.SaveBtn)
	h.m.Settle()
	if p, _ := h.store.PriceTable(t.Context()); func() float64 { v, _ := p.For("twilio", "FR"); return v }() != 0.075 {
		t.Fatalf("twilio FR not stored: %q", f.Status.Text)
	}
	f.Price.SetText("abc")
	test.Tap(f.SaveBtn)
	h.m.Settle()
	if !strings.Contains(f.Status.Text, "“abc” is not a price") {
		t.Fatalf("a bad price said %q", f.Status.Text)
	}
}

func TestTheDeliveryCheckIsTurnedOnAndOffFromItsForm(t *testing.T) {
	h, _ := reportsHarness(t)
	r := h.openReports()
	f := r.NewCheckForm()
	f.Load()
	h.m.Settle()
	if f.State.Text != "The weekly test text is off." {
		t.Fatalf("state %q", f.State.Text)
	}
	f.Number.SetText("+33612345678")
	test.Tap(f.On)
	h.m.Settle()
	if !strings.Contains(f.State.Text, "+33612345678 every Monday") || f.Off.Disabled() {
		t.Fatalf("after turning it on: %q", f.State.Text)
	}
	test.Tap(f.Off)
	h.m.Settle()
	if c, _ := h.store.DeliveryCheckStatus(t.Context()); c.Number != "" || f.State.Text != "The weekly test text is off." {
		t.Fatalf("after turning it off: %+v, %q", c, f.State.Text)
	}
}
