package scheduler

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"minuit/internal/minuit"
)

// replier is a recorder that also has replies to read.
type replier struct {
	*recorder
	mu      sync.Mutex
	replies []InboundMessage
	reads   int
	err     error // what Inbound answers instead of the replies
}

func (r *replier) Inbound(_ context.Context, since time.Time) ([]InboundMessage, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.reads++
	if r.err != nil {
		return nil, r.err
	}
	var out []InboundMessage
	for _, m := range r.replies {
		if !m.At.Before(since) {
			out = append(out, m)
		}
	}
	return out, nil
}

func (r *replier) reply(id, from, body string, at time.Time) {
	r.mu.Lock()
	r.replies = append(r.replies, InboundMessage{ID: id, From: from, Body: body, At: at})
	r.mu.Unlock()
}

type consentCall struct {
	number, proof string
	at            time.Time
}

// newReplyHarness is a gate harness whose provider has replies and whose engine
// records the opt-out and opt-in callbacks.
func newReplyHarness(t *testing.T, start time.Time) (*harness, *replier, *[]consentCall, *[]consentCall) {
	h := newGateHarness(t, start)
	rp := &replier{recorder: h.prov}
	var outs, ins []consentCall
	h.eng = New(Config{Store: h.store, Provider: rp, Clock: h.clock, Directory: h.dir, MaxWait: time.Hour,
		OnOptOut: func(_ context.Context, n, proof string, at time.Time) error {
			outs = append(outs, consentCall{n, proof, at})
			return nil
		},
		OnOptIn: func(_ context.Context, n, proof string, at time.Time) error {
			ins = append(ins, consentCall{n, proof, at})
			return nil
		},
		OnEvent: func(e Event) { h.mu.Lock(); h.evs = append(h.evs, e); h.mu.Unlock() }})
	return h, rp, &outs, &ins
}

func TestAStopReplySkipsTheNumbersPendingMarketingButNotItsTransactionalMessages(t *testing.T) {
	h, rp, outs, ins := newReplyHarness(t, paris(t, "2026-06-01 10:00"))
	first := h.schedule(Message{Body: "Promo de juin", Kind: minuit.Marketing, At: "2026-06-01 10:00", Recipients: to(alice)})
	h.schedule(Message{Body: "Promo de juillet", Kind: minuit.Marketing, At: "2026-06-01 10:40", Recipients: to(alice)})
	h.schedule(Message{Body: "Votre commande est prête", At: "2026-06-01 10:30", Recipients: to(alice)})
	h.pass()
	h.clock.Set(paris(t, "2026-06-01 10:30"))
	if _, err := h.store.Materialize(t.Context(), h.clock.Now().Add(15*time.Minute), h.dir); err != nil {
		t.Fatal(err) // the July promotion is pending, due at 10:40
	}

	at := paris(t, "2026-06-01 10:20")
	rp.reply("mo-1", "33612345678", "Stop !", at) // MessageBird drops the "+"
	rp.reply("mo-2", nobody, "Merci, à bientôt", at)
	h.pass()

	if len(*outs) != 1 || (*outs)[0].number != alice || !strings.Contains((*outs)[0].proof, `"Stop !"`) || !(*outs)[0].at.Equal(at) {
		t.Fatalf("opt-out callbacks = %+v, want one for %s with the reply as proof", *outs, alice)
	}
	var marketing, transactional Delivery
	for _, d := range h.deliveries() {
		switch {
		case d.Kind == minuit.Transactional:
			transactional = d
		case d.MessageID != first:
			marketing = d
		}
	}
	if marketing.State != Skipped || marketing.PolicyReason != ReasonOptedOutByReply || !strings.Contains(marketing.Error, "Stop") {
		t.Fatalf("pending marketing = %s (%q, %q), want skipped because of the reply", marketing.State, marketing.PolicyReason, marketing.Error)
	}
	if transactional.State != Sent {
		t.Fatalf("transactional = %s, want sent", transactional.State)
	}
	if len(h.events(EventOptOut)) != 1 || len(*ins) != 0 {
		t.Fatalf("opt-out events %d, opt-in callbacks %d; want 1 and 0", len(h.events(EventOptOut)), len(*ins))
	}
	rs, err := h.store.Reports(t.Context(), first)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 1 || rs[0].OptOuts != 1 || rs[0].OptOutRate != 1 {
		t.Fatalf("report of the first promo = %+v, want the opt-out counted after it", rs)
	}

	// Read again three minutes later: each reply acts once; START records a new opt-in.
	h.clock.Advance(DefaultInboundEvery)
	rp.reply("mo-3", alice, "START", h.clock.Now())
	h.pass()
	if len(*outs) != 1 || len(*ins) != 1 || (*ins)[0].number != alice {
		t.Fatalf("after START: %d opt-outs, opt-ins %+v; want the opt-out once and one opt-in", len(*outs), *ins)
	}
}

