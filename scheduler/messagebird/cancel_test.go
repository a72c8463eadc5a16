package messagebird_test

import (
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"minuit/scheduler"
	"minuit/scheduler/messagebird"
	"minuit/scheduler/messagebird/mbemu"
)

// handOff sends a two-recipient batch due `ahead` of the clock.
func handOff(t *testing.T, p *messagebird.Provider, clock *fakeClock, ahead time.Duration) scheduler.Accepted {
	t.Helper()
	b := batch("c1", "+33612345678", "+33687654321")
	b.SendAt = clock.Now().Add(ahead)
	acc, err := p.Send(t.Context(), b)
	if err != nil {
		t.Fatalf("Send: %v", err)
	}
	return acc
}

func wantCancelled(t *testing.T, p *messagebird.Provider, id string, at time.Time) {
	t.Helper()
	got, err := p.Status(t.Context(), id)
	if err != nil || len(got) != 2 {
		t.Fatalf("Status after Cancel = %+v, %v; want two cancelled recipients", got, err)
	}
	for _, s := range got {
		if s.Status != scheduler.DLRCancelled || !s.At.Equal(at) {
			t.Errorf("recipient %+v, want cancelled at %v", s, at)
		}
	}
}

func TestCancelDeletesAScheduledMessageAndStatusThenSaysCancelled(t *testing.T) {
	emu, p, clock := clocked(t)
	acc := handOff(t, p, clock, 2*time.Hour)
	if err := p.Cancel(t.Context(), acc.ID); err != nil {
		t.Fatalf("Cancel: %v", err)
	}
	path := "/messages/" + acc.ID
	if countRequests(emu, "GET", path) != 1 || countRequests(emu, "DELETE", path) != 1 {
		t.Errorf("requests %+v, want one GET then one DELETE of %s", emu.Requests(), path)
	}
	if _, ok := emu.Message(acc.ID); ok {
		t.Error("MessageBird still holds the cancelled message")
	}
	clock.Set(handOffStart.Add(3 * time.Hour))
	wantCancelled(t, p, acc.ID, handOffStart)
	if err := p.Cancel(t.Context(), acc.ID); err != nil {
		t.Errorf("a second Cancel: %v, want nil", err)
	}
}

func TestCancelOfAMessageThatLeftIsAlreadySentAndDeletesNothing(t *testing.T) {
	for name, ahead := range map[string]time.Duration{"left": time.Hour, "sent at once": 0} {
		t.Run(name, func(t *testing.T) {
			emu, p, clock := clocked(t)
			acc := handOff(t, p, clock, ahead)
			clock.Set(handOffStart.Add(90 * time.Minute))
			err := p.Cancel(t.Context(), acc.ID)
			wantProviderError(t, err, scheduler.Permanent, "MessageBird had already sent the message")
			if !errors.Is(err, scheduler.ErrAlreadySent) {
				t.Errorf("error %v does not wrap ErrAlreadySent", err)
			}
			if n := countRequests(emu, "DELETE", "/messages/"+acc.ID); n != 0 {
				t.Errorf("%d DELETE requests, want none: the history stays", n)
			}
			if _, ok := emu.Message(acc.ID); !ok {
				t.Error("the message was deleted")
			}
		})
	}
}

func TestCancelWithinAMinuteOfItsTimeCountsAsLeaving(t *testing.T) {
	emu, p, clock := clocked(t)
	acc := handOff(t, p, clock, time.Hour)
	clock.Set(handOffStart.Add(time.Hour - messagebird.CancelMargin))
	if err := p.Cancel(t.Context(), acc.ID); !errors.Is(err, scheduler.ErrAlreadySent) {
		t.Errorf("Cancel a minute before its time: %v, want ErrAlreadySent", err)
	}
	if _, ok := emu.Message(acc.ID); !ok {
		t.Error("the message was deleted")
	}
}

func TestCancelOfAnUnknownMessageIsPermanent(t *testing.T) {
	_, p, _ := clocked(t)
	err := p.Cancel(t.Context(), "0123456789abcdef0123456789abcdef")
	wantProviderError(t, err, scheduler.Permanent, "MessageBird does not know this message")
	if errors.Is(err, scheduler.ErrAlreadySent) {
		t.Errorf("an unknown message is not known to have left: %v", err)
	}
}

func TestCancelRefusesAnIDThatWouldChangeTheRequestPath(t *testing.T) {
	emu, p, _ := clocked(t)
	for _, id := range []string{"", "../balance", "abc?x=1", "a/b"} {
		wantProviderError(t, p.Cancel(t.Context(), id), scheduler.Permanent, "this is not a MessageBird message id")
	}
	if n := len(emu.Requests()); n != 0 {
		t.Errorf("%d requests reached MessageBird, want 0", n)
	}
}

// onFirstRead runs inject (with the emulator) once, as the first GET of one
// message arrives: the fault it injects hits the request after, Cancel's DELETE.
func onFirstRead(t *testing.T, inject func(*mbemu.Server)) (*mbemu.Server, *messagebird.Provider, *fakeClock) {
	t.Helper()
	var emu atomic.Pointer[mbemu.Server]
	var done atomic.Bool
	e, p, clock := clocked(t, mbemu.WithOnRequest(func(r mbemu.Request) {
		if r.Method == http.MethodGet && strings.HasPrefix(r.Path, "/messages/") && !done.Swap(true) {
			inject(emu.Load())
		}
	}))
	emu.Store(e)
	return e, p, clock
}

func TestACancelWhoseAnswerIsLostSucceedsWhenRetried(t *testing.T) {
	emu, p, clock := onFirstRead(t, func(e *mbemu.Server) { e.DropNext(1) })
	acc := handOff(t, p, clock, 2*time.Hour)
	wantProviderError(t, p.Cancel(t.Context(), acc.ID), scheduler.Transient, "")
	if _, ok := emu.Message(acc.ID); ok {
		t.Fatal("the DELETE was not processed")
	}
	if err := p.Cancel(t.Context(), acc.ID); err != nil {
		t.Errorf("Cancel again: %v, want nil: the first one deleted it", err)
	}
	wantCancelled(t, p, acc.ID, handOffStart)
}

func TestACancelMessageBirdRefusesLeavesTheMessageScheduled(t *testing.T) {
	_, p, clock := onFirstRead(t, func(e *mbemu.Server) { e.FailNext(1, 503) })
	acc := handOff(t, p, clock, 2*time.Hour)
	wantProviderError(t, p.Cancel(t.Context(), acc.ID), scheduler.Transient, "MessageBird is temporarily unavailable")
	got, err := p.Status(t.Context(), acc.ID)
	if err != nil || len(got) != 2 || got[0].Status != scheduler.DLRScheduled {
		t.Errorf("Status after a refused Cancel = %+v, %v; want still scheduled", got, err)
	}
}
