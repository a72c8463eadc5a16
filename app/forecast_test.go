package app

import (
	"testing"
)

func TestListJSONShowsWhoAMarketingTextWillSkipRightAfterItIsPlanned(t *testing.T) {
	dir := t.TempDir()
	if _, stderr, code := runMinuit(t, dir, "schedule", "--to", "+33612345678", "--at", "2031-06-01 10:00", "--tz", "Europe/Paris",
		"--kind", "marketing", "Soldes ! STOP au 36180"); code != 0 {
		t.Fatalf("schedule: %s", stderr)
	}
	out, stderr, code := runMinuit(t, dir, "list", "--json")
	if code != 0 {
		t.Fatalf("list: %s", stderr)
	}
	ms := jsonLines(t, out)
	f, ok := ms[0]["forecast"].(map[string]any)
	if len(ms) != 1 || !ok {
		t.Fatalf("list --json = %v, want one message with a forecast", ms)
	}
	skipped, _ := f["skipped"].([]any)
	if f["recipients"] != 1.0 || f["send"] != 0.0 || len(skipped) != 1 {
		t.Fatalf("forecast %v, want its one recipient skipped", f)
	}
	if s := skipped[0].(map[string]any); s["to"] != "+33612345678" || s["reason"] != "no-consent" || s["note"] == "" {
		t.Errorf("skip %v, want the number, no-consent and the sentence", s)
	}
	if f["at"] != "2031-06-01T08:00:00Z" {
		t.Errorf("forecast at %v, want 10:00 Paris in RFC 3339 UTC", f["at"])
	}
}
