package alerts

import (
	"strings"
	"testing"
	"time"

	"minuit/scheduler"
)

type sent struct{ title, body string }

func harness() (*Aggregator, *[]func(), *[]sent) {
	var timers []func()
	var out []sent
	a := New(time.Second, func(_ time.Duration, f func()) { timers = append(timers, f) },
		func(t, b string) { out = append(out, sent{t, b}) })
	return a, &timers, &out
}

func TestAStormOfFailuresRaisesOneNotificationWithTheCount(t *testing.T) {
	a, timers, out := harness()
	for i := 0; i < 3; i++ {
		a.Add(scheduler.Event{Kind: scheduler.EventFailed, DeliveryID: int64(i)})
	}
	if len(*timers) != 1 {
		t.Fatalf("%d timers armed, want 1", len(*timers))
	}
	(*timers)[0]()
	if len(*out) != 1 || (*out)[0].body != "3 messages failed — open History" {
		t.Fatalf("sent %+v, want one \"3 messages failed — open History\"", *out)
	}
}

func TestSuccessesAndRetriesRaiseNothing(t *testing.T) {
	a, timers, out := harness()
	a.Add(scheduler.Event{Kind: scheduler.EventSent})
	a.Add(scheduler.Event{Kind: scheduler.EventRetrying})
	a.Add(scheduler.Event{Kind: scheduler.EventDelivered})
	a.Flush()
	if len(*timers) != 0 || len(*out) != 0 {
		t.Fatalf("timers %d, sent %+v; want none", len(*timers), *out)
	}
}

func TestMixedProblemsAreListedTogetherAndTheNextWindowStartsAfresh(t *testing.T) {
	a, timers, out := harness()
	a.Add(scheduler.Event{Kind: scheduler.EventMissed})
	a.Add(scheduler.Event{Kind: scheduler.EventFailed})
	(*timers)[0]()
	a.Add(scheduler.Event{Kind: scheduler.EventUnconfirmed})
	if len(*timers) != 2 {
		t.Fatalf("%d timers, want a second window after the first flush", len(*timers))
	}
	(*timers)[1]()
	want := []string{"1 message failed, 1 message missed its time — open History", "1 message needs checking — open History"}
	if len(*out) != 2 || (*out)[0].body != want[0] || (*out)[1].body != want[1] {
		t.Fatalf("sent %+v, want %q", *out, want)
	}
}

func TestAnAccountPauseIsSaidAtOnceWithTheProvidersReason(t *testing.T) {
	a, timers, out := harness()
	a.Add(scheduler.Event{Kind: scheduler.EventAccount, Reason: "Twilio refused the account SID or auth token"})
	if len(*timers) != 0 || len(*out) != 1 {
		t.Fatalf("timers %d, sent %+v: want one notification at once", len(*timers), *out)
	}
	if got := (*out)[0]; got.title != "Minuit: sending paused" ||
		got.body != "Twilio refused the account SID or auth token. Your planned messages wait; fix the provider in Settings." {
		t.Errorf("notification %+v", got)
	}
}

func TestACancelThatCameTooLateIsCountedWithTheOtherProblems(t *testing.T) {
	a, timers, out := harness()
	a.Add(scheduler.Event{Kind: scheduler.EventAlreadySent, DeliveryID: 1})
	(*timers)[0]()
	if len(*out) != 1 || (*out)[0].body != "1 message had already left when cancelled — open History" {
		t.Fatalf("sent %+v", *out)
	}
}

func TestADatabaseProblemIsSaidAtOnceAndSoIsItsEnd(t *testing.T) {
	a, timers, out := harness()
	a.Add(scheduler.Event{Kind: scheduler.EventStoreProblem, Reason: "the database /d/minuit.db was deleted while Minuit was using it"})
	a.Add(scheduler.Event{Kind: scheduler.EventStoreRecovered})
	if len(*timers) != 0 || len(*out) != 2 {
		t.Fatalf("timers %d, sent %+v: want two notifications at once", len(*timers), *out)
	}
	if got := (*out)[0]; got.title != "Minuit: a problem with the database" ||
		got.body != "The database /d/minuit.db was deleted while Minuit was using it." {
		t.Errorf("notification %+v", got)
	}
	if got := (*out)[1]; got.title != "Minuit: sending resumed" {
		t.Errorf("notification %+v", got)
	}
}

func TestRepliesThatCannotBeReadAreSaidAtOnce(t *testing.T) {
	a, timers, out := harness()
	a.Add(scheduler.Event{Kind: scheduler.EventInboundProblem, Reason: "The replies to your number could not be read 3 times in a row (Twilio is down): STOP replies are not being seen"})
	if len(*timers) != 0 || len(*out) != 1 || (*out)[0].title != "Minuit: replies are not being read" {
		t.Fatalf("timers %d, sent %+v", len(*timers), *out)
	}
}

func TestReportsThatCannotBeReadAreSaidAtOnce(t *testing.T) {
	a, timers, out := harness()
	a.Add(scheduler.Event{Kind: scheduler.EventReportProblem, Reason: "The provider's delivery reports could not be read 3 times in a row (Twilio is down): texts stay \"Sent\" until they can be"})
	if len(*timers) != 0 || len(*out) != 1 || (*out)[0].title != "Minuit: delivery reports are not being read" ||
		!strings.Contains((*out)[0].body, "Twilio is down") {
		t.Fatalf("timers %d, sent %+v", len(*timers), *out)
	}
}
