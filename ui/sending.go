package ui

import (
	"context"
	"fmt"
	"time"
)

// Sending says where planned messages leave from with the current settings.
type Sending struct {
	// HandsOff: the provider's scheduler takes a message due at least ScheduleMin
	// ahead, and sends it even if this computer is off.
	HandsOff    bool
	ScheduleMin time.Duration
	// PerHour is a paced provider's texts per hour (the shop's phone); 0: not paced.
	PerHour float64
	// Provider is the provider's name for people ("your phone", "Twilio").
	Provider string
}

// sending reads where messages leave from; the zero Sending when the window was
// given no way to know.
func (m *Main) sending(ctx context.Context) (Sending, error) {
	if m.deps.Sending == nil {
		return Sending{}, nil
	}
	return m.deps.Sending(ctx)
}

// from says where an occurrence due at `at` leaves from, seen at now.
func (s Sending) from(at, now time.Time) string {
	if s.HandsOff && at.Sub(now) >= s.ScheduleMin {
		return "with the provider"
	}
	return "from this computer"
}

// campaignTime says how long a paced provider takes for n texts ("" when not
// paced or when it takes under a minute).
func (s Sending) campaignTime(n int) string {
	if s.PerHour <= 0 || n <= 0 {
		return ""
	}
	d := time.Duration(float64(n) / s.PerHour * float64(time.Hour)).Round(time.Minute)
	if d < time.Minute {
		return ""
	}
	h, m := int(d.Hours()), int(d.Minutes())%60
	var t string
	switch {
	case h == 0:
		t = fmt.Sprintf("%d min", m)
	case m == 0:
		t = fmt.Sprintf("%d h", h)
	default:
		t = fmt.Sprintf("%d h %02d", h, m)
	}
	return fmt.Sprintf("about %s from %s at %.0f texts an hour", t, s.Provider, s.PerHour)
}
