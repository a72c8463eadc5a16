package messagebird_test

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"minuit/contacts"
	"minuit/internal/db"
	"minuit/internal/minuit"
	"minuit/scheduler"
	"minuit/scheduler/messagebird"
	"minuit/scheduler/messagebird/mbemu"
)

// contactsDir adapts the real contacts store to the scheduler, as app/ does.
type contactsDir struct{ cs *contacts.Store }

func (d contactsDir) Resolve(ctx context.Context, ids []int64, groups []string) ([]minuit.Recipient, error) {
	return d.cs.Resolve(ctx, ids, groups)
}

func (d contactsDir) Consent(ctx context.Context, numbers []string) (map[string]minuit.Recipient, error) {
	out := map[string]minuit.Recipient{}
	for _, n := range numbers {
		c, ok, err := d.cs.ByNumber(ctx, n)
		if err != nil {
			return nil, err
		}
		if ok {
			out[n] = minuit.Recipient{ContactID: c.ID, Number: n, Consent: c.Consent.Status, NoMessagesAtAll: c.NoMessages}
		}
	}
	return out, nil
}

func TestAStopReplyThroughTheSDKOptsTheContactOutAndCancelsOnlyTheirPendingMarketing(t *testing.T) {
	ctx := t.Context()
	clock := newStepClock(time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)) // Tuesday 10:00 in Paris
	emu := mbemu.New(mbemu.WithClock(clock.Now))
	t.Cleanup(emu.Close)
	d, err := db.Open(filepath.Join(t.TempDir(), "minuit.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = d.Close() })
	store, err := scheduler.Open(ctx, d, clock.Now)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := contacts.Open(ctx, d, clock.Now)
	if err != nil {
		t.Fatal(err)
	}
	p, err := cs.Preview(ctx, strings.NewReader("name,phone,consent\nAlice Martin,+33612345678,yes\n"),
		contacts.ImportOptions{Source: "clients.csv", Region: "FR"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cs.Commit(ctx, p); err != nil {
		t.Fatal(err)
	}
	alice, ok, err := cs.ByNumber(ctx, "+33612345678")
	if err != nil || !ok || alice.Consent.Status != minuit.ConsentOptedIn {
		t.Fatalf("imported contact = %+v (%v, %v), want Alice opted in", alice, ok, err)
	}

	prov, err := messagebird.New(messagebird.Config{AccessKey: mbemu.DefaultAccessKey, BaseURL: emu.URL(), Timeout: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	var proofs []string
	eng := scheduler.New(scheduler.Config{Store: store, Provider: prov, Clock: clock, Directory: contactsDir{cs},
		OnOptOut: func(ctx context.Context, number, proof string, _ time.Time) error {
			proofs = append(proofs, proof)
			c, ok, err := cs.ByNumber(ctx, number)
			if err != nil || !ok {
				return err
			}
			return cs.SetConsent(ctx, c.ID, minuit.ConsentOptedOut, "STOP reply", proof)
		}})
	pass := func() {
		t.Helper()
		if _, err := eng.Pass(ctx); err != nil {
			t.Fatal(err)
		}
	}
	plan := func(kind minuit.Kind, body string, at time.Time) int64 {
		t.Helper()
		id, err := store.CreateMessage(ctx, scheduler.Message{Body: body, Kind: kind, At: at.Format(scheduler.WallLayout),
			TZ: "UTC", Recipients: []scheduler.RecipientRef{{Kind: scheduler.ToContact, Value: strconv.FormatInt(alice.ID, 10)}}})
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	t0 := clock.Now()
	first := plan(minuit.Marketing, "Soldes d'hiver -30 %", t0)
	pending := plan(minuit.Marketing, "Dernier jour des soldes", t0.Add(5*time.Minute))
	order := plan(minuit.Transactional, "Votre commande est prête", t0.Add(5*time.Minute))
	later := plan(minuit.Marketing, "Nouvelle collection", t0.Add(time.Hour))
	pass()
	if n := len(emu.Messages()); n != 1 {
		t.Fatalf("%d messages at the provider after the first pass, want the first promotion", n)
	}

	emu.AddInbound("+33612345678", "Stop", t0.Add(2*time.Minute))
	clock.Advance(4*time.Minute + 30*time.Second) // the pending promotion and the order are materialised
	pass()

	if len(proofs) != 1 || !strings.Contains(proofs[0], `"Stop"`) || !strings.Contains(proofs[0], "+33612345678") {
		t.Fatalf("proofs = %q, want the reply and its number", proofs)
	}
	hist, err := cs.ConsentHistory(ctx, alice.ID)
	if err != nil {
		t.Fatal(err)
	}
	if last := hist[len(hist)-1]; last.Status != minuit.ConsentOptedOut || last.Proof != proofs[0] {
		t.Fatalf("consent history ends with %+v, want the opt-out with the reply as proof", last)
	}

	clock.Advance(time.Hour)
	pass()
	byMsg := map[int64]scheduler.Delivery{}
	ds, _, err := store.History(ctx, scheduler.HistoryQuery{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range ds {
		byMsg[d.MessageID] = d
	}
	if d := byMsg[first]; d.State != scheduler.Sent && d.State != scheduler.Delivered {
		t.Fatalf("first promotion = %s, want sent before the reply", d.State)
	}
	if d := byMsg[pending]; d.State != scheduler.Skipped || d.PolicyReason != scheduler.ReasonOptedOutByReply {
		t.Fatalf("pending promotion = %s (%q), want skipped by the reply", d.State, d.PolicyReason)
	}
	if d := byMsg[later]; d.State != scheduler.Skipped || d.PolicyReason != "opted-out" {
		t.Fatalf("later promotion = %s (%q), want skipped: the contact opted out", d.State, d.PolicyReason)
	}
	if d := byMsg[order]; d.State != scheduler.Sent && d.State != scheduler.Delivered {
		t.Fatalf("order confirmation = %s, want sent", d.State)
	}
	if n := len(emu.Messages()); n != 3 { // the first promotion, the reply, the order
		t.Fatalf("%d messages at the provider, want 3 (promotion, reply, order)", n)
	}
}
