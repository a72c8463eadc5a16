package scheduler

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"minuit/internal/db"
	"minuit/internal/minuit"
)

// totalsFromDeliveries is report_totals recomputed from the deliveries with
// AcceptedSQL: what the triggers must keep.
func totalsFromDeliveries(t *testing.T, h *harness) map[string]int {
	t.Helper()
	got := map[string]int{}
	rows, err := h.db.R.Query(`SELECT substr(occurrence, 1, 14) || printf('%02d', CAST(substr(occurrence, 15, 2) AS INTEGER) / 15 * 15),
		message_id, CASE WHEN state IN ('scheduled', 'sending', 'retryable', 'handed_off') THEN 'pending' ELSE state END,
		` + AcceptedSQL + `, CASE WHEN state = 'skipped' THEN policy_reason ELSE '' END,
		CASE WHEN ` + AcceptedSQL + ` THEN provider ELSE '' END,
		substr(recipient, 2, 3), count(*), sum(segments) FROM deliveries GROUP BY 1, 2, 3, 4, 5, 6, 7`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var slot, state, reason, provider, prefix string
		var msg int64
		var acc bool
		var n, parts int
		if err := rows.Scan(&slot, &msg, &state, &acc, &reason, &provider, &prefix, &n, &parts); err != nil {
			t.Fatal(err)
		}
		got[fmt.Sprint(slot, msg, state, acc, reason, provider, prefix)] = n*1000 + parts
	}
	return got
}

func totalsKept(t *testing.T, h *harness) map[string]int {
	t.Helper()
	if err := h.store.FoldReports(t.Context()); err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	rows, err := h.db.R.Query(`SELECT slot, message_id, state, accepted, reason, provider, prefix, n, parts FROM report_totals`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var slot, state, reason, provider, prefix string
		var msg int64
		var acc bool
		var n, parts int
		if err := rows.Scan(&slot, &msg, &state, &acc, &reason, &provider, &prefix, &n, &parts); err != nil {
			t.Fatal(err)
		}
		if n == 0 && parts == 0 {
			continue // emptied; readers skip it
		}
		got[fmt.Sprint(slot, msg, state, acc, reason, provider, prefix)] = n*1000 + parts
	}
	return got
}

func TestReportTotalsMatchTheDeliveries(t *testing.T) {
	h := newHarness(t, paris(t, "2026-06-01 09:59"))
	h.schedule(Message{Body: "Soldes", At: "2026-06-01 10:00", Recipients: to("+33612345678", "+32470000001", "+41790000002")})
	h.schedule(Message{Body: "Rappel", At: "2026-06-03 10:00", Recipients: to("+33612345679")})
	h.clock.Set(paris(t, "2026-06-01 10:00"))
	h.pass()
	seedDeliveries(t, h, 300, time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC), 7*time.Minute)
	// Move deliveries at random through every state, time, reason, provider and
	// number, and delete some, as the engine, a cancel or a forgotten contact would.
	r := rand.New(rand.NewPCG(3, 4))
	states := []State{Scheduled, Sending, HandedOff, Retryable, Sent, Delivered, Failed, Expired, Cancelled, Missed,
		Unconfirmed, Skipped}
	for i := range 600 {
		id := 1 + r.IntN(303)
		var err error
		switch i % 6 {
		case 0, 1:
			sent := ""
			if r.IntN(2) == 0 {
				sent = db.FormatTime(time.Date(2026, 6, 1, r.IntN(24), 0, 0, 0, time.UTC))
			}
			_, err = h.db.W.Exec(`UPDATE deliveries SET state = ?, sent_at = ? WHERE id = ?`, states[r.IntN(len(states))], sent, id)
		case 2:
			_, err = h.db.W.Exec(`UPDATE deliveries SET policy_reason = ? WHERE id = ?`, []string{"", "no-consent", "opted-out"}[r.IntN(3)], id)
		case 3:
			_, err = h.db.W.Exec(`UPDATE deliveries SET occurrence = ?, provider = ? WHERE id = ?`,
				db.FormatTime(time.Date(2026, 6, 2, r.IntN(24), r.IntN(60), 0, 0, time.UTC)), []string{"twilio", "sandbox"}[r.IntN(2)], id)
		case 4:
			_, err = h.db.W.Exec(`UPDATE deliveries SET recipient = ?, segments = ? WHERE id = ?`,
				fmt.Sprintf("+4420%08d", r.IntN(1000)), 1+r.IntN(3), id)
		case 5:
			if r.IntN(10) == 0 {
				_, err = h.db.W.Exec(`DELETE FROM deliveries WHERE id = ?`, id)
			}
		}
		if err != nil {
			t.Fatal(err)
		}
		if i == 300 { // folded halfway too: a fold takes up where the last stopped
			if err := h.store.FoldReports(t.Context()); err != nil {
				t.Fatal(err)
			}
		}
	}
	want, got := totalsFromDeliveries(t, h), totalsKept(t, h)
	if fmt.Sprint(want) != fmt.Sprint(got) {
		t.Fatalf("report_totals drifted from the deliveries:\nkept %v\nwant %v", got, want)
	}
}

