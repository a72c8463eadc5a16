package compliance

import (
	"errors"
	"testing"
	"time"
)

func load(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("load %s: %v", name, err)
	}
	return loc
}

// at builds a wall-clock time in loc.
func at(loc *time.Location, y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, loc)
}

func utc(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, time.UTC)
}

func TestNextAllowedFollowsTheFrenchPresetAcrossSundaysHolidaysAndDST(t *testing.T) {
	paris := load(t, "Europe/Paris")
	q := France()
	tests := []struct {
		name     string
		in, want time.Time
	}{
		{"a Tuesday morning is allowed", at(paris, 2026, 3, 10, 10, 0), at(paris, 2026, 3, 10, 10, 0)},
		{"before 08:00 waits for 08:00", at(paris, 2026, 3, 10, 7, 59), at(paris, 2026, 3, 10, 8, 0)},
		{"08:00 itself is allowed", at(paris, 2026, 3, 10, 8, 0), at(paris, 2026, 3, 10, 8, 0)},
		{"20:00 itself is quiet", at(paris, 2026, 3, 10, 20, 0), at(paris, 2026, 3, 11, 8, 0)},
		{"Saturday 20:30 waits for Monday 08:00", at(paris, 2026, 3, 21, 20, 30), at(paris, 2026, 3, 23, 8, 0)},
		{"Saturday afternoon is allowed", at(paris, 2026, 3, 21, 15, 0), at(paris, 2026, 3, 21, 15, 0)},
		{"Sunday noon waits for Monday", at(paris, 2026, 3, 22, 12, 0), at(paris, 2026, 3, 23, 8, 0)},
		{"over the spring-forward Sunday", at(paris, 2026, 3, 28, 20, 30), utc(2026, 3, 30, 6, 0)},
		{"over the fall-back Sunday", at(paris, 2026, 10, 24, 20, 30), utc(2026, 10, 26, 7, 0)},
		{"Easter Monday is skipped", at(paris, 2026, 4, 4, 21, 0), at(paris, 2026, 4, 7, 8, 0)},
		{"1 May on a Monday is skipped", at(paris, 2028, 4, 29, 20, 0), at(paris, 2028, 5, 2, 8, 0)},
		{"1 May on a Friday is skipped", at(paris, 2026, 4, 30, 20, 0), at(paris, 2026, 5, 2, 8, 0)},
		{"14 July on a Monday is skipped", at(paris, 2025, 7, 12, 20, 1), at(paris, 2025, 7, 15, 8, 0)},
		{"14 July on a Tuesday is skipped", at(paris, 2026, 7, 13, 21, 0), at(paris, 2026, 7, 15, 8, 0)},
		{"25 December on a Monday is skipped", at(paris, 2028, 12, 23, 20, 0), at(paris, 2028, 12, 26, 8, 0)},
		{"Christmas then a Sunday", at(paris, 2026, 12, 24, 20, 0), at(paris, 2026, 12, 26, 8, 0)},
		{"New Year's Day", at(paris, 2026, 12, 31, 22, 0), at(paris, 2027, 1, 2, 8, 0)},
		{"Ascension Thursday", at(paris, 2026, 5, 13, 20, 0), at(paris, 2026, 5, 15, 8, 0)},
		{"during a holiday itself", at(paris, 2026, 7, 14, 11, 0), at(paris, 2026, 7, 15, 8, 0)},
		{"a time given in UTC is judged in Paris", utc(2026, 3, 10, 6, 30), utc(2026, 3, 10, 7, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := q.NextAllowed(tt.in, paris)
			if !got.Equal(tt.want) {
				t.Errorf("NextAllowed(%s) = %s, want %s", tt.in, got.In(paris), tt.want.In(paris))
			}
			if !q.Allowed(got, paris) {
				t.Errorf("NextAllowed(%s) = %s, which is inside quiet hours", tt.in, got)
			}
		})
	}
}

