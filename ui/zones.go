package ui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"minuit/ui/l10n"
)

// commonZones are offered in compose's zone choice beside the computer's.
var commonZones = []string{"Europe/Paris", "Europe/London", "Europe/Brussels", "Europe/Zurich", "Europe/Luxembourg",
	"Europe/Berlin", "Europe/Madrid", "America/New_York", "America/Chicago", "America/Los_Angeles", "America/Montreal",
	"America/Martinique", "America/Guadeloupe", "Africa/Casablanca", "Indian/Reunion", "Pacific/Noumea", "UTC"}

// zoneCity names a zone by its city, as people know it: "Europe/Paris" is
// "Paris", "America/New_York" "New York".
func zoneCity(name string) string {
	switch name {
	case "", "Local":
		return lang.L("this computer's time")
	case "UTC", "Etc/UTC":
		return "UTC"
	}
	city := name[strings.LastIndex(name, "/")+1:]
	return strings.ReplaceAll(city, "_", " ")
}

// zoneLoc loads a zone by name; "" or an unknown name is the computer's.
func (m *Main) zoneLoc(name string) *time.Location {
	if name == "" || name == m.deps.Zone {
		return m.loc
	}
	if loc, err := time.LoadLocation(name); err == nil {
		return loc
	}
	return m.loc
}

// otherZone reports whether zone name shows other clock times than the computer
// at t ("UTC" and "Etc/UTC", or Paris and Brussels, read the same).
func (m *Main) otherZone(name string, t time.Time) bool {
	if name == "" || name == m.deps.Zone {
		return false
	}
	_, a := t.In(m.zoneLoc(name)).Zone()
	_, b := t.In(m.loc).Zone()
	return a != b
}

// clockIn is t's time of day in the zone name ("10:00"), with the zone's city when
// it is not the computer's ("10:00 Paris").
func (m *Main) clockIn(t time.Time, name string) string {
	s := l10n.Clock(t.In(m.zoneLoc(name)))
	if m.otherZone(name, t) {
		s += " " + zoneCity(name)
	}
	return s
}

// whenIn is a day and time in the zone name: "Monday 7 December, 08:00", with the
// zone's city when it is not the computer's, and the year when it is not now's.
func (m *Main) whenIn(t time.Time, name string) string {
	local := t.In(m.zoneLoc(name))
	s := l10n.DayMonth(local) + ", " + l10n.Clock(local)
	if local.Year() != m.deps.Now().In(m.loc).Year() {
		s = l10n.DateTime(local)
	}
	if m.otherZone(name, t) {
		s += " (" + zoneCity(name) + ")"
	}
	return s
}

// shortWhen is a moment in a list: "Mon 7 Dec 08:00", with the zone's city when it
// is not the computer's.
func (m *Main) shortWhen(t time.Time, name string) string {
	local := t.In(m.zoneLoc(name))
	s := l10n.Short(local) + " " + l10n.Clock(local)
	if m.otherZone(name, t) {
		s += " " + zoneCity(name)
	}
	return s
}
