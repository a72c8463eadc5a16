package scheduler

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"minuit/internal/minuit"
)

// mapDirectory resolves contacts by id and groups by name; an unknown group is
// ErrUnknownGroup, as the app's directory says it.
type mapDirectory struct {
	contacts map[int64]minuit.Recipient
	groups   map[string][]int64
}

func (d mapDirectory) Resolve(_ context.Context, ids []int64, groups []string) ([]minuit.Recipient, error) {
	var out []minuit.Recipient
	for _, g := range groups {
		members, ok := d.groups[g]
		if !ok {
			return nil, fmt.Errorf("%w: %q", ErrUnknownGroup, g)
		}
		ids = append(ids, members...)
	}
	for _, id := range ids {
		if r, ok := d.contacts[id]; ok {
			out = append(out, r)
		}
	}
	return out, nil
}

// refusedPlan asserts that m is refused with one sentence about field containing
// want, and that nothing was stored.
func refusedPlan(t *testing.T, h *harness, m Message, field, want string) {
	t.Helper()
	before, err := h.store.Messages(t.Context(), true)
	if err != nil {
		t.Fatal(err)
	}
	if m.Kind == "" {
		m.Kind = minuit.Transactional
	}
	if m.TZ == "" {
		m.TZ = "Europe/Paris"
	}
	_, err = h.store.CreateMessage(t.Context(), m)
	var pe *PlanError
	if !errors.As(err, &pe) || pe.Field != field || !strings.Contains(err.Error(), want) {
		t.Fatalf("CreateMessage(%q, %q) = %v, want a %s problem saying %q", m.At, m.RRule, err, field, want)
	}
	if strings.Count(err.Error(), ". ") > 0 || !strings.HasSuffix(err.Error(), ".") {
		t.Errorf("%q is not one sentence", err)
	}
	if ms, err := h.store.Messages(t.Context(), true); err != nil || len(ms) != len(before) {
		t.Fatalf("%d messages stored (%v) after a refused plan, want %d", len(ms), err, len(before))
	}
}

func TestASendTimeInThePastIsRefusedButNowAndTheCurrentMinuteAreNot(t *testing.T) {
	h := newHarness(t, paris(t, "2026-06-01 10:00").Add(40*time.Second))
	refusedPlan(t, h, Message{Body: "Soldes", At: "2025-06-01 10:00", Recipients: to("+33612345678")}, FieldWhen,
		"The send time 2025-06-01 10:00 is already past (it is 2026-06-01 10:00 in Europe/Paris)")
	refusedPlan(t, h, Message{Body: "Soldes", At: "2025-06-01 10:00", RRule: "FREQ=WEEKLY", Recipients: to("+33612345678")},
		FieldWhen, "already past")
	for _, at := range []string{AtNow, "2026-06-01 10:00"} {
		id := h.schedule(Message{Body: "Soldes", At: at, Recipients: to("+33612345678")})
		m, err := h.store.Message(t.Context(), id)
		if err != nil || m.At != "2026-06-01 10:00" || !m.Next.Equal(paris(t, "2026-06-01 10:00")) {
			t.Fatalf("at %q: stored %q next %v (%v), want due now", at, m.At, m.Next, err)
		}
	}
}

func TestAnEditCannotMoveAOneOffIntoThePastButARepeatingMessageKeepsItsPastStart(t *testing.T) {
	h := newHarness(t, paris(t, "2026-06-01 08:00"))
	once := h.schedule(Message{Body: "Once", At: "2026-06-01 10:00", Recipients: to("+33612345678")})
	weekly := h.schedule(Message{Body: "Weekly", At: "2026-06-01 10:00", RRule: "FREQ=WEEKLY", Recipients: to("+33612345678")})
	h.clock.Set(paris(t, "2026-07-01 08:00"))
	m, _ := h.store.Message(t.Context(), once)
	m.At = "2026-06-02 10:00"
	if err := h.store.UpdateMessage(t.Context(), m); err == nil || !strings.Contains(err.Error(), "already past") {
		t.Fatalf("edit into the past: %v", err)
	}
	if got, _ := h.store.Message(t.Context(), once); got.At != "2026-06-01 10:00" {
		t.Fatalf("the refused edit changed the message: %q", got.At)
	}
	m, _ = h.store.Message(t.Context(), weekly)
	m.Body = "Weekly, edited"
	if err := h.store.UpdateMessage(t.Context(), m); err != nil {
		t.Fatalf("editing a weekly message started in June: %v", err)
	}
}

