package compliance

import (
	"strings"
	"testing"

	"minuit/internal/minuit"
	"minuit/scheduler/sms"
)

func TestAppendFooterAddsTheFooterOnItsOwnLineWhenAbsent(t *testing.T) {
	const footer = "STOP au 36180"
	tests := []struct {
		name, body, footer, want string
	}{
		{"plain body", "Soldes -20 % ce week-end chez Minuit", footer, "Soldes -20 % ce week-end chez Minuit\nSTOP au 36180"},
		{"trailing white space is dropped", "Soldes !\n\n  ", footer, "Soldes !\nSTOP au 36180"},
		{"empty body gives the footer", "", footer, "STOP au 36180"},
		{"empty footer changes nothing", "Soldes ! ", "  ", "Soldes ! "},
		{"the footer already there", "Soldes !\nSTOP au 36180", footer, "Soldes !\nSTOP au 36180"},
		{"the footer in another case and spacing", "Soldes ! stop  AU 36180", footer, "Soldes ! stop  AU 36180"},
		{"another short code", "Soldes ! STOP au 38222", footer, "Soldes ! STOP au 38222"},
		{"STOP SMS", "Soldes ! STOP SMS", footer, "Soldes ! STOP SMS"},
		{"an English instruction", "Sale! Reply STOP to unsubscribe", "Reply STOP to opt out", "Sale! Reply STOP to unsubscribe"},
		{"a French instruction with accents", "Soldes ! Répondez stop pour ne plus rien recevoir", footer, "Soldes ! Répondez stop pour ne plus rien recevoir"},
		{"stop as plain text is no mention", "Stop au gaspillage : -30 % sur les invendus", footer, "Stop au gaspillage : -30 % sur les invendus\nSTOP au 36180"},
		{"non-stop is no mention", "Soldes non-stop ce week-end, SMS envoyé par Minuit", footer, "Soldes non-stop ce week-end, SMS envoyé par Minuit\nSTOP au 36180"},
		{"stopper is no mention", "On ne va pas stopper les promos", footer, "On ne va pas stopper les promos\nSTOP au 36180"},
		{"a footer without STOP is found by its text", "Soldes !\nDésinscription : minuit.fr/d", "Désinscription : minuit.fr/d", "Soldes !\nDésinscription : minuit.fr/d"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := AppendFooter(tt.body, tt.footer)
			if got != tt.want {
				t.Errorf("AppendFooter(%q, %q) = %q, want %q", tt.body, tt.footer, got, tt.want)
			}
			if again := AppendFooter(got, tt.footer); again != got {
				t.Errorf("not idempotent: a second call gave %q", again)
			}
		})
	}
}

func TestTheFooterCountsInTheSegmentCounter(t *testing.T) {
	const footer = "STOP au 36180" // 13 GSM-7 characters, plus the newline
	tests := []struct {
		name  string
		body  string
		chars int
		parts int
		enc   sms.Encoding
	}{
		{"a body that fits one part with the footer", strings.Repeat("a", 146), 160, 1, sms.GSM7},
		{"one more character needs a second part", strings.Repeat("a", 147), 161, 2, sms.GSM7},
		{"a UCS-2 body", "Bonne fête ! " + strings.Repeat("a", 42), 55 + 14, 1, sms.UCS2},
		{"a UCS-2 body one unit over", "Bonne fête ! " + strings.Repeat("a", 44), 57 + 14, 2, sms.UCS2},
		{"a body that already has it costs nothing more", "Soldes ! STOP au 36180", 22, 1, sms.GSM7},
	}
	p := Policy{Footer: footer}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := sms.Count(p.Body(minuit.Marketing, tt.body))
			if c.Chars != tt.chars || c.Parts != tt.parts || c.Encoding != tt.enc {
				t.Errorf("Count = %+v, want %d chars, %d parts, %s", c, tt.chars, tt.parts, tt.enc)
			}
		})
	}
	if got := p.Body(minuit.Transactional, "Votre commande est prête"); got != "Votre commande est prête" {
		t.Errorf("a transactional body got a footer: %q", got)
	}
}

func TestAContactNamedStopSMSDoesNotRemoveTheFooter(t *testing.T) {
	const footer = "STOP SMS pour ne plus recevoir nos offres"
	template := "Bonjour {name}, -20 % ce week-end"
	filled := "Bonjour STOP SMS, -20 % ce week-end"
	if got, want := AppendFooterFor(template, filled, footer), filled+"\n"+footer; got != want {
		t.Fatalf("AppendFooterFor = %q, want %q", got, want)
	}
	if got := AppendFooterFor("Répondez STOP pour vous désabonner, {name}", "Répondez STOP pour vous désabonner, Léa", footer); strings.Contains(got, "\n") {
		t.Fatalf("a template that tells how to opt out got the footer: %q", got)
	}
	p := Policy{Footer: footer}
	if got := p.BodyFor(minuit.Transactional, template, filled); got != filled {
		t.Fatalf("a transactional text got %q", got)
	}
}
