package compliance

import "testing"

func TestMatchOptOutIgnoresCaseAccentsAndSurroundingText(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"STOP", true},
		{"stop", true},
		{"Stop.", true},
		{" stop!! ", true},
		{"🛑 STOP 🛑", true},
		{"STOP🙏", true},
		{"ＳＴＯＰ", true}, // full-width letters
		{"STOP SMS", true},
		{"stop-sms", true},
		{"StopSms", true},
		{"ARRET", true},
		{"ARRÊT", true},
		{"arrêt", true},
		{"Arret svp", true},
		{"ARRÊT svp", true},
		{"Désabonner", true},
		{"desinscription", true},
		{"Unsubscribe me from this list please", true},
		{"please stop", true},
		{"Merci, stop", true},
		{"stop please, I have enough", true}, // starts with the keyword
		{"Stop, merci de ne plus m'écrire", true},
		{"opt-out", true},
		{"Opt out", true},
		{"Cancel", true},
		{"QUIT", true},
		{"end", true},
		{"Don't stop", true}, // three words (don, t, stop): short replies err on the side of the opt-out
		{"arrêtez", true},    // ARRÊTEZ is a default keyword of its own
		{"Arrêtez svp", true},

		{"Don't stop the offers", false}, // keyword inside a longer reply
		{"stopper", false},
		{"Stopped by the shop", false},
		{"I will stop by tomorrow afternoon", false},
		{"Non-stop deals all week please", false},
		{"Thanks!", false},
		{"", false},
		{"🛑", false},
		{"Start", false},
		{"backstop", false},
		{"Please remove me from your list, stop", false}, // a long reply only ending with STOP is left for a person
	}
	for _, tt := range tests {
		if got := MatchOptOut(tt.text, nil); got != tt.want {
			t.Errorf("MatchOptOut(%q, defaults) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestMatchOptOutUsesTheGivenKeywordsAsWholeWords(t *testing.T) {
	tests := []struct {
		text     string
		keywords []string
		want     bool
	}{
		{"arrêtez", []string{"ARRÊT"}, false}, // whole words only
		{"arrêt", []string{"arret"}, true},    // accents ignored in keywords too
		{"STOP", []string{"ARRET"}, false},    // a custom list replaces the defaults
		{"Fini", []string{"FINI", "ASSEZ"}, true},
		{"assez!", []string{"FINI", "ASSEZ"}, true},
		{"vraiment assez maintenant", []string{"ASSEZ"}, true}, // three words containing it
		{"il y a assez de promos", []string{"ASSEZ"}, false},
		{"stop", []string{"", "  ", "!!"}, false}, // keywords without words are ignored
		{"stop", []string{}, true},                // an empty list means the defaults
	}
	for _, tt := range tests {
		if got := MatchOptOut(tt.text, tt.keywords); got != tt.want {
			t.Errorf("MatchOptOut(%q, %q) = %v, want %v", tt.text, tt.keywords, got, tt.want)
		}
	}
}

func TestMatchOptInNeedsTheWholeReplyToBeTheKeyword(t *testing.T) {
	tests := []struct {
		text     string
		keywords []string
		want     bool
	}{
		{"START", nil, true},
		{"start", nil, true},
		{" Start! ", nil, true},
		{"UNSTOP", nil, true},
		{"unstop 🙂", nil, true},
		{"START please", nil, false},
		{"restart", nil, false},
		{"When does the sale start", nil, false},
		{"stop", nil, false},
		{"", nil, false},
		{"Oui", []string{"OUI", "YES"}, true},
		{"start", []string{"OUI"}, false},
		{"reprendre", []string{"REPRENDRE"}, true},
	}
	for _, tt := range tests {
		if got := MatchOptIn(tt.text, tt.keywords); got != tt.want {
			t.Errorf("MatchOptIn(%q, %q) = %v, want %v", tt.text, tt.keywords, got, tt.want)
		}
	}
}

func TestDefaultKeywordListsAreFreshCopies(t *testing.T) {
	a := DefaultOptOut()
	a[0] = "changed"
	if DefaultOptOut()[0] != "STOP" {
		t.Error("changing a returned list changed the defaults")
	}
	b := DefaultOptIn()
	b[0] = "changed"
	if DefaultOptIn()[0] != "START" {
		t.Error("changing a returned opt-in list changed the defaults")
	}
}
