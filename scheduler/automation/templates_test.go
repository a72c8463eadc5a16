package automation_test

import (
	"testing"

	"minuit/scheduler"
	"minuit/scheduler/automation"
	"minuit/scheduler/sms"
)

func TestTheDefaultTemplatesStayInGSM7AndTheFewestParts(t *testing.T) {
	want := map[automation.Name]int{automation.OrderConfirmation: 1, automation.Shipping: 1,
		automation.AbandonedCheckout: 2, automation.Welcome: 1} // a marketing text carries its STOP footer (a cart its long link)
	for _, n := range automation.Names {
		sp, _ := automation.SpecOf(n)
		sent := scheduler.SentText(automation.Sample(n, sp.Template), sp.Kind, scheduler.DefaultFooter, "")
		info := sms.Count(sent)
		if info.Encoding != sms.GSM7 || info.Parts != want[n] {
			t.Errorf("%s: %d parts in %s (forced by %q), want %d in GSM-7:\n%s", n, info.Parts, info.Encoding,
				string(info.ForcedBy), want[n], sent)
		}
	}
}