func TestRepliesAreReadEveryFewMinutesNotAtEveryPass(t *testing.T) {
	h, rp, _, _ := newReplyHarness(t, paris(t, "2026-06-01 10:00"))
	h.pass()
	h.clock.Advance(time.Minute)
	h.pass()
	if rp.reads != 1 {
		t.Fatalf("replies read %d times in a minute, want once", rp.reads)
	}
	h.clock.Advance(DefaultInboundEvery)
	h.pass()
	if rp.reads != 2 {
		t.Fatalf("replies read %d times after the interval, want twice", rp.reads)
	}
	since, err := h.store.Setting(t.Context(), KeyInboundSince, "")
	if err != nil || since != "" {
		t.Fatalf("cursor = %q (%v), want none while no reply came", since, err)
	}
}

func TestTheSenderSleepsUntilTheNextReplyPollWhenNothingElseIsDue(t *testing.T) {
	h, _, _, _ := newReplyHarness(t, paris(t, "2026-06-01 10:00"))
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- h.eng.Run(ctx) }()
	tm := <-h.clock.timers
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if tm.d != DefaultInboundEvery {
		t.Fatalf("the sender slept %v, want %v (the next reply poll)", tm.d, DefaultInboundEvery)
	}
}

func TestRepliesThatCannotBeReadThreeTimesInARowAreSaidOnce(t *testing.T) {
	h, rp, _, _ := newReplyHarness(t, paris(t, "2026-06-01 10:00"))
	rp.mu.Lock()
	rp.err = &ProviderError{Class: Permanent, Reason: "Twilio needs the number replies come to"}
	rp.mu.Unlock()
	for range 5 {
		h.pass()
		h.clock.Advance(DefaultInboundEvery)
	}
	evs := h.events(EventInboundProblem)
	if len(evs) != 1 || !evs[0].Problem() || !strings.Contains(evs[0].Reason, "Twilio needs the number replies come to") {
		t.Fatalf("events %+v, want one problem naming the provider's reason", evs)
	}
	if h.eng.InboundProblem() != evs[0].Reason {
		t.Errorf("InboundProblem() = %q, want the event's reason", h.eng.InboundProblem())
	}
	rp.mu.Lock()
	rp.err = nil
	rp.mu.Unlock()
	h.pass() // a read works: the count starts again
	h.clock.Advance(DefaultInboundEvery)
	if h.eng.InboundProblem() != "" {
		t.Errorf("InboundProblem() = %q after a read worked", h.eng.InboundProblem())
	}
	rp.mu.Lock()
	rp.err = &ProviderError{Class: Transient, Reason: "Twilio is unavailable"}
	rp.mu.Unlock()
	for range 3 {
		h.pass()
		h.clock.Advance(DefaultInboundEvery)
	}
	if n := len(h.events(EventInboundProblem)); n != 2 {
		t.Errorf("%d problems after a recovery and three new failures, want 2", n)
	}
}
