package compliance

import (
	"slices"
	"time"
)

// Cap limits marketing messages per contact: at most Max in any rolling period
// of length Per (e.g. 4 per 30 days). A Cap with Max or Per not positive (the
// zero Cap) is no cap.
type Cap struct {
	Max int
	Per time.Duration
}

// Enabled reports whether c limits anything.
func (c Cap) Enabled() bool { return c.Max > 0 && c.Per > 0 }

// Check reports whether one more marketing message may be sent at `at`, given
// the times of the contact's previous marketing messages (in any order). A
// previous message counts while it is less than Per old: one sent exactly Per
// before `at` no longer counts. Times after `at` count too, as if already sent.
//
// When ok is false, next is the earliest instant at which a new message fits
// (when enough of the counted messages have left the window); when ok is true,
// next is at.
func (c Cap) Check(previous []time.Time, at time.Time) (ok bool, next time.Time) {
	if !c.Enabled() {
		return true, at
	}
	from := at.Add(-c.Per)
	var in []time.Time
	for _, p := range previous {
		if p.After(from) {
			in = append(in, p)
		}
	}
	if len(in) < c.Max {
		return true, at
	}
	// With the counted times in order, a message fits once all but Max-1 of
	// them have left the window, that is once in[len(in)-Max] is Per old.
	slices.SortFunc(in, func(a, b time.Time) int { return a.Compare(b) })
	return false, in[len(in)-c.Max].Add(c.Per)
}
