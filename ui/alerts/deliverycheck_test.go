package alerts

import (
	"strings"
	"testing"

	"minuit/scheduler"
)

func TestAWeeklyTestTextThatDidNotArriveIsSaidAtOnce(t *testing.T) {
	a, timers, out := harness()
	a.Add(scheduler.Event{Kind: scheduler.EventDeliveryCheck, To: "+33687654321",
		Reason: "the weekly test text to +33687654321 (Mon 30 Nov 10:00) did not arrive: Failed"})
	if len(*timers) != 0 || len(*out) != 1 || (*out)[0].title != "Minuit: the weekly test text did not arrive" ||
		!strings.HasPrefix((*out)[0].body, "The weekly test text to +33687654321") {
		t.Fatalf("timers %d, sent %+v", len(*timers), *out)
	}
}
