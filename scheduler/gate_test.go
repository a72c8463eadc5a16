package scheduler

import (
	"context"
	"strings"
	"testing"
	"time"

	"minuit/internal/minuit"
	"minuit/scheduler/compliance"
	"minuit/scheduler/sms"
)

// fakeDir is a Directory with consent: contacts by id and by number.
type fakeDir struct{ contacts []minuit.Recipient }

func (d *fakeDir) Resolve(_ context.Context, ids []int64, _ []string) ([]minuit.Recipient, error) {
	var out []minuit.Recipient
	for _, c := range d.contacts {
		for _, id := range ids {
			if c.ContactID == id {
				out = append(out, c)
			}
		}
	}
	return out, nil
}

func (d *fakeDir) Consent(_ context.Context, numbers []string) (map[string]minuit.Recipient, error) {
	out := map[string]minuit.Recipient{}
	for _, c := range d.contacts {
		for _, n := range numbers {
			if c.Number == n {
				out[n] = c
			}
		}
	}
	return out, nil
}

const (
	alice  = "+33612345678" // opted in
	bob    = "+33698765432" // opted out
	carol  = "+33611111111" // asked for no messages at all
	nobody = "+33622222222" // no contact
)

func newGateHarness(t *testing.T, start time.Time) *harness {
	t.Helper()
	h := newHarness(t, start)
	h.dir = &fakeDir{contacts: []minuit.Recipient{
		{ContactID: 1, Number: alice, Consent: "opted-in"},
		{ContactID: 2, Number: bob, Consent: "opted-out"},
		{ContactID: 3, Number: carol, Consent: "opted-in", NoMessagesAtAll: true},
	}}
	h.restart()
	return h
}

func (h *harness) only(number string) Delivery {
	h.t.Helper()
	var found []Delivery
	for _, d := range h.deliveries() {
		if d.To == number {
			found = append(found, d)
		}
	}
	if len(found) != 1 {
		h.t.Fatalf("%d deliveries to %s, want 1: %+v", len(found), number, found)
	}
	return found[0]
}

func TestMarketingDueOnASundayInParisIsHeldUntilMondayEightOClock(t *testing.T) {
	h := newGateHarness(t, paris(t, "2026-06-07 10:00"))
	h.schedule(Message{Body: "Soldes ce lundi", Kind: minuit.Marketing, At: "2026-06-07 10:00", Recipients: to(alice)})
	next := h.pass()
	d := h.only(alice)
	monday := paris(t, "2026-06-08 08:00")
	if d.State != Scheduled || d.PolicyReason != string(compliance.ReasonQuietHours) || !d.HeldUntil.Equal(monday) {
		t.Fatalf("delivery = %s, %q until %v; want scheduled, held by quiet hours until %v", d.State, d.PolicyReason, d.HeldUntil, monday)
	}
	if !strings.Contains(d.PolicyNote, "quiet hours") || len(h.prov.sent) != 0 || !next.Equal(monday) {
		t.Fatalf("note %q, %d requests, next wake %v; want a note, nothing sent, wake at %v", d.PolicyNote, len(h.prov.sent), next, monday)
	}
	if len(h.events(EventHeld)) != 1 {
		t.Fatalf("held events = %d, want 1", len(h.events(EventHeld)))
	}
	holds, err := h.store.Holds(t.Context())
	if hd := holds[d.MessageID]; err != nil || !hd.Until.Equal(monday) || hd.Reason != "quiet-hours" || hd.Deliveries != 1 {
		t.Fatalf("holds = %+v (%v), want the message held until %v by quiet hours", holds, err, monday)
	}
	h.clock.Set(monday)
	h.pass()
	if got := h.only(alice).State; got != Sent || h.prov.sends()[alice] != 1 {
		t.Fatalf("on Monday 08:00 the delivery is %s, sent %d times; want sent once", got, h.prov.sends()[alice])
	}
}

func TestMarketingHeldPastItsDeadlineIsMissedWithThatReason(t *testing.T) {
	h := newGateHarness(t, paris(t, "2026-06-06 20:30"))
	h.schedule(Message{Body: "Dernière heure !", Kind: minuit.Marketing, At: "2026-06-06 20:30", Window: time.Hour, Recipients: to(alice)})
	h.pass()
	d := h.only(alice)
	if d.State != Missed || d.PolicyReason != string(compliance.ReasonDeadline) || !strings.Contains(d.Error, "deadline") {
		t.Fatalf("delivery = %s, reason %q, error %q; want missed by the deadline", d.State, d.PolicyReason, d.Error)
	}
	if len(h.prov.sent) != 0 {
		t.Fatal("a held-past-deadline message was sent")
	}
}

