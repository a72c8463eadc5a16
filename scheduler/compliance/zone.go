package compliance

import (
	"slices"
	"strings"
	"time"

	"github.com/nyaruka/phonenumbers"
)

// ZonesForNumber returns every time zone libphonenumber (through
// github.com/nyaruka/phonenumbers) associates with an E.164 number, sorted by
// name, or nil when the number cannot be parsed or has no known zone. A leading
// "+" may be omitted. Most numbers have one zone (a New York area code gives
// America/New_York, a Los Angeles one America/Los_Angeles, any French number
// Europe/Paris); some have several (Alaska's 907 gives America/Adak and
// America/Anchorage; a toll-free +1 800 number every North American zone).
func ZonesForNumber(e164 string) []*time.Location {
	s := strings.TrimSpace(e164)
	if s != "" && s[0] != '+' {
		s = "+" + s
	}
	num, err := phonenumbers.Parse(s, "")
	if err != nil {
		return nil
	}
	names, err := phonenumbers.GetTimezonesForNumber(num)
	if err != nil {
		return nil
	}
	names = slices.Clone(names)
	slices.Sort(names)
	var locs []*time.Location
	for _, name := range slices.Compact(names) {
		if name == phonenumbers.UNKNOWN_TIMEZONE {
			continue
		}
		if loc, err := time.LoadLocation(name); err == nil {
			locs = append(locs, loc)
		}
	}
	return locs
}

// ZoneForNumber returns the one time zone to use for a number: its zone when it
// has one, fallback (which may be nil) when it has none.
//
// When the number has several zones, the choice is deterministic: the westernmost,
// the zone with the smallest UTC offset on 15 January 2025 at noon UTC (a fixed
// reference, so the choice never depends on today's date), ties broken by name.
// That is the zone where the day starts last, so a message sent when its window
// opens there reaches no one before the window opens in the number's other zones.
// It does not protect the evening end of the window in the eastern zones;
// Policy.Decide therefore uses all of ZonesForNumber (QuietHours.NextAllowedAll)
// and falls back on this zone only when the zones' windows never overlap.
func ZoneForNumber(e164 string, fallback *time.Location) *time.Location {
	locs := ZonesForNumber(e164)
	if len(locs) == 0 {
		return fallback
	}
	return westernmost(locs)
}

// westernmost returns the zone of locs with the smallest reference offset.
func westernmost(locs []*time.Location) *time.Location {
	ref := time.Date(2025, time.January, 15, 12, 0, 0, 0, time.UTC)
	return slices.MinFunc(locs, func(a, b *time.Location) int {
		_, oa := ref.In(a).Zone()
		_, ob := ref.In(b).Zone()
		if oa != ob {
			return oa - ob
		}
		return strings.Compare(a.String(), b.String())
	})
}
