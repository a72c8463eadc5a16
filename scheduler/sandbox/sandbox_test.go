package sandbox

import (
	"path/filepath"
	"testing"
	"time"

	"minuit/internal/db"
	"minuit/scheduler"
)

func newSandbox(t *testing.T, now *time.Time) *Provider {
	t.Helper()
	d, err := db.Open(filepath.Join(t.TempDir(), "minuit.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = d.Close() })
	p, err := New(t.Context(), d, func() time.Time { return *now })
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestSandboxReportsDeliveryAfterTheSimulatedDelay(t *testing.T) {
	now := time.Date(2026, 6, 1, 10, 0, 0, 0, time.UTC)
	p := newSandbox(t, &now)
	acc, err := p.Send(t.Context(), scheduler.Batch{Reference: "mn-1", Originator: "Shop", Body: "Hi",
		Recipients: []string{"+33612345678", "+33612349991", "+33612349992"}})
	if err != nil {
		t.Fatal(err)
	}
	st, err := p.Status(t.Context(), acc.ID)
	if err != nil || st[0].Status != scheduler.DLRPending {
		t.Fatalf("status at once = %+v (%v), want pending", st, err)
	}
	now = now.Add(DeliveryDelay)
	st, err = p.Status(t.Context(), acc.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := []scheduler.DLR{scheduler.DLRDelivered, scheduler.DLRFailed, scheduler.DLRExpired}
	for i, w := range want {
		if st[i].Status != w {
			t.Fatalf("%s: %s, want %s", st[i].Recipient, st[i].Status, w)
		}
	}
}

func TestSandboxTestNumbersFailAsDocumented(t *testing.T) {
	now := time.Date(2026, 6, 1, 10, 0, 0, 0, time.UTC)
	p := newSandbox(t, &now)
	for num, class := range map[string]scheduler.ErrorClass{"+33612349990": scheduler.Permanent, "+33612349993": scheduler.Transient} {
		_, err := p.Send(t.Context(), scheduler.Batch{Reference: "r", Body: "x", Recipients: []string{num}})
		if err == nil || scheduler.Classify(err) != class {
			t.Fatalf("%s: %v, want a %s error", num, err, class)
		}
	}
}

func TestSandboxFindsAcceptedMessagesByReferenceAfterARestart(t *testing.T) {
	now := time.Date(2026, 6, 1, 10, 0, 0, 0, time.UTC)
	p := newSandbox(t, &now)
	if _, err := p.Send(t.Context(), scheduler.Batch{Reference: "mn-abc", Body: "x", Recipients: []string{"+33612345678"}}); err != nil {
		t.Fatal(err)
	}
	again, err := New(t.Context(), p.db, p.now)
	if err != nil {
		t.Fatal(err)
	}
	found, err := again.Lookup(t.Context(), refs("mn-abc", "mn-unknown"), now.Add(-time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := found["mn-abc"]; !ok || len(found) != 1 {
		t.Fatalf("found = %+v, want only mn-abc", found)
	}
}

func TestSandboxRefusesOnlyTheInvalidTestNumberOfARequest(t *testing.T) {
	now := time.Date(2026, 6, 1, 10, 0, 0, 0, time.UTC)
	p := newSandbox(t, &now)
	acc, err := p.Send(t.Context(), scheduler.Batch{Reference: "r", Body: "x", Recipients: []string{"+33612349990", "+33612345678"}})
	if err != nil || len(acc.Recipients) != 1 || acc.Recipients[0] != "+33612345678" {
		t.Fatalf("accepted %+v (%v), want only +33612345678", acc, err)
	}
}

// refs returns batches that carry only references, for Lookup.
func refs(references ...string) []scheduler.Batch {
	out := make([]scheduler.Batch, len(references))
	for i, r := range references {
		out[i] = scheduler.Batch{Reference: r}
	}
	return out
}