func TestMarketingWithoutConsentIsSkippedAndCountedInTheReport(t *testing.T) {
	h := newGateHarness(t, paris(t, "2026-06-01 10:00"))
	id := h.schedule(Message{Body: "Promo", Kind: minuit.Marketing, At: "2026-06-01 10:00", Recipients: append(to(alice, nobody),
		RecipientRef{Kind: ToContact, Value: "2"}, RecipientRef{Kind: ToContact, Value: "3"})})
	h.pass()
	for n, want := range map[string]compliance.Reason{nobody: compliance.ReasonNoConsent, bob: compliance.ReasonOptedOut,
		carol: compliance.ReasonOptedOut} {
		if d := h.only(n); d.State != Skipped || d.PolicyReason != string(want) || d.Error == "" {
			t.Fatalf("%s: %s, reason %q, error %q; want skipped, %s", n, d.State, d.PolicyReason, d.Error, want)
		}
	}
	if got := h.prov.sends(); got[alice] != 1 || len(got) != 1 {
		t.Fatalf("sent to %v, want alice only", got)
	}
	rs, err := h.store.Reports(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 1 || rs[0].Recipients != 4 || rs[0].Sent != 1 || rs[0].Skipped["no-consent"] != 1 || rs[0].Skipped["opted-out"] != 2 {
		t.Fatalf("report = %+v, want 4 recipients, 1 sent, 1 no-consent and 2 opted-out skipped", rs)
	}
	if len(h.events(EventSkipped)) != 3 {
		t.Fatalf("skipped events = %d, want 3", len(h.events(EventSkipped)))
	}
}

func TestTransactionalIsNeverHeldAndOnlyStoppedByARefusalOfEverything(t *testing.T) {
	h := newGateHarness(t, paris(t, "2026-06-07 23:30")) // a Sunday night
	h.schedule(Message{Body: "Votre commande est prête", Kind: minuit.Transactional, At: "2026-06-07 23:30",
		Recipients: append(to(nobody, bob), RecipientRef{Kind: ToContact, Value: "3"})})
	h.pass()
	if got := h.prov.sends(); got[nobody] != 1 || got[bob] != 1 || got[carol] != 0 {
		t.Fatalf("sent to %v, want the unknown number and the marketing opt-out, not the contact who refused everything", got)
	}
	if d := h.only(carol); d.State != Skipped || d.PolicyReason != string(compliance.ReasonOptedOut) {
		t.Fatalf("no-messages contact: %s (%q), want skipped, opted-out", d.State, d.PolicyReason)
	}
	for _, d := range h.deliveries() {
		if strings.Contains(d.Body, "STOP") || !d.HeldUntil.IsZero() {
			t.Fatalf("transactional delivery %+v got a footer or a hold", d)
		}
	}
}

func TestTheFifthMarketingMessageInThirtyDaysIsHeldByTheCap(t *testing.T) {
	h := newGateHarness(t, paris(t, "2026-06-01 10:00"))
	for k, v := range map[string]string{KeyQuiet: "off", KeyFooter: "none"} {
		if err := h.store.SetRule(t.Context(), k, v); err != nil {
			t.Fatal(err)
		}
	}
	for day := 1; day <= 5; day++ {
		at := "2026-06-0" + itoa(int64(day)) + " 10:00"
		h.clock.Set(paris(t, at))
		h.schedule(Message{Body: "Offre du jour " + itoa(int64(day)), Kind: minuit.Marketing, At: at, Recipients: to(alice)})
		h.pass()
	}
	if got := h.prov.sends()[alice]; got != 4 {
		t.Fatalf("alice got %d marketing messages in five days, want 4", got)
	}
	ds := h.deliveries() // newest first
	want := paris(t, "2026-07-01 10:00")
	if d := ds[0]; d.State != Scheduled || d.PolicyReason != string(compliance.ReasonFrequencyCap) || !d.HeldUntil.Equal(want) {
		t.Fatalf("fifth = %s, %q until %v; want held by the cap until %v", d.State, d.PolicyReason, d.HeldUntil, want)
	}

	if err := h.store.SetRule(t.Context(), KeyCapAction, "skip"); err != nil {
		t.Fatal(err)
	}
	h.clock.Set(paris(t, "2026-06-06 10:00"))
	h.schedule(Message{Body: "Encore une", Kind: minuit.Marketing, At: "2026-06-06 10:00", Recipients: to(alice)})
	h.pass()
	if d := h.deliveries()[0]; d.State != Skipped || d.PolicyReason != string(compliance.ReasonFrequencyCap) {
		t.Fatalf("with cap action skip: %s (%q), want skipped by the cap", d.State, d.PolicyReason)
	}
}

func TestTheStopFooterIsAppendedToMarketingAndCountedInTheSegments(t *testing.T) {
	h := newGateHarness(t, paris(t, "2026-06-01 10:00"))
	body := strings.Repeat("a", 150) // one segment alone, two with the footer
	h.schedule(Message{Body: body, Kind: minuit.Marketing, At: "2026-06-01 10:00", Recipients: to(alice)})
	h.pass()
	d := h.only(alice)
	want := body + "\n" + DefaultFooter
	if d.Body != want || d.Segments != sms.Count(want).Parts || d.Segments != 2 {
		t.Fatalf("body %q in %d segments, want the footer appended and 2 segments", d.Body, d.Segments)
	}
	if len(h.prov.sent) != 1 || h.prov.sent[0].Body != want {
		t.Fatalf("the provider got %+v, want the body with its footer", h.prov.sent)
	}
}

func TestCustomQuietHoursAndCapSettingsAreCheckedBeforeTheyAreStored(t *testing.T) {
	h := newHarness(t, paris(t, "2026-06-01 10:00"))
	ctx := t.Context()
	for _, kv := range [][2]string{{KeyQuiet, "weekends"}, {KeyCapMax, "four"}, {KeyCapAction, "drop"}, {"nope", "1"}} {
		if err := h.store.SetRule(ctx, kv[0], kv[1]); err == nil {
			t.Fatalf("SetRule(%s, %s) accepted a bad value", kv[0], kv[1])
		}
	}
	if err := h.store.SetRule(ctx, KeyQuietCustom, "mon-fri 09:00-19:00, sat 10:00-12:00"); err != nil {
		t.Fatal(err)
	}
	if err := h.store.SetRule(ctx, KeyQuiet, "custom"); err != nil {
		t.Fatal(err)
	}
	r, err := h.store.LoadRules(ctx)
	if err != nil {
		t.Fatal(err)
	}
	loc := paris(t, "2026-06-01 10:00").Location()
	if !r.Policy.QuietEnabled || !r.Policy.Quiet.Allowed(paris(t, "2026-06-06 11:00"), loc) ||
		r.Policy.Quiet.Allowed(paris(t, "2026-06-06 13:00"), loc) || r.Policy.Quiet.Allowed(paris(t, "2026-06-07 11:00"), loc) {
		t.Fatalf("custom quiet hours do not follow the setting: %+v", r.Policy.Quiet.Days)
	}
	if d := DefaultRules(); d.Policy.Cap.Max != 4 || d.Policy.Cap.Per != 30*24*time.Hour || d.Policy.CapAction != compliance.CapHold ||
		d.Policy.Footer != DefaultFooter || !d.Policy.QuietEnabled {
		t.Fatalf("defaults = %+v, want France, 4 per 30 days held, the default footer", d.Policy)
	}
}

func TestTheCapAndStopQueriesUseTheirIndexes(t *testing.T) {
	h := newHarness(t, paris(t, "2026-06-01 10:00"))
	for q, index := range map[string]string{
		`SELECT recipient, sent_at FROM deliveries WHERE kind = 'marketing' AND sent_at <> '' AND sent_at > ?
			AND recipient IN (?, ?)`: "deliveries_marketing_sent",
		`UPDATE deliveries SET state = 'skipped' WHERE recipient = ? AND state IN ('scheduled', 'retryable')
			AND kind = 'marketing'`: "deliveries_pending_recipient",
	} {
		rows, err := h.db.R.QueryContext(t.Context(), `EXPLAIN QUERY PLAN `+q, "x", "y", "z")
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		if !strings.Contains(strings.Join(plan, "; "), index) {
			t.Fatalf("plan of %q = %q, want it to use %s", q, plan, index)
		}
	}
}
