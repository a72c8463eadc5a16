package providertest

import (
	"errors"
	"testing"
	"time"

	"minuit/scheduler"
)

func sendOne(t *testing.T, e *env) {
	b := e.batch(e.Delivered)
	acc := e.send(t, b)
	if len(acc.Recipients) != 1 || acc.Recipients[0] != e.Delivered {
		t.Errorf("accepted recipients %v, want [%s]", acc.Recipients, e.Delivered)
	}
	if n := e.Emulator.Created(e.Delivered, b.Body); n != 1 {
		t.Errorf("the emulator created %d messages, want 1", n)
	}
}

func fullBatch(t *testing.T, e *env) {
	max := e.Provider.Capabilities().MaxBatch
	if max < 1 || max > scheduler.MaxBatch {
		t.Fatalf("MaxBatch = %d, want 1..%d", max, scheduler.MaxBatch)
	}
	nums := numbers(max + 1)
	b := e.batch(nums[:max]...)
	acc := e.send(t, b)
	if len(acc.Recipients) != max {
		t.Errorf("accepted %d recipients, want %d", len(acc.Recipients), max)
	}
	over := e.batch(nums...)
	_, err := e.Provider.Send(e.ctx, over)
	expectClass(t, err, scheduler.Permanent)
	if n := e.Emulator.Created(nums[0], over.Body); n != 0 {
		t.Errorf("an oversized batch created %d messages", n)
	}
}

// numbers returns n distinct valid French mobile numbers.
func numbers(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = "+3361234" + string(rune('0'+i/1000%10)) + string(rune('0'+i/100%10)) + string(rune('0'+i/10%10)) + string(rune('0'+i%10))
	}
	return out
}

func statusProgresses(t *testing.T, e *env) {
	ok := e.send(t, e.batch(e.Delivered))
	bad := e.send(t, e.batch(e.Failed))
	if s := e.status(t, ok.ID, e.Delivered); s.Status != scheduler.DLRPending {
		t.Errorf("right after sending the status is %q, want pending", s.Status)
	}
	e.clock.Advance(10 * time.Minute)
	if s := e.status(t, ok.ID, e.Delivered); s.Status != scheduler.DLRDelivered {
		t.Errorf("ten minutes later the status is %q, want delivered", s.Status)
	}
	s := e.status(t, bad.ID, e.Failed)
	if s.Status != scheduler.DLRFailed || s.Reason == "" {
		t.Errorf("the failing number's status is %q (%q), want failed with a reason", s.Status, s.Reason)
	}
}

func lookupAfterCrash(t *testing.T, e *env) {
	since := e.clock.Now().Add(-time.Minute)
	sent := e.batch(e.Delivered)
	acc := e.send(t, sent)
	never := e.batch(e.Delivered)
	e.clock.Advance(time.Minute)
	found, err := e.Provider.Lookup(e.ctx, []scheduler.Batch{sent, never}, since)
	if err != nil {
		t.Fatalf("Lookup: %v", err)
	}
	if got, ok := found[sent.Reference]; !ok || got.ID != acc.ID {
		t.Errorf("Lookup found %+v for the sent batch, want id %s", got, acc.ID)
	}
	if got, ok := found[never.Reference]; ok {
		t.Errorf("Lookup found %+v for a batch never sent", got)
	}
}

func droppedIsReconciled(t *testing.T, e *env) {
	since := e.clock.Now().Add(-time.Minute)
	b := e.batch(e.Delivered)
	e.Emulator.Inject(FaultDropAfter)
	_, err := e.Provider.Send(e.ctx, b)
	expectClass(t, err, scheduler.Ambiguous)
	found, err := e.Provider.Lookup(e.ctx, []scheduler.Batch{b}, since)
	if err != nil {
		t.Fatalf("Lookup: %v", err)
	}
	acc, ok := found[b.Reference]
	if !ok {
		t.Fatalf("Lookup did not find the message the emulator created")
	}
	if e.Provider.Capabilities().Idempotent {
		again := e.send(t, b)
		if again.ID != acc.ID {
			t.Errorf("an idempotent resend created %s, want the original %s", again.ID, acc.ID)
		}
	}
	if n := e.Emulator.Created(e.Delivered, b.Body); n != 1 {
		t.Errorf("the emulator created %d messages, want 1", n)
	}
}