func TestHistoryAndReportsGiveTheSameDeliveryRate(t *testing.T) {
	h := newHarness(t, paris(t, "2026-06-01 09:59"))
	h.schedule(Message{Body: "Soldes", At: "2026-06-01 10:00", Recipients: to("+33612345678", "+33612345679", "+33612345670")})
	h.clock.Set(paris(t, "2026-06-01 10:00"))
	h.pass()
	// One delivered, one failed at the operator after it left, one still waiting.
	for i, st := range []State{Delivered, Failed} {
		if _, err := h.db.W.Exec(`UPDATE deliveries SET state = ? WHERE id = ?`, st, i+1); err != nil {
			t.Fatal(err)
		}
	}
	from, to := paris(t, "2026-06-01 00:00"), paris(t, "2026-06-02 00:00")
	sum, err := h.store.Summary(t.Context(), from, to)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := h.store.Report(t.Context(), ReportQuery{From: from, To: to})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Sent != 3 || rep.Total.Sent != 3 || sum.Rate() != rep.Total.DeliveryRate || rep.Messages[0].DeliveryRate != DeliveryRate(1, 3) {
		t.Fatalf("history: %d sent, rate %v; report: %d sent, rate %v; want 3 sent and 1/3 in both",
			sum.Sent, sum.Rate(), rep.Total.Sent, rep.Total.DeliveryRate)
	}
}

func TestAPeriodReportCountsOnlyItsDeliveriesAndListsEveryDay(t *testing.T) {
	h := newHarness(t, paris(t, "2026-06-01 09:00"))
	seedDeliveries(t, h, 10*24, time.Date(2026, 6, 10, 23, 0, 0, 0, time.UTC), time.Hour) // June 1–10, hourly
	loc := mustZone(t, "Europe/Paris")
	from, to := time.Date(2026, 6, 3, 0, 0, 0, 0, loc), time.Date(2026, 6, 6, 0, 0, 0, 0, loc)
	rep, err := h.store.Report(t.Context(), ReportQuery{From: from, To: to, Loc: loc})
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := h.db.R.QueryRow(`SELECT count(*) FROM deliveries WHERE occurrence >= ? AND occurrence < ?`,
		db.FormatTime(from), db.FormatTime(to)).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if rep.Total.Recipients != n || n != 72 || len(rep.Days) != 3 || !rep.Days[0].Day.Equal(from) {
		t.Fatalf("%d deliveries over %d days from %v; want %d over 3 days from %v", rep.Total.Recipients, len(rep.Days),
			rep.Days[0].Day, n, from)
	}
	day := 0
	for _, d := range rep.Days {
		day += d.Delivered + d.Waiting + d.Failed + d.Missed + d.Skipped + d.Pending + d.Cancelled
	}
	if day != n {
		t.Fatalf("the days add up to %d, want %d", day, n)
	}
}

