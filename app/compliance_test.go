package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"minuit/internal/minuit"
	"minuit/scheduler"
	"minuit/scheduler/sandbox"
)

func TestConsentSettingsAreShownChangedAndCheckedWithPlainErrors(t *testing.T) {
	dir := t.TempDir()
	out, stderr, code := runMinuit(t, dir, "consent", "settings")
	if code != 0 || !strings.Contains(out, "compliance.quiet") || !strings.Contains(out, "france") ||
		!strings.Contains(out, scheduler.DefaultFooter) {
		t.Fatalf("settings: exit %d, %q %q; want the France defaults and the default footer", code, out, stderr)
	}
	if _, stderr, code := runMinuit(t, dir, "consent", "set", "compliance.cap.max", "6"); code != 0 {
		t.Fatalf("set: %s", stderr)
	}
	if out, _, _ := runMinuit(t, dir, "consent", "settings"); !strings.Contains(out, "compliance.cap.max") || !strings.Contains(out, "6") {
		t.Fatalf("settings after set: %q", out)
	}
	_, stderr, code = runMinuit(t, dir, "consent", "set", "compliance.quiet", "never")
	if code != 1 || strings.Contains(stderr, "scheduler:") || !strings.Contains(stderr, "france, us, custom or off") {
		t.Fatalf("bad preset: exit %d, %q; want one plain sentence", code, stderr)
	}
}

func TestAStopReplyInTheSandboxOptsTheContactOutAndShowsInTheReportAndTheConsentExport(t *testing.T) {
	dir := t.TempDir()
	csv := filepath.Join(dir, "clients.csv")
	if err := os.WriteFile(csv, []byte("name,phone,consent\nLéa Martin,+33612345678,yes\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := runMinuit(t, dir, "import", "--region", "FR", csv); code != 0 {
		t.Fatalf("import: %s", stderr)
	}
	if _, stderr, code := runMinuit(t, dir, "schedule", "--to", "contact:1", "--at", "now", "--kind", "marketing", "Soldes !"); code != 0 {
		t.Fatalf("schedule: %s", stderr)
	}

	ctx := t.Context()
	e, err := openEnv(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	prov, err := sandbox.New(ctx, e.db, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	pass := func() {
		t.Helper()
		// Quiet hours off: the test must not depend on the hour it runs at.
		pol := scheduler.DefaultRules().Policy
		pol.QuietEnabled = false
		eng := scheduler.New(scheduler.Config{Store: e.store, Provider: prov, Directory: e.directory(), Policy: &pol,
			OnOptOut: e.optOutHook(), OnOptIn: e.optInHook()})
		if _, err := eng.Pass(ctx); err != nil {
			t.Fatal(err)
		}
	}
	pass()
	if out, stderr, code := runMinuit(t, dir, "consent", "reply", "06 12 34 56 78", "STOP"); code != 0 || !strings.Contains(out, "+33612345678") {
		t.Fatalf("simulated reply: exit %d, %q %q", code, out, stderr)
	}
	pass()

	c, ok, err := e.contacts.ByNumber(ctx, "+33612345678")
	if err != nil || !ok || c.Consent.Status != minuit.ConsentOptedOut || c.Consent.Source != "SMS reply" ||
		!strings.Contains(c.Consent.Proof, `"STOP"`) {
		t.Fatalf("contact consent = %+v (%v), want opted out by the reply", c.Consent, err)
	}
	if rs, err := (contactDirectory{e.contacts}).Consent(ctx, []string{"+33612345678", "+33698765432"}); err != nil ||
		len(rs) != 1 || minuit.Consent(rs["+33612345678"].Consent) != minuit.ConsentOptedOut {
		t.Fatalf("consent lookup = %+v (%v), want the contact's opt-out only", rs, err)
	}

	out, stderr, code := runMinuit(t, dir, "report", "--json")
	rs := jsonLines(t, out)
	if code != 0 || len(rs) != 1 || rs[0]["recipients"] != float64(1) || rs[0]["sent"] != float64(1) || rs[0]["opt_outs"] != float64(1) {
		t.Fatalf("report: exit %d, %v %q; want 1 recipient, 1 sent, 1 opt-out", code, rs, stderr)
	}
	if out, _, code := runMinuit(t, dir, "report"); code != 0 || !strings.Contains(out, "OPT-OUTS") || !strings.Contains(out, "Soldes") {
		t.Fatalf("report table: %q", out)
	}

	export := filepath.Join(dir, "consent.csv")
	if _, stderr, code := runMinuit(t, dir, "consent", "export", export); code != 0 {
		t.Fatalf("export: %s", stderr)
	}
	b, err := os.ReadFile(export)
	if err != nil || !strings.Contains(string(b), "opted-out") || !strings.Contains(string(b), "opted-in") {
		t.Fatalf("export = %q (%v), want the opt-in of the import and the opt-out of the reply", b, err)
	}
}
