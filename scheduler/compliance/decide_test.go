package compliance

import (
	"strings"
	"testing"
	"time"

	"minuit/internal/minuit"
)

func TestDecideAppliesConsentCapQuietHoursAndDeadline(t *testing.T) {
	paris, ny := load(t, "Europe/Paris"), load(t, "America/New_York")
	day := 24 * time.Hour
	fr := Policy{Quiet: France(), QuietEnabled: true, Cap: Cap{Max: 4, Per: 30 * day}, Footer: "STOP au 36180", DefaultZone: paris}
	frSkip := fr
	frSkip.CapAction = CapSkip
	frOff := fr
	frOff.QuietEnabled = false
	nothing := fr
	nothing.Quiet = QuietHours{}

	const frNumber = "+33612345678"
	tuesday := at(paris, 2026, 3, 10, 10, 0)
	saturdayNight := at(paris, 2026, 3, 21, 20, 30)
	monday8 := at(paris, 2026, 3, 23, 8, 0)
	// Four marketing messages in the last 30 days; the oldest leaves the window on
	// Sunday 22 March 2026 at 09:00, a quiet day in France.
	full := []time.Time{at(paris, 2026, 2, 20, 9, 0), at(paris, 2026, 3, 1, 9, 0), at(paris, 2026, 3, 5, 9, 0), at(paris, 2026, 3, 9, 9, 0)}
	fullOnTuesday := []time.Time{at(paris, 2026, 2, 10, 10, 0).Add(time.Hour), full[1], full[2], full[3]} // oldest leaves Thursday 12 March 11:00

	mk := func(mod func(*Delivery)) Delivery {
		d := Delivery{Kind: minuit.Marketing, Number: frNumber, Consent: minuit.ConsentOptedIn, Due: tuesday}
		if mod != nil {
			mod(&d)
		}
		return d
	}
	tests := []struct {
		name    string
		p       Policy
		d       Delivery
		action  Action
		reason  Reason
		until   time.Time
		mention string
	}{
		{"transactional is sent whatever the consent and hour", fr, mk(func(d *Delivery) {
			d.Kind, d.Consent, d.Due, d.RecentMarketing = minuit.Transactional, minuit.ConsentOptedOut, at(paris, 2026, 3, 22, 3, 0), full
		}), Send, "", time.Time{}, ""},
		{"transactional is skipped when the contact refused every message", fr, mk(func(d *Delivery) {
			d.Kind, d.NoMessagesAtAll = minuit.Transactional, true
		}), Skip, ReasonOptedOut, time.Time{}, "no messages at all"},
		{"marketing without recorded consent is skipped", fr, mk(func(d *Delivery) { d.Consent = minuit.ConsentUnknown }), Skip, ReasonNoConsent, time.Time{}, "has not agreed"},
		{"an empty consent counts as unknown", fr, mk(func(d *Delivery) { d.Consent = "" }), Skip, ReasonNoConsent, time.Time{}, "has not agreed"},
		{"an unknown kind is treated as marketing", fr, mk(func(d *Delivery) { d.Kind, d.Consent = "", minuit.ConsentUnknown }), Skip, ReasonNoConsent, time.Time{}, "marketing"},
		{"marketing to an opted-out contact is skipped", fr, mk(func(d *Delivery) { d.Consent = minuit.ConsentOptedOut }), Skip, ReasonOptedOut, time.Time{}, "opted out"},
		{"opted-in marketing in allowed hours is sent", fr, mk(nil), Send, "", time.Time{}, ""},
		{"Saturday night is held until Monday 08:00", fr, mk(func(d *Delivery) { d.Due = saturdayNight }), Hold, ReasonQuietHours, monday8, "Held by quiet hours until Mon 23 Mar 2026 08:00 CET."},
		{"quiet hours off: sent on Saturday night", frOff, mk(func(d *Delivery) { d.Due = saturdayNight }), Send, "", time.Time{}, ""},
		{"held past the deadline is skipped", fr, mk(func(d *Delivery) {
			d.Due, d.Deadline = saturdayNight, at(paris, 2026, 3, 22, 12, 0)
		}), Skip, ReasonDeadline, time.Time{}, "held by quiet hours past its deadline"},
		{"held exactly until the deadline is kept", fr, mk(func(d *Delivery) { d.Due, d.Deadline = saturdayNight, monday8 }), Hold, ReasonQuietHours, monday8, ""},
		{"already past the deadline is skipped, whatever the kind", fr, mk(func(d *Delivery) {
			d.Kind, d.Deadline = minuit.Transactional, tuesday.Add(-time.Minute)
		}), Skip, ReasonDeadline, time.Time{}, "had passed"},
		{"over the cap is held until a message fits", fr, mk(func(d *Delivery) { d.RecentMarketing = fullOnTuesday }), Hold, ReasonFrequencyCap, at(paris, 2026, 3, 12, 11, 0), "frequency cap (4 marketing messages in 30 days)"},
		{"over the cap, then quiet hours: both are satisfied", fr, mk(func(d *Delivery) { d.Due, d.RecentMarketing = at(paris, 2026, 3, 21, 12, 0), full }), Hold, ReasonFrequencyCap, monday8, "and then by quiet hours"},
		{"over the cap with the skip setting is skipped", frSkip, mk(func(d *Delivery) { d.RecentMarketing = full }), Skip, ReasonFrequencyCap, time.Time{}, "already had 4 marketing messages in 30 days"},
		{"a cap hold past the deadline is skipped", fr, mk(func(d *Delivery) { d.RecentMarketing, d.Deadline = fullOnTuesday, tuesday.Add(day) }), Skip, ReasonDeadline, time.Time{}, "held by the frequency cap"},
		{"the contact's own zone wins over the number's", fr, mk(func(d *Delivery) { d.Zone = ny }), Hold, ReasonQuietHours, at(ny, 2026, 3, 10, 8, 0), "EDT"},
		{"a number without a zone uses the default zone", fr, mk(func(d *Delivery) { d.Number, d.Due = "+999", saturdayNight }), Hold, ReasonQuietHours, monday8, ""},
		{"quiet hours that allow nothing skip", nothing, mk(nil), Skip, ReasonQuietHours, time.Time{}, "allow no sending time"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.p.Decide(tt.d)
			if got.Action != tt.action || got.Reason != tt.reason || !got.Until.Equal(tt.until) {
				t.Fatalf("Decide = %+v, want %s %q until %s", got, tt.action, tt.reason, tt.until)
			}
			if !strings.Contains(got.Message, tt.mention) {
				t.Errorf("message %q does not mention %q", got.Message, tt.mention)
			}
			if got.Action != Send && (got.Message == "" || !strings.HasSuffix(got.Message, ".")) {
				t.Errorf("message %q is not a sentence", got.Message)
			}
			if got.Action == Hold {
				again := tt.d
				again.Due = got.Until
				if next := tt.p.Decide(again); next.Action != Send {
					t.Errorf("asked again at Until, Decide = %+v, want Send", next)
				}
			}
		})
	}
}