func TestCostIsPartsSentTimesThePriceOfTheirProviderAndCountry(t *testing.T) {
	h := newHarness(t, paris(t, "2026-06-01 09:59"))
	h.schedule(Message{Body: "Soldes", At: "2026-06-01 10:00", Recipients: to("+33612345678", "+32470000001", "+41790000002")})
	h.clock.Set(paris(t, "2026-06-01 10:00"))
	h.pass()
	if _, err := h.db.W.Exec(`UPDATE deliveries SET segments = 2`); err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	for _, p := range [][3]string{{"recorder", "FR", "0,05"}, {"*", "BE", "0.09"}} {
		if _, err := h.store.SetPrice(ctx, p[0], p[1], p[2]); err != nil {
			t.Fatal(err)
		}
	}
	rep, err := h.store.Report(ctx, ReportQuery{})
	if err != nil {
		t.Fatal(err)
	}
	// FR: 2 parts × 0.05; BE: 2 × 0.09; CH: 2 × the built-in 0.10 for anywhere.
	if want := 2*0.05 + 2*0.09 + 2*0.10; !near(rep.Total.Cost, want) || rep.Total.Parts != 6 || !rep.Estimate {
		t.Fatalf("cost %v for %d parts (estimate %v), want %v for 6 with an estimate", rep.Total.Cost, rep.Total.Parts,
			rep.Estimate, want)
	}
	if _, err := h.store.SetPrice(ctx, "*", "*", "0.07"); err != nil { // the Price per SMS part setting
		t.Fatal(err)
	}
	if v, _ := h.store.Setting(ctx, minuit.KeyPricePerPart, ""); v != "0.07" {
		t.Fatalf("the any-any price went to %q, want the setting", v)
	}
	if rep, _ = h.store.Report(ctx, ReportQuery{}); !near(rep.Total.Cost, 2*0.05+2*0.09+2*0.07) || rep.Estimate {
		t.Fatalf("cost %v (estimate %v) once every price is the user's", rep.Total.Cost, rep.Estimate)
	}
	if len(rep.Months) != 1 || !near(rep.Months[0].Cost, rep.Total.Cost) || len(rep.Costs) != 3 {
		t.Fatalf("months %+v, costs %+v", rep.Months, rep.Costs)
	}
}

func near(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }

func TestTheSandboxCostsNothingWhateverTheDefaultPrice(t *testing.T) {
	pt := PriceTable{user: map[[2]string]float64{{Any, Any}: 0.07}, builtin: map[[2]string]float64{}}
	for _, p := range DefaultPrices {
		pt.builtin[[2]string{p.Provider, p.Country}] = p.PerPart
	}
	for _, c := range []struct {
		provider, country string
		want              float64
		estimate          bool
	}{{"sandbox", "FR", 0, true}, {"smsgate", "US", 0, true}, {"twilio", "FR", 0.07, false}, {"twilio", "ZZ", 0.07, false}} {
		if got, est := pt.For(c.provider, c.country); got != c.want || est != c.estimate {
			t.Errorf("%s to %s: %v (estimate %v), want %v (%v)", c.provider, c.country, got, est, c.want, c.estimate)
		}
	}
}

func TestAPriceThatIsNotOneIsRefusedInASentence(t *testing.T) {
	h := newHarness(t, paris(t, "2026-06-01 09:59"))
	for _, p := range [][3]string{{"Twi lio", "FR", "0.1"}, {"twilio", "France", "0.1"}, {"twilio", "FR", "-1"},
		{"twilio", "FR", "NaN"}, {"twilio", "FR", "1e9"}, {"twilio", "FR", "dix"}, {"", "FR", "0.1"}} {
		if _, err := h.store.SetPrice(t.Context(), p[0], p[1], p[2]); err == nil || !strings.HasSuffix(err.Error(), ".") {
			t.Errorf("%v: %v, want a refusal in a sentence", p, err)
		}
	}
	if ps, _ := h.store.userPrices(t.Context()); len(ps) != 0 {
		t.Fatalf("refused prices were stored: %v", ps)
	}
}

func TestNumbersAreCountedInTheirCountryByCallingCode(t *testing.T) {
	for prefix, want := range map[string]string{"336": "FR", "324": "BE", "417": "CH", "120": "US", "262": "RE",
		"590": "GP", "352": "LU", "999": "ZZ", "": "ZZ", "x1": "ZZ"} {
		if got := CountryOfPrefix(prefix); got != want {
			t.Errorf("+%s… is %s, want %s", prefix, got, want)
		}
	}
}

