package ui

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"minuit/scheduler"
)

func TestSwitchingMonthNeverShowsThePreviousMonthsCounts(t *testing.T) {
	h := newHarness(t)
	day := h.inTwoDays()
	h.schedule(day, "", "+33612345678", "+33612345679")
	h.showMonth(day)
	if n := h.dayCell(day.Day()).Info.Pending; n != 2 {
		t.Fatalf("the day shows %d planned, want 2", n)
	}
	test.Tap(h.m.Calendar.Next) // the next month is read off the UI goroutine
	next := day.AddDate(0, 1, 0)
	for _, c := range h.m.Calendar.Cells {
		if c.Info.Total() != 0 || c.CountText() != "" || len(c.LineTexts()) != 0 {
			t.Fatalf("before %s is read, day %d shows %q %v: the previous month's", next.Format("January 2006"), c.Day,
				c.CountText(), c.LineTexts())
		}
	}
	h.m.Settle()
}

// slowMonths holds its first read of one month until released, once it read the
// month (HeldInto is its last read).
type slowMonths struct {
	Scheduler
	month   time.Month
	first   atomic.Bool
	read    chan struct{}
	release chan struct{}
}

func (s *slowMonths) HeldInto(ctx context.Context, from, to time.Time) ([]scheduler.Delivery, error) {
	c, err := s.Scheduler.HeldInto(ctx, from, to)
	if from.Month() == s.month && s.first.CompareAndSwap(false, true) {
		close(s.read)
		<-s.release
	}
	return c, err
}

func TestALateResultOfAnOlderMonthSwitchIsDropped(t *testing.T) {
	h := newHarness(t)
	next := time.Date(h.now.Year(), h.now.Month()+1, 10, 9, 0, 0, 0, h.loc)
	slow := &slowMonths{Scheduler: h.store, month: next.Month(), read: make(chan struct{}), release: make(chan struct{})}
	h.m.deps.Store = slow
	test.Tap(h.m.Calendar.Next) // read 1 of next month: counted, then held
	<-slow.read
	h.schedule(next, "", "+33612345678") // planned meanwhile
	test.Tap(h.m.Calendar.Prev)
	test.Tap(h.m.Calendar.Next) // read 2 of next month sees it
	for range 2 {               // show this month's read and read 2
		f := <-h.m.tk.queue
		h.m.tk.pending--
		f()
	}
	if n := h.dayCell(10).Info.Pending; n != 1 {
		t.Fatalf("after the second read the 10th shows %d planned, want 1", n)
	}
	close(slow.release) // read 1 ends late, with the month as it was
	h.m.Settle()
	if n := h.dayCell(10).Info.Pending; n != 1 || len(h.dayCell(10).Info.Lines) != 1 {
		t.Fatalf("the late, older read replaced the newer one: the 10th shows %d planned", n)
	}
}
