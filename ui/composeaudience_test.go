package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"minuit/internal/minuit"
)

func TestComposeSaysHowManyMarketingRecipientsWillBeSkippedForConsent(t *testing.T) {
	h := newHarness(t)
	cs, p := h.previewCards(twoCards, "shop.vcf")
	if _, err := cs.Commit(t.Context(), p); err != nil {
		t.Fatal(err)
	}
	marie, ok, err := cs.ByNumber(t.Context(), "+33612345678")
	if err != nil || !ok {
		t.Fatalf("Marie not found: %v", err)
	}
	if err := cs.SetConsent(t.Context(), marie.ID, minuit.ConsentOptedIn, "app", "signed form"); err != nil {
		t.Fatal(err)
	}
	c := h.compose()
	test.Type(c.Body, "Bonjour {first_name} !")
	test.Type(c.To, "+33612345678, +33698765432")
	h.m.Settle()
	if !strings.HasPrefix(c.Preview.Text, "Preview for Marie Dupont: Bonjour Marie !") {
		t.Fatalf("preview %q, want it rendered for the first recipient, Marie Dupont", c.Preview.Text)
	}
	if !c.Skips.Hidden {
		t.Fatalf("transactional message: %q shown, want nothing skipped", c.Skips.Text)
	}
	c.Kind.SetSelected("Marketing")
	h.m.Settle()
	if c.Skips.Hidden || c.Skips.Text != "1 of 2 recipients will be skipped: 1 no consent." {
		t.Fatalf("marketing message: %q (hidden %v), want 1 of 2 skipped for no consent", c.Skips.Text, c.Skips.Hidden)
	}
}
