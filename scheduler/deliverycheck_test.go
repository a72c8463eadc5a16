package scheduler

import (
	"strings"
	"testing"
	"time"

	"minuit/internal/minuit"
)

const shopPhone = "+33687654321"

func TestTheDeliveryCheckPlansOneWeeklyTransactionalTextAndReplacesTheOld(t *testing.T) {
	h := newHarness(t, paris(t, "2026-11-25 15:00")) // a Wednesday
	ctx := t.Context()
	first, err := h.store.SetDeliveryCheck(ctx, shopPhone, "Test Minuit", "Europe/Paris", h.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	m, err := h.store.Message(ctx, first)
	if err != nil {
		t.Fatal(err)
	}
	if m.Kind != minuit.Transactional || m.RRule != DeliveryCheckRule || m.At != "2026-11-30 10:00" || m.Recipients[0].Value != shopPhone {
		t.Fatalf("test message %+v, want transactional, weekly, from Monday 30 November 10:00 to the shop", m)
	}
	second, err := h.store.SetDeliveryCheck(ctx, shopPhone, "Test Minuit", "Europe/Paris", h.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	if old, _ := h.store.Message(ctx, first); old.Status != MessageCancelled || second == first {
		t.Fatalf("the old test is %s; a new one must replace it", old.Status)
	}
	if _, err := h.store.SetDeliveryCheck(ctx, "", "", "Europe/Paris", h.clock.Now()); err != nil {
		t.Fatal(err)
	}
	st, err := h.store.DeliveryCheckStatus(ctx)
	if last, _ := h.store.Message(ctx, second); err != nil || st.Number != "" || last.Status != MessageCancelled {
		t.Fatalf("after turning it off: %+v (%v), test message %s", st, err, last.Status)
	}
}

func TestATestTextNotReportedDeliveredWithinAnHourRaisesOneAlert(t *testing.T) {
	h := newHarness(t, paris(t, "2026-11-29 12:00"))
	ctx := t.Context()
	if _, err := h.store.SetDeliveryCheck(ctx, shopPhone, "Test Minuit", "Europe/Paris", h.clock.Now()); err != nil {
		t.Fatal(err)
	}
	h.clock.Set(paris(t, "2026-11-30 10:00"))
	h.pass() // sent; the recorder never reports it delivered
	check := func(at string) []Event {
		t.Helper()
		evs, err := h.store.CheckDeliveries(ctx, paris(t, at))
		if err != nil {
			t.Fatal(err)
		}
		return evs
	}
	if evs := check("2026-11-30 10:30"); len(evs) != 0 {
		t.Fatalf("alerted after 30 minutes: %+v", evs)
	}
	evs := check("2026-11-30 11:01")
	if len(evs) != 1 || evs[0].Kind != EventDeliveryCheck || !evs[0].Problem() || !strings.Contains(evs[0].Reason, shopPhone) {
		t.Fatalf("after an hour: %+v, want one delivery-check problem", evs)
	}
	if evs := check("2026-11-30 15:00"); len(evs) != 0 {
		t.Fatalf("alerted twice for one test: %+v", evs)
	}
	st, err := h.store.DeliveryCheckStatus(ctx)
	if err != nil || st.Last.State != Sent || st.Number != shopPhone {
		t.Fatalf("status %+v, %v", st, err)
	}
}

func TestADeliveredTestTextRaisesNothingAndAFailedOneAtOnce(t *testing.T) {
	h := newHarness(t, paris(t, "2026-11-29 12:00"))
	ctx := t.Context()
	if _, err := h.store.SetDeliveryCheck(ctx, shopPhone, "Test Minuit", "Europe/Paris", h.clock.Now()); err != nil {
		t.Fatal(err)
	}
	h.prov.status = DLRDelivered
	h.clock.Set(paris(t, "2026-11-30 10:00"))
	h.pass()
	h.clock.Advance(firstCheck)
	h.pass()
	if evs, err := h.store.CheckDeliveries(ctx, h.clock.Now().Add(3*time.Hour)); err != nil || len(evs) != 0 {
		t.Fatalf("a delivered test alerted: %+v, %v", evs, err)
	}
	h.prov.status = DLRFailed
	h.prov.reason = "unknown subscriber"
	h.clock.Set(paris(t, "2026-12-07 10:00"))
	h.pass()
	h.clock.Advance(firstCheck)
	h.pass()
	evs, err := h.store.CheckDeliveries(ctx, h.clock.Now())
	if err != nil || len(evs) != 1 || !strings.Contains(evs[0].Reason, "Failed") {
		t.Fatalf("a failed test: %+v, %v; want one alert at once", evs, err)
	}
}