func throttle(t *testing.T, e *env) {
	b := e.batch(e.Delivered)
	e.Emulator.Inject(FaultThrottle)
	_, err := e.Provider.Send(e.ctx, b)
	pe := expectClass(t, err, scheduler.Transient)
	if pe.RetryAfter < time.Second {
		t.Errorf("RetryAfter = %v, want the emulator's wait of at least 1s", pe.RetryAfter)
	}
	if n := e.Emulator.Created(e.Delivered, b.Body); n != 0 {
		t.Errorf("a throttled request created %d messages", n)
	}
}

func serverError(t *testing.T, e *env) {
	b := e.batch(e.Delivered)
	e.Emulator.Inject(FaultServer)
	_, err := e.Provider.Send(e.ctx, b)
	pe := expectClass(t, err, scheduler.Transient)
	if pe.Account {
		t.Errorf("a server error is not an account problem")
	}
	if n := e.Emulator.Created(e.Delivered, b.Body); n != 0 {
		t.Errorf("a refused request created %d messages", n)
	}
}

func wrongCredentials(t *testing.T, e *env) {
	e.Emulator.Inject(FaultAuth)
	_, err := e.Provider.Send(e.ctx, e.batch(e.Delivered))
	if pe := expectClass(t, err, scheduler.Permanent); !pe.Account {
		t.Errorf("wrong credentials on send: Account = false (%v)", err)
	}
	e.Emulator.Inject(FaultAuth)
	_, err = e.Provider.Balance(e.ctx)
	if !scheduler.AccountProblem(err) {
		t.Errorf("wrong credentials on the balance: %v, want an account problem", err)
	}
	if _, err := e.Provider.Balance(e.ctx); err != nil {
		t.Errorf("the balance with the right credentials: %v", err)
	}
}

func invalidNumber(t *testing.T, e *env) {
	_, err := e.Provider.Send(e.ctx, e.batch(e.Invalid))
	if err == nil {
		// Providers that drop invalid recipients and keep the rest refuse a batch
		// of invalid numbers only; others refuse the request.
		t.Fatalf("a batch of only an invalid number was accepted")
	}
	if pe := expectClass(t, err, scheduler.Permanent); pe.Account || pe.OptedOut {
		t.Errorf("an invalid number is neither an account problem nor an opt-out: %+v", pe)
	}
}

func optedOut(t *testing.T, e *env) {
	if e.OptedOut == "" {
		t.Skip("the provider has no opt-out list of its own")
	}
	acc, err := e.Provider.Send(e.ctx, e.batch(e.OptedOut))
	if err != nil {
		if !scheduler.OptedOut(err) {
			t.Fatalf("sending to an opted-out number: %v, want an opt-out", err)
		}
		expectClass(t, err, scheduler.Permanent)
		return
	}
	e.clock.Advance(10 * time.Minute)
	if s := e.status(t, acc.ID, e.OptedOut); s.Status != scheduler.DLRFailed || !s.OptedOut {
		t.Errorf("the opted-out number's status is %+v, want failed and opted out", s)
	}
}

