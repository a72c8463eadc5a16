package compliance

import (
	"slices"
	"testing"
	"time"
)

func TestZoneForNumberDistinguishesNewYorkFromLosAngeles(t *testing.T) {
	paris := load(t, "Europe/Paris")
	tests := []struct {
		number, want string
	}{
		{"+12125551234", "America/New_York"},    // Manhattan 212
		{"+16465551234", "America/New_York"},    // Manhattan 646
		{"+13105551234", "America/Los_Angeles"}, // Los Angeles 310
		{"+12135551234", "America/Los_Angeles"}, // Los Angeles 213
		{"+33612345678", "Europe/Paris"},        // French mobile
		{"33142345678", "Europe/Paris"},         // without the "+"
		{" +33142345678 ", "Europe/Paris"},      // surrounding spaces
		{"+262692123456", "Indian/Reunion"},     // La Réunion has its own country code
		{"+19075551234", "America/Adak"},        // Alaska: Adak and Anchorage, the westernmost wins
		{"not a number", "Europe/Paris"},        // fallback
		{"", "Europe/Paris"},                    // fallback
		{"+999123", "Europe/Paris"},             // unknown country code: fallback
	}
	for _, tt := range tests {
		if got := ZoneForNumber(tt.number, paris); got == nil || got.String() != tt.want {
			t.Errorf("ZoneForNumber(%q) = %v, want %s", tt.number, got, tt.want)
		}
	}
	if got := ZoneForNumber("garbage", nil); got != nil {
		t.Errorf("ZoneForNumber with a nil fallback = %v, want nil", got)
	}
}

func TestZonesForNumberListsEveryZoneSortedByName(t *testing.T) {
	names := func(locs []*time.Location) []string {
		var out []string
		for _, l := range locs {
			out = append(out, l.String())
		}
		return out
	}
	if got := names(ZonesForNumber("+19075551234")); !slices.Equal(got, []string{"America/Adak", "America/Anchorage"}) {
		t.Errorf("Alaska: got %v", got)
	}
	tollFree := names(ZonesForNumber("+18005551234"))
	if len(tollFree) < 10 || !slices.IsSorted(tollFree) || !slices.Contains(tollFree, "America/New_York") {
		t.Errorf("toll-free: got %v, want many sorted North American zones", tollFree)
	}
	if got := ZonesForNumber("nonsense"); got != nil {
		t.Errorf("nonsense: got %v, want nil", got)
	}
}

func TestZoneForNumberChoiceDoesNotDependOnListOrder(t *testing.T) {
	a, b, c := load(t, "America/New_York"), load(t, "Pacific/Honolulu"), load(t, "America/Chicago")
	for _, locs := range [][]*time.Location{{a, b, c}, {c, b, a}, {b, a, c}} {
		if got := westernmost(locs); got.String() != "Pacific/Honolulu" {
			t.Errorf("westernmost(%v) = %s, want Pacific/Honolulu", locs, got)
		}
	}
}