func TestDecideJudgesQuietHoursInTheNumbersZones(t *testing.T) {
	us := Policy{Quiet: UnitedStates(), QuietEnabled: true}
	due := utc(2026, 6, 10, 12, 0) // 08:00 in New York, 05:00 in Los Angeles
	mk := func(number string) Delivery {
		return Delivery{Kind: minuit.Marketing, Number: number, Consent: minuit.ConsentOptedIn, Due: due}
	}
	if got := us.Decide(mk("+12125551234")); got.Action != Send {
		t.Errorf("New York number: %+v, want Send", got)
	}
	got := us.Decide(mk("+13105551234"))
	if got.Action != Hold || !got.Until.Equal(utc(2026, 6, 10, 15, 0)) || got.Until.Location().String() != "America/Los_Angeles" {
		t.Errorf("Los Angeles number: %+v, want Hold until 08:00 PDT", got)
	}

	// Alaska numbers may be in Adak or Anchorage: 08:30 in Anchorage is 07:30 in Adak.
	anchorage, adak := load(t, "America/Anchorage"), load(t, "America/Adak")
	d := mk("+19075551234")
	d.Due = at(anchorage, 2026, 6, 10, 8, 30)
	if got := us.Decide(d); got.Action != Hold || !got.Until.Equal(at(adak, 2026, 6, 10, 8, 0)) {
		t.Errorf("Alaska number: %+v, want Hold until 08:00 in Adak", got)
	}

	// A toll-free number spans zones from Guam to Pago Pago: a one-hour window
	// never overlaps in all of them, so the westernmost zone decides.
	narrow := us
	narrow.Quiet, _ = Custom(map[time.Weekday]Window{
		time.Wednesday: {9 * time.Hour, 10 * time.Hour}, time.Thursday: {9 * time.Hour, 10 * time.Hour},
	}, nil)
	pago := load(t, "Pacific/Pago_Pago")
	if got := narrow.Decide(mk("+18005551234")); got.Action != Hold || !got.Until.Equal(at(pago, 2026, 6, 10, 9, 0)) {
		t.Errorf("toll-free number: %+v, want Hold until 09:00 in Pago Pago", got)
	}
}

func TestCapTextReadsNaturally(t *testing.T) {
	tests := []struct {
		cap  Cap
		want string
	}{
		{Cap{4, 30 * 24 * time.Hour}, "4 marketing messages in 30 days"},
		{Cap{1, 24 * time.Hour}, "1 marketing message in a day"},
		{Cap{2, time.Hour}, "2 marketing messages in an hour"},
		{Cap{3, 6 * time.Hour}, "3 marketing messages in 6 hours"},
		{Cap{3, 90 * time.Minute}, "3 marketing messages in 1h30m0s"},
	}
	for _, tt := range tests {
		if got := (Policy{Cap: tt.cap}).capText(); got != tt.want {
			t.Errorf("capText(%v) = %q, want %q", tt.cap, got, tt.want)
		}
	}
}

func TestDecideIsSafeForConcurrentUse(t *testing.T) {
	paris := load(t, "Europe/Paris")
	p := Policy{Quiet: France(), QuietEnabled: true, Cap: Cap{Max: 2, Per: 7 * 24 * time.Hour}}
	d := Delivery{Kind: minuit.Marketing, Number: "+33612345678", Consent: minuit.ConsentOptedIn, Due: at(paris, 2026, 4, 4, 21, 0)}
	want := at(paris, 2026, 4, 7, 8, 0) // Sunday, then Easter Monday
	results := make(chan Decision, 8)
	for range 8 {
		go func() { results <- p.Decide(d) }()
	}
	for range 8 {
		if got := <-results; got.Action != Hold || !got.Until.Equal(want) {
			t.Errorf("Decide = %+v, want Hold until %s", got, want)
		}
	}
}
