package scheduler

import (
	"strings"
	"testing"

	"minuit/internal/minuit"
)

func TestTheFooterIsJudgedOnTheTemplateNotOnTheContactsFields(t *testing.T) {
	h := newHarness(t, paris(t, "2026-06-01 10:00"))
	h.dir = fakeDirectory{rs: []minuit.Recipient{{ContactID: 1, Number: "+33612345678", Consent: "opted-in",
		Fields: map[string]string{"name": "STOP SMS"}}}}
	h.restart()
	h.schedule(Message{Body: "Bonjour {name}, -20 % ce week-end", Kind: minuit.Marketing, At: "2026-06-01 10:00",
		Recipients: []RecipientRef{{Kind: ToContact, Value: "1"}}})
	h.pass()
	if len(h.prov.sent) != 1 || !strings.HasSuffix(h.prov.sent[0].Body, "\n"+DefaultFooter) {
		t.Fatalf("requests = %+v, want the text with the STOP footer", h.prov.sent)
	}
}
