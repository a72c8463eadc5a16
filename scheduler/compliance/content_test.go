package compliance

import (
	"slices"
	"strings"
	"testing"

	"minuit/internal/minuit"
)

func TestCheckContentWarnsWithoutBlocking(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		kind    minuit.Kind
		shop    string
		codes   []string
		mention string
	}{
		{"a clean marketing message", "Chez Minuit : -20 % sur les manteaux ce samedi.", minuit.Marketing, "Minuit", nil, ""},
		{"a French spam word", "Minuit : livraison gratuite ce week-end", minuit.Marketing, "Minuit", []string{WarnSpamWords}, `"gratuite"`},
		{"spam words are accent- and case-insensitive", "Minuit : FÉLICITATIONS, un Cadeau vous attend", minuit.Marketing, "Minuit", []string{WarnSpamWords}, `"felicitations" and "cadeau"`},
		{"English spam words", "Minuit: FREE gift for every winner", minuit.Marketing, "Minuit", []string{WarnSpamWords}, `"free" and "winner"`},
		{"a percentage", "Minuit : 100% remboursé", minuit.Marketing, "Minuit", []string{WarnSpamWords}, `"100%"`},
		{"a percentage with a French space", "Minuit : 100\u00a0% remboursé", minuit.Marketing, "Minuit", []string{WarnSpamWords}, `"100 %"`},
		{"words are matched whole", "Minuit : freedom, promotionnel, 2100%", minuit.Marketing, "Minuit", nil, ""},
		{"a link shortener", "Minuit : voir https://bit.ly/abc", minuit.Marketing, "Minuit", []string{WarnLinkShortener}, `"bit.ly"`},
		{"a shortener at the end of a sentence", "Minuit : voir t.co.", minuit.Marketing, "Minuit", []string{WarnLinkShortener}, `"t.co"`},
		{"hosts that only contain a shortener's name", "Minuit : voir art.com, t.co.uk et my-bit.ly.example", minuit.Marketing, "Minuit", nil, ""},
		{"mostly capitals", "MINUIT : GRANDE VENTE CE SAMEDI", minuit.Marketing, "Minuit", []string{WarnCapitals}, "(25 of 25)"},
		{"short capitals are fine", "MINUIT OK", minuit.Marketing, "Minuit", nil, ""},
		{"half capitals are fine", "ABCDE fghij", minuit.Transactional, "", nil, ""},
		{"a marketing message without the shop", "-20 % sur les manteaux", minuit.Marketing, "Chez Léa", []string{WarnNoShopName}, `"Chez Léa"`},
		{"the shop's name ignoring case and accents", "chez LEA : -20 % sur les manteaux", minuit.Marketing, "Chez  Léa", nil, ""},
		{"transactional messages need no shop name", "Votre commande est prête", minuit.Transactional, "Chez Léa", nil, ""},
		{"no shop name set: no check", "-20 % sur les manteaux", minuit.Marketing, "", nil, ""},
		{"several warnings in order", "GRATUIT URGENT: BIT.LY/X", minuit.Marketing, "Minuit",
			[]string{WarnSpamWords, WarnLinkShortener, WarnCapitals, WarnNoShopName}, `"gratuit" and "urgent"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ws := CheckContent(tt.body, tt.kind, tt.shop)
			var codes []string
			all := ""
			for _, w := range ws {
				codes = append(codes, w.Code)
				all += w.Message + "\n"
				if !strings.HasSuffix(w.Message, ".") || w.Message[0] < 'A' || w.Message[0] > 'Z' {
					t.Errorf("message %q is not a sentence", w.Message)
				}
			}
			if !slices.Equal(codes, tt.codes) {
				t.Errorf("codes = %v, want %v (%s)", codes, tt.codes, all)
			}
			if !strings.Contains(all, tt.mention) {
				t.Errorf("messages %q do not mention %q", all, tt.mention)
			}
		})
	}
}