func inbound(t *testing.T, e *env) {
	ip, ok := e.Provider.(scheduler.InboundProvider)
	if !ok {
		t.Skip("the provider reads no replies")
	}
	since := e.clock.Now().Add(-time.Hour)
	stop := e.clock.Now().Add(-10 * time.Minute).Truncate(time.Second)
	e.Emulator.AddInbound("+33611223344", "STOP", stop)
	e.Emulator.AddInbound("+33655667788", "start", stop.Add(time.Minute))
	msgs, err := ip.Inbound(e.ctx, since)
	if err != nil {
		t.Fatalf("Inbound: %v", err)
	}
	got := map[string]scheduler.InboundMessage{}
	for _, m := range msgs {
		if m.ID == "" {
			t.Errorf("reply %+v has no id", m)
		}
		got[m.From] = m
	}
	if m := got["+33611223344"]; m.Body != "STOP" || !m.At.Equal(stop) {
		t.Errorf("STOP reply read as %+v, want body STOP at %v", m, stop)
	}
	if m := got["+33655667788"]; m.Body != "start" {
		t.Errorf("START reply read as %+v", m)
	}
	later, err := ip.Inbound(e.ctx, e.clock.Now().Add(time.Hour))
	if err != nil {
		t.Fatalf("Inbound: %v", err)
	}
	for _, m := range later {
		if m.At.Before(e.clock.Now()) {
			t.Errorf("Inbound(since an hour ahead) returned the old reply %+v", m)
		}
	}
}

// handOff returns a batch due `ahead` (inside the window) and skips the test when
// the provider cannot schedule.
func (e *env) handOff(t *testing.T, ahead time.Duration) scheduler.Batch {
	c := e.Provider.Capabilities()
	if c.ScheduleMax == 0 {
		t.Skip("the provider cannot schedule")
	}
	if !c.CanSchedule(ahead) {
		t.Fatalf("the window [%v, %v] does not hold %v", c.ScheduleMin, c.ScheduleMax, ahead)
	}
	b := e.batch(e.Delivered)
	b.SendAt = e.clock.Now().Add(ahead)
	return b
}

func scheduleLeavesAtItsTime(t *testing.T, e *env) {
	b := e.handOff(t, 2*time.Hour)
	acc := e.send(t, b)
	if s := e.status(t, acc.ID, e.Delivered); s.Status != scheduler.DLRScheduled && s.Status != scheduler.DLRPending {
		t.Errorf("before its time the status is %q, want scheduled", s.Status)
	}
	e.clock.Advance(time.Hour)
	if s := e.status(t, acc.ID, e.Delivered); s.Status == scheduler.DLRDelivered {
		t.Errorf("an hour early the message is already delivered")
	}
	e.clock.Advance(time.Hour + 10*time.Minute)
	if s := e.status(t, acc.ID, e.Delivered); s.Status != scheduler.DLRDelivered {
		t.Errorf("after its time the status is %q, want delivered", s.Status)
	}
	if n := e.Emulator.Created(e.Delivered, b.Body); n != 1 {
		t.Errorf("the emulator created %d messages, want 1", n)
	}
	far := e.batch(e.Delivered)
	far.SendAt = e.clock.Now().Add(e.Provider.Capabilities().ScheduleMax + 24*time.Hour)
	if _, err := e.Provider.Send(e.ctx, far); err == nil {
		t.Errorf("a hand-off beyond the provider's window was accepted")
	}
}

func scheduleCancel(t *testing.T, e *env) {
	b := e.handOff(t, 2*time.Hour)
	c, ok := e.Provider.(scheduler.Canceller)
	if !ok {
		t.Fatalf("the provider can schedule but not cancel")
	}
	acc := e.send(t, b)
	if err := c.Cancel(e.ctx, acc.ID); err != nil {
		t.Fatalf("Cancel: %v", err)
	}
	e.clock.Advance(3 * time.Hour)
	if s := e.status(t, acc.ID, e.Delivered); s.Status != scheduler.DLRCancelled {
		t.Errorf("a cancelled message's status is %q, want cancelled", s.Status)
	}
	left := e.send(t, e.handOff(t, 2*time.Hour))
	e.clock.Advance(3 * time.Hour)
	err := c.Cancel(e.ctx, left.ID)
	if !errors.Is(err, scheduler.ErrAlreadySent) {
		t.Errorf("cancelling a message that left: %v, want ErrAlreadySent", err)
	}
}
