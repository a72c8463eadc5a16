package compliance

import (
	"testing"
	"time"
)

func TestCapCheckCountsARollingWindow(t *testing.T) {
	day := 24 * time.Hour
	t0 := utc(2026, 3, 1, 10, 0)
	d := func(n int) time.Time { return t0.Add(time.Duration(n) * day) }
	fourIn30 := Cap{Max: 4, Per: 30 * day}
	tests := []struct {
		name     string
		cap      Cap
		previous []time.Time
		at       time.Time
		ok       bool
		next     time.Time
	}{
		{"no previous message", fourIn30, nil, d(0), true, d(0)},
		{"three in the window leave room for a fourth", fourIn30, []time.Time{d(0), d(5), d(10)}, d(12), true, d(12)},
		{"four in the window: wait for the oldest to leave", fourIn30, []time.Time{d(0), d(5), d(10), d(11)}, d(12), false, d(30)},
		{"the order of previous times does not matter", fourIn30, []time.Time{d(11), d(0), d(10), d(5)}, d(12), false, d(30)},
		{"a message exactly Per old no longer counts", fourIn30, []time.Time{d(0), d(5), d(10), d(11)}, d(30), true, d(30)},
		{"one nanosecond earlier it still counts", fourIn30, []time.Time{d(0), d(5), d(10), d(11)}, d(30).Add(-1), false, d(30)},
		{"old messages outside the window are ignored", fourIn30, []time.Time{d(-90), d(-40), d(-31), d(5)}, d(6), true, d(6)},
		{"six in the window: wait until three have left", fourIn30, []time.Time{d(1), d(2), d(3), d(4), d(5), d(6)}, d(7), false, d(33)},
		{"times after at count as sent", fourIn30, []time.Time{d(0), d(5), d(10), d(20)}, d(12), false, d(30)},
		{"equal times leave together", Cap{Max: 2, Per: day}, []time.Time{t0, t0, t0}, t0.Add(time.Hour), false, t0.Add(day)},
		{"one a day", Cap{Max: 1, Per: day}, []time.Time{t0}, t0.Add(23 * time.Hour), false, t0.Add(day)},
		{"the zero cap is no cap", Cap{}, []time.Time{t0, t0, t0}, t0, true, t0},
		{"no period is no cap", Cap{Max: 1}, []time.Time{t0}, t0, true, t0},
		{"no maximum is no cap", Cap{Per: day}, []time.Time{t0}, t0, true, t0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok, next := tt.cap.Check(tt.previous, tt.at)
			if ok != tt.ok || !next.Equal(tt.next) {
				t.Errorf("Check = %v, %s; want %v, %s", ok, next, tt.ok, tt.next)
			}
			if !ok {
				if ok2, _ := tt.cap.Check(tt.previous, next); !ok2 {
					t.Errorf("a message still does not fit at next = %s", next)
				}
				if ok3, _ := tt.cap.Check(tt.previous, next.Add(-1)); ok3 {
					t.Errorf("a message already fits before next = %s", next)
				}
			}
		})
	}
}

func TestCapCheckNeverAllowsMoreThanMaxInAnyWindow(t *testing.T) {
	// Send greedily whenever Check allows, and verify every window of length Per.
	c := Cap{Max: 3, Per: 7 * 24 * time.Hour}
	var sent []time.Time
	for at := utc(2026, 1, 1, 0, 0); at.Before(utc(2026, 3, 1, 0, 0)); at = at.Add(5 * time.Hour) {
		if ok, _ := c.Check(sent, at); ok {
			sent = append(sent, at)
		}
	}
	if len(sent) < 20 {
		t.Fatalf("only %d messages sent in two months", len(sent))
	}
	for i := range sent {
		n := 0
		for _, s := range sent[i:] {
			if s.Sub(sent[i]) < c.Per {
				n++
			}
		}
		if n > c.Max {
			t.Fatalf("%d messages within %s of %s", n, c.Per, sent[i])
		}
	}
}