func TestNextAllowedFollowsTheUnitedStatesPresetAcrossDST(t *testing.T) {
	ny, la := load(t, "America/New_York"), load(t, "America/Los_Angeles")
	q := UnitedStates()
	tests := []struct {
		name     string
		in, want time.Time
		loc      *time.Location
	}{
		{"Saturday 21:30 before spring-forward waits for Sunday 08:00 EDT", at(ny, 2026, 3, 7, 21, 30), utc(2026, 3, 8, 12, 0), ny},
		{"during the skipped night", at(ny, 2026, 3, 8, 1, 30), utc(2026, 3, 8, 12, 0), ny},
		{"just after the jump", at(ny, 2026, 3, 8, 3, 0), utc(2026, 3, 8, 12, 0), ny},
		{"before fall-back waits for Sunday 08:00 EST", at(ny, 2026, 10, 31, 22, 0), utc(2026, 11, 1, 13, 0), ny},
		{"during the repeated hour", utc(2026, 11, 1, 5, 30), utc(2026, 11, 1, 13, 0), ny},
		{"Sundays are allowed", at(ny, 2026, 3, 15, 12, 0), at(ny, 2026, 3, 15, 12, 0), ny},
		{"holidays are allowed", at(ny, 2026, 7, 4, 12, 0), at(ny, 2026, 7, 4, 12, 0), ny},
		{"20:59 is allowed", at(ny, 2026, 6, 10, 20, 59), at(ny, 2026, 6, 10, 20, 59), ny},
		{"21:00 is quiet", at(ny, 2026, 6, 10, 21, 0), at(ny, 2026, 6, 11, 8, 0), ny},
		{"08:00 in New York is 05:00 in Los Angeles", utc(2026, 6, 10, 12, 0), utc(2026, 6, 10, 15, 0), la},
		{"the same instant is allowed in New York", utc(2026, 6, 10, 12, 0), utc(2026, 6, 10, 12, 0), ny},
		{"a nil zone means the time's own", at(la, 2026, 6, 10, 6, 0), at(la, 2026, 6, 10, 8, 0), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := q.NextAllowed(tt.in, tt.loc); !got.Equal(tt.want) {
				t.Errorf("NextAllowed(%s) = %s, want %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestNextAllowedHandlesWindowsThatMeetAClockChange(t *testing.T) {
	paris, havana, santiago := load(t, "Europe/Paris"), load(t, "America/Havana"), load(t, "America/Santiago")
	every := func(w Window) QuietHours {
		var q QuietHours
		for d := range q.Days {
			q.Days[d] = w
		}
		return q
	}
	only := func(d time.Weekday, w Window) QuietHours {
		var q QuietHours
		q.Days[d] = w
		return q
	}
	h := func(hours, minutes int) time.Duration {
		return time.Duration(hours)*time.Hour + time.Duration(minutes)*time.Minute
	}
	tests := []struct {
		name     string
		q        QuietHours
		in, want time.Time
		loc      *time.Location
	}{
		{"a start inside the skipped hour opens at the jump", every(Window{h(2, 30), h(5, 0)}),
			at(paris, 2026, 3, 29, 1, 30), utc(2026, 3, 29, 1, 0), paris},
		{"a window inside the skipped hour does not exist that day", every(Window{h(2, 0), h(2, 30)}),
			at(paris, 2026, 3, 29, 1, 30), at(paris, 2026, 3, 30, 2, 0), paris},
		{"the first pass of a repeated hour is allowed", every(Window{h(2, 30), h(5, 0)}),
			utc(2026, 10, 25, 0, 45), utc(2026, 10, 25, 0, 45), paris},
		{"the second pass waits for the start again", every(Window{h(2, 30), h(5, 0)}),
			utc(2026, 10, 25, 1, 10), utc(2026, 10, 25, 1, 30), paris},
		{"a day without midnight starts at 01:00", only(time.Sunday, Window{0, 24 * time.Hour}),
			at(havana, 2026, 3, 7, 23, 30), utc(2026, 3, 8, 5, 0), havana},
		{"a repeated hour before midnight is allowed twice", only(time.Saturday, Window{h(20, 0), 24 * time.Hour}),
			utc(2026, 4, 5, 3, 30), utc(2026, 4, 5, 3, 30), santiago},
		{"after the repeated hour the next Saturday", only(time.Saturday, Window{h(20, 0), 24 * time.Hour}),
			utc(2026, 4, 5, 4, 0), at(santiago, 2026, 4, 11, 20, 0), santiago},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.q.NextAllowed(tt.in, tt.loc)
			if !got.Equal(tt.want) {
				t.Errorf("NextAllowed(%s) = %s, want %s", tt.in.In(tt.loc), got.In(tt.loc), tt.want.In(tt.loc))
			}
			if !tt.q.Allowed(got, tt.loc) {
				t.Errorf("NextAllowed(%s) = %s, inside quiet hours", tt.in, got)
			}
		})
	}
}

func TestNextAllowedNeverReturnsAQuietTimeNorSkipsAnAllowedOne(t *testing.T) {
	custom, err := Custom(map[time.Weekday]Window{
		time.Monday: {9*time.Hour + 30*time.Minute, 12 * time.Hour}, time.Wednesday: {0, 2*time.Hour + 30*time.Minute},
		time.Sunday: {22 * time.Hour, 24 * time.Hour},
	}, FrenchHolidays())
	if err != nil {
		t.Fatal(err)
	}
	presets := map[string]QuietHours{"France": France(), "UnitedStates": UnitedStates(), "custom": custom}
	zones := []string{"Europe/Paris", "America/New_York", "America/Los_Angeles", "Australia/Lord_Howe", "America/Havana"}
	const step = 20 * time.Minute
	for name, q := range presets {
		for _, z := range zones {
			loc := load(t, z)
			for in := utc(2026, 1, 1, 0, 7); in.Year() == 2026; in = in.Add(31*time.Hour + 17*time.Minute) {
				got := q.NextAllowed(in, loc)
				if got.Before(in) || !q.Allowed(got, loc) {
					t.Fatalf("%s in %s: NextAllowed(%s) = %s, before it or quiet", name, z, in, got)
				}
				if got.Equal(in) {
					continue
				}
				if q.Allowed(got.Add(-time.Nanosecond), loc) && !got.Add(-time.Nanosecond).Before(in) {
					t.Fatalf("%s in %s: NextAllowed(%s) = %s, but the instant before is allowed", name, z, in, got)
				}
				for u := in; u.Before(got); u = u.Add(step) {
					if q.Allowed(u, loc) {
						t.Fatalf("%s in %s: NextAllowed(%s) = %s, but %s is allowed", name, z, in, got, u.In(loc))
					}
				}
			}
		}
	}
}

func TestNextAllowedGivesUpWhenNothingIsEverAllowed(t *testing.T) {
	var q QuietHours
	if got := q.NextAllowed(utc(2026, 1, 1, 0, 0), time.UTC); !got.IsZero() {
		t.Errorf("zero QuietHours: NextAllowed = %s, want the zero time", got)
	}
	if q.Allowed(utc(2026, 1, 1, 12, 0), time.UTC) {
		t.Error("zero QuietHours allows a time")
	}
}

func TestNextAllowedAllWaitsUntilEveryZoneIsInItsWindow(t *testing.T) {
	adak, anchorage := load(t, "America/Adak"), load(t, "America/Anchorage")
	q := UnitedStates()
	zones := []*time.Location{adak, anchorage}
	// 08:30 in Anchorage is 07:30 in Adak: wait for 08:00 in Adak.
	if got, want := q.NextAllowedAll(at(anchorage, 2026, 6, 10, 8, 30), zones), at(adak, 2026, 6, 10, 8, 0); !got.Equal(want) {
		t.Errorf("morning: got %s, want %s", got, want)
	}
	// 20:30 in Adak is 21:30 in Anchorage: wait for the next morning in Adak.
	if got, want := q.NextAllowedAll(at(adak, 2026, 6, 10, 20, 30), zones), at(adak, 2026, 6, 11, 8, 0); !got.Equal(want) {
		t.Errorf("evening: got %s, want %s", got, want)
	}
	// Noon in both is allowed as is.
	noon := at(adak, 2026, 6, 10, 12, 0)
	if got := q.NextAllowedAll(noon, zones); !got.Equal(noon) {
		t.Errorf("noon: got %s, want it unchanged", got)
	}
	// Guam and Pago Pago are 21 hours apart, so 3 hours in the other direction:
	// their windows overlap from 08:00 in Guam to 21:00 in Pago Pago.
	guam, pago := load(t, "Pacific/Guam"), load(t, "Pacific/Pago_Pago")
	got := q.NextAllowedAll(noon, []*time.Location{guam, pago})
	if want := utc(2026, 6, 10, 22, 0); !got.Equal(want) {
		t.Errorf("Guam and Pago Pago: got %s, want %s", got, want)
	}
	// Paris and New York are 6 hours apart: 09:00–12:00 windows never overlap.
	morning, err := Custom(map[time.Weekday]Window{
		time.Monday: {9 * time.Hour, 12 * time.Hour}, time.Tuesday: {9 * time.Hour, 12 * time.Hour},
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	far := []*time.Location{load(t, "Europe/Paris"), load(t, "America/New_York")}
	if got := morning.NextAllowedAll(noon, far); !got.IsZero() {
		t.Errorf("zones that never overlap: got %s, want the zero time", got)
	}
	if got := q.NextAllowedAll(noon, nil); !got.IsZero() {
		t.Errorf("no zones: got %s, want the zero time", got)
	}
}

func TestCustomValidatesItsWindows(t *testing.T) {
	q, err := Custom(map[time.Weekday]Window{time.Tuesday: {10 * time.Hour, 18 * time.Hour}, time.Friday: {}}, nil)
	if err != nil {
		t.Fatalf("Custom: %v", err)
	}
	paris := load(t, "Europe/Paris")
	if got, want := q.NextAllowed(at(paris, 2026, 3, 13, 12, 0), paris), at(paris, 2026, 3, 17, 10, 0); !got.Equal(want) {
		t.Errorf("a closed Friday: NextAllowed = %s, want next Tuesday %s", got, want)
	}
	bad := []map[time.Weekday]Window{
		nil,
		{time.Monday: {}},
		{time.Monday: {20 * time.Hour, 8 * time.Hour}},
		{time.Monday: {-time.Hour, 8 * time.Hour}},
		{time.Monday: {8 * time.Hour, 25 * time.Hour}},
		{time.Weekday(7): {8 * time.Hour, 20 * time.Hour}},
	}
	for _, days := range bad {
		if _, err := Custom(days, nil); !errors.Is(err, ErrInvalidQuietHours) {
			t.Errorf("Custom(%v) error = %v, want ErrInvalidQuietHours", days, err)
		}
	}
}

func TestCustomCanUseFrenchHolidaysWithOtherHours(t *testing.T) {
	all := map[time.Weekday]Window{}
	for d := time.Sunday; d <= time.Saturday; d++ {
		all[d] = Window{9 * time.Hour, 19 * time.Hour}
	}
	q, err := Custom(all, FrenchHolidays())
	if err != nil {
		t.Fatal(err)
	}
	paris := load(t, "Europe/Paris")
	// Easter Sunday 2026 is open (not a public holiday), Easter Monday is not.
	if got, want := q.NextAllowed(at(paris, 2026, 4, 5, 20, 0), paris), at(paris, 2026, 4, 7, 9, 0); !got.Equal(want) {
		t.Errorf("got %s, want %s", got, want)
	}
	if !q.Allowed(at(paris, 2026, 4, 5, 10, 0), paris) {
		t.Error("Easter Sunday morning should be allowed with every day open")
	}
}
