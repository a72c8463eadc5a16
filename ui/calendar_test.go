package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"minuit/scheduler"
)

func TestCancellingAMessageFromTheAgendaRemovesItFromTheCalendar(t *testing.T) {
	h := newHarness(t)
	day := h.inTwoDays()
	id := h.schedule(day, "", "+33612345678")
	h.m.Calendar.Month = day.AddDate(0, 0, 1-day.Day())
	h.m.Calendar.onMove(0)
	h.m.Settle()
	test.Tap(h.dayCell(day.Day()))
	h.m.Settle()
	if len(h.m.Calendar.Agenda) != 1 {
		t.Fatalf("agenda has %d items, want the planned message", len(h.m.Calendar.Agenda))
	}
	if !h.m.Calendar.Cancel.Disabled() {
		t.Fatal("Cancel is enabled before a message is selected")
	}
	h.m.Calendar.AgendaList.Select(0)
	test.Tap(h.m.Calendar.Cancel)
	h.m.Settle()

	m, err := h.store.Message(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	if m.Status != scheduler.MessageCancelled {
		t.Fatalf("message status %q, want cancelled", m.Status)
	}
	if n := h.dayCell(day.Day()).Info.Pending; n != 0 || len(h.m.Calendar.Agenda) != 0 {
		t.Fatalf("after cancelling: %d planned, agenda %+v", n, h.m.Calendar.Agenda)
	}
}

func TestCancellingARepeatingMessageAsksThisOneOrAllFutureOnes(t *testing.T) {
	h := newHarness(t)
	day := h.inTwoDays()
	h.schedule(day, "FREQ=DAILY", "+33612345678")
	h.m.Calendar.Month = day.AddDate(0, 0, 1-day.Day())
	h.m.Calendar.onMove(0)
	h.m.Settle()
	test.Tap(h.dayCell(day.Day()))
	h.m.Settle()
	h.m.Calendar.AgendaList.Select(0)
	test.Tap(h.m.Calendar.Cancel)
	h.m.Settle()
	ms, err := h.store.Messages(t.Context(), false)
	if err != nil || len(ms) != 1 {
		t.Fatalf("the repeating message was cancelled without asking: %d active (%v)", len(ms), err)
	}
	overlays := h.m.Window.Canvas().Overlays().List()
	if len(overlays) == 0 {
		t.Fatal("no question was asked")
	}
}

func TestMovingToTheNextMonthShowsItsTitleAndGrid(t *testing.T) {
	h := newHarness(t)
	test.Tap(h.m.Calendar.Next)
	h.m.Settle()
	next := h.now.AddDate(0, 0, 1-h.now.Day()).AddDate(0, 1, 0)
	if h.m.Calendar.Title.Text != next.Format("January 2006") {
		t.Fatalf("title %q, want %q", h.m.Calendar.Title.Text, next.Format("January 2006"))
	}
	for _, c := range h.m.Calendar.Cells {
		if c.Today {
			t.Fatal("a day of next month is highlighted as today")
		}
	}
}

func TestCancellingOnlyThisOccurrenceKeepsTheNextDays(t *testing.T) {
	h := newHarness(t)
	day := h.inTwoDays()
	if day.AddDate(0, 0, 1).Month() != day.Month() {
		day = day.AddDate(0, 0, 1) // the 1st: the next day is in the shown month too
	}
	h.schedule(day, "FREQ=DAILY", "+33612345678")
	h.m.Calendar.Month = day.AddDate(0, 0, 1-day.Day())
	h.m.Calendar.onMove(0)
	h.m.Settle()
	test.Tap(h.dayCell(day.Day()))
	h.m.Settle()
	h.m.Calendar.cancel(h.m.Calendar.Agenda[0], true)
	h.m.Settle()
	if n := h.dayCell(day.Day()).Info.Pending; n != 0 {
		t.Fatalf("the skipped day still shows %d planned", n)
	}
	if n := h.dayCell(day.Day() + 1).Info.Pending; n != 1 {
		t.Fatalf("the next day shows %d planned, want 1", n)
	}
}