func TestRecipientsThatResolveToNobodyAreRefusedByName(t *testing.T) {
	h := newHarness(t, paris(t, "2026-06-01 08:00"))
	h.store.Directory = mapDirectory{
		contacts: map[int64]minuit.Recipient{1: {ContactID: 1, Number: "+33612345678"}, 3: {ContactID: 3}},
		groups:   map[string][]int64{"VIP": {1}, "Empty": nil, "Landlines": {3}},
	}
	at := "2026-06-01 10:00"
	cases := []struct {
		to   []RecipientRef
		want string
	}{
		{[]RecipientRef{{ToGroup, "Unknown"}}, "There is no group “Unknown”."},
		{[]RecipientRef{{ToGroup, "VIP"}, {ToContact, "999"}}, "There is no contact 999."},
		{[]RecipientRef{{ToContact, "abc"}}, "The contact id “abc” is not a number."},
		{[]RecipientRef{{ToGroup, "Empty"}}, "Nobody in the group “Empty” has a mobile number"},
		{[]RecipientRef{{ToContact, "3"}}, "Contact 3 has no mobile number"},
		{[]RecipientRef{{ToGroup, "Landlines"}, {ToGroup, "Empty"}}, "None of these recipients has a mobile number"},
	}
	for _, c := range cases {
		refusedPlan(t, h, Message{Body: "Hi", At: at, Recipients: c.to}, FieldTo, c.want)
	}
	h.schedule(Message{Body: "Hi", At: at, Recipients: []RecipientRef{{ToGroup, "VIP"}, {ToGroup, "Empty"}}})
}

func TestRepeatsMoreOftenThanHourlyEndlessOrWithoutADateAreRefused(t *testing.T) {
	h := newHarness(t, paris(t, "2026-06-01 08:00"))
	for rule, want := range map[string]string{
		"FREQ=SECONDLY":                       "FREQ=SECONDLY repeats more often than once an hour",
		"FREQ=MINUTELY;INTERVAL=90":           "FREQ=MINUTELY repeats more often than once an hour",
		"FREQ=HOURLY;BYMINUTE=0,30":           "sends more often than once an hour (2026-06-01 10:00, then 2026-06-01 10:30)",
		"FREQ=DAILY;BYHOUR=9;BYMINUTE=0,59":   "sends more often than once an hour",
		"FREQ=DAILY;COUNT=0":                  "COUNT=0 is not allowed",
		"FREQ=DAILY;COUNT=-3":                 "COUNT=-3 is not allowed",
		"FREQ=DAILY;INTERVAL=0":               "INTERVAL=0 is not allowed",
		"FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30": "never gives a date to send on",
		"FREQ=DAILY;UNTIL=20260101T000000Z":   "never gives a date to send on",
		"FREQ=WEEKLY;BYDAY=XX":                "is not valid",
	} {
		refusedPlan(t, h, Message{Body: "Hi", At: "2026-06-01 10:00", RRule: rule, Recipients: to("+33612345678")},
			FieldRepeat, want)
	}
	// Hourly across the spring DST change (28 March 2027 in Paris) stays hourly.
	h.clock.Set(paris(t, "2027-03-27 23:00"))
	for _, rule := range []string{"FREQ=HOURLY", "FREQ=DAILY;COUNT=3", "FREQ=HOURLY;INTERVAL=2"} {
		h.schedule(Message{Body: "Hi", At: "2027-03-28 00:00", RRule: rule, Recipients: to("+33612345678")})
	}
}

func TestATextOverTenPartsIsRefusedWithTheFooterCounted(t *testing.T) {
	h := newHarness(t, paris(t, "2026-06-01 08:00"))
	at := "2026-06-01 10:00"
	ten := strings.Repeat("a", 10*153)
	h.schedule(Message{Body: ten, At: at, Recipients: to("+33612345678")})
	refusedPlan(t, h, Message{Body: ten + "a", At: at, Recipients: to("+33612345678")}, FieldText,
		"The text is 11 SMS long; at most 10 are sent")
	refusedPlan(t, h, Message{Body: ten, Kind: minuit.Marketing, At: at, Recipients: to("+33612345678")}, FieldText,
		"The text, with its STOP footer, is 11 SMS long")
	refusedPlan(t, h, Message{Body: strings.Repeat("x", 131_000), At: at, Recipients: to("+33612345678")}, FieldText,
		"The text is 857 SMS long")
}

func TestATimeThatDaylightSavingSkipsIsAcceptedAndSaysWhatItBecomes(t *testing.T) {
	h := newHarness(t, paris(t, "2026-03-28 12:00"))
	if note := GapNote("2026-03-29 02:30", "Europe/Paris"); note != "02:30 does not exist on 29 March in Europe/Paris: sending at 03:30." {
		t.Fatalf("note = %q", note)
	}
	if note := GapNote("2026-03-29 03:30", "Europe/Paris"); note != "" {
		t.Fatalf("a time that exists got the note %q", note)
	}
	id := h.schedule(Message{Body: "Hi", At: "2026-03-29 02:30", Recipients: to("+33612345678")})
	m, err := h.store.Message(t.Context(), id)
	if err != nil || !m.Next.Equal(paris(t, "2026-03-29 03:30")) {
		t.Fatalf("next = %v (%v), want 03:30 summer time", m.Next, err)
	}
}
