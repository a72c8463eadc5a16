package scheduler

import "time"

// FirstAt is the message's first occurrence as an instant: At read in TZ. For a
// birthday message only its time of day counts.
func (m *Message) FirstAt() (time.Time, error) {
	t, perr := m.start()
	if perr != nil {
		return time.Time{}, perr
	}
	return t, nil
}
