package messagebird_test

import (
	"bytes"
	"testing"
	"time"

	"minuit/scheduler"
	"minuit/scheduler/messagebird"
	"minuit/scheduler/messagebird/mbemu"
)

var handOffStart = time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)

// clocked returns an emulator and a provider that share a settable clock.
func clocked(t *testing.T, opts ...mbemu.Option) (*mbemu.Server, *messagebird.Provider, *fakeClock) {
	t.Helper()
	clock := newFakeClock(handOffStart)
	emu := newEmu(t, append([]mbemu.Option{mbemu.WithClock(clock.Now)}, opts...)...)
	p := newProviderWith(t, messagebird.Config{AccessKey: mbemu.DefaultAccessKey, BaseURL: emu.URL(), Now: clock.Now})
	return emu, p, clock
}

func TestCapabilitiesHandOffFromTenMinutesToThirtyFiveDaysAhead(t *testing.T) {
	c := newProviderWith(t, messagebird.Config{AccessKey: "k"}).Capabilities()
	if c.MaxBatch != 50 || c.Idempotent || c.ScheduleMin != 10*time.Minute || c.ScheduleMax != 35*24*time.Hour {
		t.Errorf("Capabilities = %+v, want 50 recipients, not idempotent, hand-off 10m..35 days", c)
	}
	if !c.CanSchedule(2*time.Hour) || c.CanSchedule(5*time.Minute) || c.CanSchedule(36*24*time.Hour) {
		t.Errorf("CanSchedule accepts the wrong delays for %+v", c)
	}
}

func TestSendHandsSendAtToMessageBirdInUTCRoundedUpToTheSecond(t *testing.T) {
	emu, p, _ := clocked(t)
	paris := time.FixedZone("CET", 3600)
	b := batch("later", "+33612345678")
	b.SendAt = time.Date(2026, 12, 7, 13, 30, 0, 200_000_000, paris)
	acc, err := p.Send(t.Context(), b)
	if err != nil {
		t.Fatalf("Send: %v", err)
	}
	raw := emu.Requests()[0].RawBody
	if !bytes.Contains(raw, []byte(`"scheduledDatetime":"2026-12-07T12:30:01Z"`)) {
		t.Errorf("body %s, want scheduledDatetime 2026-12-07T12:30:01Z", raw)
	}
	m, _ := emu.Message(acc.ID)
	if want := time.Date(2026, 12, 7, 12, 30, 1, 0, time.UTC); !m.Scheduled.Equal(want) {
		t.Errorf("MessageBird scheduled it at %v, want %v", m.Scheduled, want)
	}
}

func TestSendWithoutSendAtLeavesAtOnce(t *testing.T) {
	emu, p, _ := clocked(t)
	if _, err := p.Send(t.Context(), batch("now", "+33612345678")); err != nil {
		t.Fatalf("Send: %v", err)
	}
	if raw := emu.Requests()[0].RawBody; bytes.Contains(raw, []byte("scheduledDatetime")) {
		t.Errorf("body %s carries a scheduledDatetime", raw)
	}
}

func TestSendRefusesAHandOffBeyondThirtyFiveDaysWithoutCallingMessageBird(t *testing.T) {
	emu, p, clock := clocked(t)
	b := batch("far", "+33612345678")
	b.SendAt = clock.Now().Add(35*24*time.Hour + time.Minute)
	_, err := p.Send(t.Context(), b)
	wantProviderError(t, err, scheduler.Permanent, "a message can be handed to MessageBird at most 35 days ahead")
	if n := len(emu.Requests()); n != 0 {
		t.Errorf("%d requests reached MessageBird, want 0", n)
	}
	b.SendAt = clock.Now().Add(35 * 24 * time.Hour)
	if _, err := p.Send(t.Context(), b); err != nil {
		t.Errorf("a hand-off exactly 35 days ahead: %v", err)
	}
}

func TestStatusOfAHandedOffMessageIsScheduledUntilItsTimeThenDelivered(t *testing.T) {
	_, p, clock := clocked(t)
	b := batch("h1", "+33612345678")
	b.SendAt = clock.Now().Add(time.Hour)
	acc, err := p.Send(t.Context(), b)
	if err != nil {
		t.Fatalf("Send: %v", err)
	}
	for _, step := range []struct {
		at   time.Duration
		want scheduler.DLR
	}{{0, scheduler.DLRScheduled}, {59 * time.Minute, scheduler.DLRScheduled}, {61 * time.Minute, scheduler.DLRDelivered}} {
		clock.Set(handOffStart.Add(step.at))
		got, err := p.Status(t.Context(), acc.ID)
		if err != nil || len(got) != 1 || got[0].Status != step.want {
			t.Errorf("at +%v: Status = %+v, %v; want %q", step.at, got, err, step.want)
		}
	}
}