func TestOptOutsAfterAMessageCountOncePerReplyInTheTotal(t *testing.T) {
	h := newHarness(t, paris(t, "2026-06-01 09:59"))
	first := h.schedule(Message{Body: "Soldes", At: "2026-06-01 10:00", Recipients: to("+33612345678", "+33612345679")})
	second := h.schedule(Message{Body: "Relance", At: "2026-06-02 10:00", Recipients: to("+33612345678")})
	h.clock.Set(paris(t, "2026-06-01 10:00"))
	h.pass()
	h.clock.Set(paris(t, "2026-06-02 10:00"))
	h.pass()
	for i, at := range []string{"2026-06-02 12:00", "2026-05-30 12:00"} { // after both; before either
		if _, err := h.db.W.Exec(`INSERT INTO inbound_replies (provider, provider_id, number, body, received_at, action,
			created_at) VALUES ('recorder', ?, '+33612345678', 'STOP', ?, 'opt-out', '')`, fmt.Sprint(i), db.FormatTime(paris(t, at))); err != nil {
			t.Fatal(err)
		}
	}
	rep, err := h.store.Report(t.Context(), ReportQuery{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[int64]int{}
	for _, m := range rep.Messages {
		got[m.MessageID] = m.OptOuts
	}
	if got[first] != 1 || got[second] != 1 || rep.Total.OptOuts != 1 || rep.Messages[1].OptOutRate != 0.5 {
		t.Fatalf("opt-outs %v, total %d; want one after each message, one in all", got, rep.Total.OptOuts)
	}
}

type shop struct{ calls int }

func (s *shop) Connected() bool { return true }
func (s *shop) Attribute(_ context.Context, ids []int64, _, _ time.Time) (map[int64]Attributed, error) {
	s.calls++
	return map[int64]Attributed{ids[0]: {Orders: 3, Revenue: 129.5}}, nil
}

func TestAConnectedShopCreditsOrdersAndRevenueAndTheCSVShowsThem(t *testing.T) {
	h := newHarness(t, paris(t, "2026-06-01 09:59"))
	h.schedule(Message{Body: "=HYPERLINK(\"x\") Soldes", At: "2026-06-01 10:00", Recipients: to("+33612345678")})
	h.clock.Set(paris(t, "2026-06-01 10:00"))
	h.pass()
	none, err := h.store.Report(t.Context(), ReportQuery{Attribution: NoAttribution{}})
	if err != nil || none.Attributed {
		t.Fatalf("no shop: attributed %v, %v", none.Attributed, err)
	}
	s := &shop{}
	rep, err := h.store.Report(t.Context(), ReportQuery{Attribution: s})
	if err != nil || !rep.Attributed || rep.Total.Orders != 3 || rep.Total.Revenue != 129.5 || s.calls != 1 {
		t.Fatalf("with a shop: %+v, %v", rep.Total, err)
	}
	var b bytes.Buffer
	if err := rep.WriteCSV(&b, TableMessages); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	head, row, total := rows[0], rows[1], rows[len(rows)-1]
	if head[len(head)-1] != "revenue" || row[len(row)-1] != "129.5000" || total[0] != "total" || !strings.HasPrefix(row[2], "'=") {
		t.Fatalf("csv:\n%v", rows)
	}
}

func mustZone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestAPeriodOfCenturiesListsOnlyTheDaysWithDeliveries(t *testing.T) {
	h := newHarness(t, paris(t, "2026-06-01 09:00"))
	seedDeliveries(t, h, 48, time.Date(2026, 6, 2, 23, 0, 0, 0, time.UTC), time.Hour)
	rep, err := h.store.Report(t.Context(), ReportQuery{From: time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC),
		To: time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC), Loc: time.UTC})
	if err != nil || len(rep.Days) != 2 || rep.Total.Recipients != 48 {
		t.Fatalf("%d days, %d deliveries, %v; want the 2 days with the 48", len(rep.Days), rep.Total.Recipients, err)
	}
}
