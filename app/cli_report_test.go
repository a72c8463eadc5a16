package app

import (
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestPeriodsAreWholeLocalDaysAndNonsenseIsRefused(t *testing.T) {
	loc, _ := time.LoadLocation("Europe/Paris")
	now := time.Date(2026, 11, 29, 15, 0, 0, 0, loc)
	for in, want := range map[string][2]string{
		"7d":                     {"2026-11-23", "2026-11-30"},
		"1d":                     {"2026-11-29", "2026-11-30"},
		"2026-11-01..2026-11-30": {"2026-11-01", "2026-12-01"},
		"all":                    {"", ""},
	} {
		from, to, err := parsePeriod(in, now, loc)
		day := func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.Format(time.DateOnly)
		}
		if err != nil || day(from) != want[0] || day(to) != want[1] || (!from.IsZero() && from.Hour() != 0) {
			t.Errorf("%s: %v – %v (%v), want %v", in, from, to, err, want)
		}
	}
	for _, bad := range []string{"0d", "-3d", "99999d", "3w", "2026-11-30..2026-11-01", "2026-02-30..2026-03-01", "x..y", "7"} {
		if _, _, err := parsePeriod(bad, now, loc); err == nil || !strings.Contains(err.Error(), "is not 7d, 30d, 90d") {
			t.Errorf("%q: %v, want a refusal", bad, err)
		}
	}
}

func TestReportWritesCSVAndAChartAndRefusesUnknownTablesAndCharts(t *testing.T) {
	dir := t.TempDir()
	csvPath, pngPath := filepath.Join(dir, "r.csv"), filepath.Join(dir, "c.png")
	if out, errs, code := runMinuit(t, dir, "report", "--csv", csvPath, "--chart", pngPath, "--kind", "cost"); code != 0 {
		t.Fatalf("exit %d: %s %s", code, out, errs)
	}
	if b, err := os.ReadFile(csvPath); err != nil || !strings.HasPrefix(string(b), "message_id,kind,text,") {
		t.Fatalf("csv %q, %v", b, err)
	}
	f, err := os.Open(pngPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if img, err := png.Decode(f); err != nil || img.Bounds().Dx() != 1800 || img.Bounds().Dy() != 720 {
		t.Fatalf("chart %v, %v", img, err)
	}
	for _, args := range [][]string{{"--csv", "-", "--table", "nope"}, {"--chart", "x.png", "--kind", "pie"},
		{"--period", "soon"}, {"abc"}} {
		if _, errs, code := runMinuit(t, dir, append([]string{"report"}, args...)...); code == 0 || !strings.HasSuffix(strings.TrimSpace(errs), ".") {
			t.Errorf("%v: exit %d, %q; want a refusal in a sentence", args, code, errs)
		}
	}
}

func TestExportICSWritesEveryPlannedMessage(t *testing.T) {
	dir := t.TempDir()
	if _, errs, code := runMinuit(t, dir, "schedule", "--to", "+33612345678", "--at", "2099-12-24 09:00", "--tz", "Europe/Paris",
		"--every", "FREQ=YEARLY", "Joyeux Noël ; à bientôt"); code != 0 {
		t.Fatal(errs)
	}
	out, errs, code := runMinuit(t, dir, "export", "ics", "-")
	if code != 0 || !strings.Contains(out, "UID:message-1@minuit\r\n") || !strings.Contains(out, "DTSTART;TZID=Europe/Paris:20991224T090000\r\n") ||
		!strings.Contains(out, `Joyeux Noël \; à bientôt`) || !strings.Contains(out, "BEGIN:VTIMEZONE") {
		t.Fatalf("exit %d %s\n%s", code, errs, out)
	}
	if _, errs, code := runMinuit(t, dir, "export", "ics", "--live", filepath.Join(dir, "missing")); code == 0 || !strings.Contains(errs, "is not a folder") {
		t.Fatalf("a missing folder: exit %d %q", code, errs)
	}
}

func TestPricesAndTheDeliveryCheckFromTheCommandLine(t *testing.T) {
	dir := t.TempDir()
	if out, errs, code := runMinuit(t, dir, "prices", "set", "twilio", "fr", "0,075"); code != 0 || out != "twilio FR = 0.075\n" {
		t.Fatalf("set: %d %q %q", code, out, errs)
	}
	if out, _, _ := runMinuit(t, dir, "prices"); !strings.Contains(out, "twilio    FR       0.075") {
		t.Fatalf("list:\n%s", out)
	}
	if _, errs, code := runMinuit(t, dir, "prices", "set", "twilio", "FR", "12"); code == 0 || !strings.Contains(errs, "between 0 and 10") {
		t.Fatalf("12 a part: %d %q", code, errs)
	}
	if out, errs, code := runMinuit(t, dir, "delivery-check", "on", "+33 6 12 34 56 78"); code != 0 || !strings.Contains(out, "+33612345678 every Monday") {
		t.Fatalf("on: %d %q %q", code, out, errs)
	}
	if out, _, _ := runMinuit(t, dir, "list"); !strings.Contains(out, "+33612345678") {
		t.Fatalf("the weekly test is not planned:\n%s", out)
	}
	if out, _, code := runMinuit(t, dir, "delivery-check", "off"); code != 0 || !strings.Contains(out, "off") {
		t.Fatalf("off: %q", out)
	}
}
