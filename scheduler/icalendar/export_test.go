package icalendar

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"

	"minuit/internal/minuit"
	"minuit/scheduler"
)

var now = time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)

func opts() Options {
	return Options{Now: now, Name: "Minuit",
		Summary: func(m scheduler.Message, r *minuit.Recipient) string {
			if r != nil {
				return "SMS: birthday of " + r.Fields["first_name"]
			}
			return "SMS: " + m.Body
		},
		Description: func(m scheduler.Message, r *minuit.Recipient) string {
			return m.Body + "\nTo: " + m.Recipients[0].Value
		},
		Birthdays: func(context.Context, scheduler.Message) ([]minuit.Recipient, error) {
			return []minuit.Recipient{
				{ContactID: 7, Fields: map[string]string{"first_name": "Léa"}, Birthday: minuit.Birthday{Month: time.March, Day: 14}},
				{ContactID: 8, Fields: map[string]string{"first_name": "Max"}, Birthday: minuit.Birthday{Month: time.February, Day: 29}},
				{ContactID: 9, Fields: map[string]string{"first_name": "Sans date"}},
			}, nil
		}}
}

func message(id int64, at, tz, rule, body string) scheduler.Message {
	return scheduler.Message{ID: id, Body: body, Kind: minuit.Marketing, At: at, TZ: tz, RRule: rule,
		Status: scheduler.MessageActive, Recipients: []scheduler.RecipientRef{{Kind: scheduler.ToNumber, Value: "+33612345678"}},
		Created: now, Updated: now}
}

func export(t *testing.T, msgs ...scheduler.Message) (string, *ics.Calendar) {
	t.Helper()
	var b bytes.Buffer
	if err := Write(t.Context(), &b, msgs, opts()); err != nil {
		t.Fatal(err)
	}
	cal, err := ics.ParseCalendar(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatalf("parse back: %v\n%s", err, b.String())
	}
	return b.String(), cal
}

func prop(c *ics.ComponentBase, p ics.ComponentProperty) string {
	if v := c.GetProperty(p); v != nil {
		return v.Value
	}
	return ""
}

func TestAPlannedMessageRoundTripsWithItsZoneRuleAndText(t *testing.T) {
	body := "Soldes d’hiver ; -20 % sur tout, jusqu’à dimanche !\nRépondez STOP pour ne plus recevoir nos offres, merci \\o/"
	m := message(12, "2026-12-07 09:30", "Europe/Paris", "FREQ=WEEKLY;BYDAY=MO;UNTIL=20270301T000000", body)
	m.Skipped = []time.Time{time.Date(2026, 12, 14, 8, 30, 0, 0, time.UTC)}
	m.Window = 2 * time.Hour
	out, cal := export(t, m)
	evs := cal.Events()
	if len(evs) != 1 {
		t.Fatalf("%d events, want 1", len(evs))
	}
	e := &evs[0].ComponentBase
	want := map[ics.ComponentProperty]string{
		ics.ComponentPropertyUniqueId: "message-12@minuit",
		ics.ComponentPropertyDtStart:  "20261207T093000",
		ics.ComponentPropertyDtEnd:    "20261207T113000",
		ics.ComponentPropertyRrule:    "FREQ=WEEKLY;BYDAY=MO;UNTIL=20270301T000000Z",
		ics.ComponentPropertyExdate:   "20261214T093000",
		ics.ComponentPropertyDtstamp:  "20261129T090000Z",
	}
	for p, v := range want {
		if got := prop(e, p); got != v {
			t.Errorf("%s = %q, want %q", p, got, v)
		}
	}
	if tz := e.GetProperty(ics.ComponentPropertyDtStart).ICalParameters["TZID"]; len(tz) != 1 || tz[0] != "Europe/Paris" {
		t.Errorf("DTSTART TZID = %v", tz)
	}
	if got := ics.FromText(prop(e, ics.ComponentPropertyDescription)); got != body+"\nTo: +33612345678" {
		t.Errorf("description came back as %q", got)
	}
	if len(cal.Timezones()) != 1 || prop(&cal.Timezones()[0].ComponentBase, ics.ComponentPropertyTzid) != "Europe/Paris" {
		t.Errorf("want one VTIMEZONE for Europe/Paris:\n%s", out)
	}
}

func TestEveryLineEndsInCRLFAndIsFoldedAt75OctetsWithoutSplittingACharacter(t *testing.T) {
	long := strings.Repeat("Joyeux Noël à toute l’équipe — 🎄 ", 12)
	out, _ := export(t, message(1, "2026-12-24 00:00", "Europe/Paris", "", long))
	if !strings.HasSuffix(out, "\r\n") || strings.Contains(strings.ReplaceAll(out, "\r\n", ""), "\n") {
		t.Fatal("a line does not end in CRLF")
	}
	folded := 0
	for _, line := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n") {
		if len(line) > 75 {
			t.Fatalf("line of %d octets: %q", len(line), line)
		}
		if !utf8.ValidString(line) {
			t.Fatalf("a character was cut between lines: %q", line)
		}
		if strings.HasPrefix(line, " ") {
			folded++
		}
	}
	if folded < 5 {
		t.Fatalf("%d continuation lines; the long text should be folded", folded)
	}
}

func TestTheParisZoneIsWrittenAsYearlyRulesThatMatchGo(t *testing.T) {
	_, cal := export(t, message(1, "2026-12-24 00:00", "Europe/Paris", "", "x"))
	got := map[string]string{}
	for _, c := range cal.Timezones()[0].Components {
		switch o := c.(type) {
		case *ics.Standard:
			got["standard"] = prop(&o.ComponentBase, ics.ComponentPropertyDtStart) + " " + prop(&o.ComponentBase, "TZOFFSETFROM") +
				" " + prop(&o.ComponentBase, "TZOFFSETTO") + " " + prop(&o.ComponentBase, ics.ComponentPropertyRrule)
		case *ics.Daylight:
			got["daylight"] = prop(&o.ComponentBase, ics.ComponentPropertyDtStart) + " " + prop(&o.ComponentBase, "TZOFFSETFROM") +
				" " + prop(&o.ComponentBase, "TZOFFSETTO") + " " + prop(&o.ComponentBase, ics.ComponentPropertyRrule)
		}
	}
	want := map[string]string{
		"daylight": "20250330T020000 +0100 +0200 FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
		"standard": "20251026T030000 +0200 +0100 FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("observances = %v\nwant %v", got, want)
	}
}

func TestAZoneWithoutClockChangesHasOneStandardTime(t *testing.T) {
	_, cal := export(t, message(1, "2026-12-24 00:00", "America/Sao_Paulo", "", "x"))
	cs := cal.Timezones()[0].Components
	if len(cs) != 1 {
		t.Fatalf("%d observances, want 1", len(cs))
	}
	s, ok := cs[0].(*ics.Standard)
	if !ok || prop(&s.ComponentBase, "TZOFFSETTO") != "-0300" {
		t.Fatalf("observance %#v, want a STANDARD at -0300", cs[0])
	}
}

func TestAZoneWithIrregularChangesListsThemOneByOne(t *testing.T) {
	loc, err := time.LoadLocation("Africa/Casablanca") // moves its clock around Ramadan
	if err != nil {
		t.Skip("no zone data for Africa/Casablanca")
	}
	ts := transitions(loc, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2028, 1, 1, 0, 0, 0, 0, time.UTC))
	if len(ts) < 4 {
		t.Fatalf("%d transitions in three years, want two a year", len(ts))
	}
	for _, tr := range ts {
		if _, before := tr.at.Add(-time.Second).In(loc).Zone(); before != tr.from {
			t.Fatalf("transition %v: offset before %d, recorded %d", tr.at, before, tr.from)
		}
		if _, after := tr.at.In(loc).Zone(); after != tr.to {
			t.Fatalf("transition %v: offset after %d, recorded %d", tr.at, after, tr.to)
		}
	}
	out, _ := export(t, message(1, "2026-06-01 10:00", "Africa/Casablanca", "", "x"))
	if !strings.Contains(out, "RDATE:") {
		t.Fatalf("want RDATEs for irregular changes:\n%s", out)
	}
}

func TestBirthdaysAreYearlyEventsPerContactWithABirthday(t *testing.T) {
	m := message(5, "2026-01-01 09:00", "Europe/Paris", "", "Bon anniversaire {first_name} !")
	m.Birthday = true
	_, cal := export(t, m)
	got := map[string]string{}
	for _, e := range cal.Events() {
		got[e.Id()] = prop(&e.ComponentBase, ics.ComponentPropertyDtStart) + " " + prop(&e.ComponentBase, ics.ComponentPropertyRrule)
	}
	want := map[string]string{
		"message-5-contact-7@minuit": "20270314T090000 FREQ=YEARLY",
		"message-5-contact-8@minuit": "20270228T090000 FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("birthday events = %v\nwant %v", got, want)
	}
}

func TestOnlyActiveMessagesAreExportedAndAnUnreadableOneIsLeftOut(t *testing.T) {
	done := message(2, "2026-01-01 09:00", "Europe/Paris", "", "old")
	done.Status = scheduler.MessageDone
	broken := message(3, "not a time", "Europe/Paris", "", "?")
	_, cal := export(t, message(1, "2026-12-24 00:00", "Europe/Paris", "", "x"), done, broken)
	if evs := cal.Events(); len(evs) != 1 || evs[0].Id() != "message-1@minuit" {
		t.Fatalf("events %v, want message 1 only", len(evs))
	}
}

func BenchmarkExport1000Messages(b *testing.B) {
	zones := []string{"Europe/Paris", "America/New_York", "Indian/Reunion"}
	msgs := make([]scheduler.Message, 1000)
	for i := range msgs {
		rule := ""
		if i%3 == 0 {
			rule = "FREQ=WEEKLY;BYDAY=MO,TH"
		}
		msgs[i] = message(int64(i+1), fmt.Sprintf("2026-12-%02d %02d:%02d", 1+i%28, 8+i%10, i%60), zones[i%3], rule,
			fmt.Sprintf("Bonjour {first_name}, votre commande n°%d est prête : passez la chercher avant samedi 18 h. Merci !", i))
	}
	o := opts()
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := Write(context.Background(), &buf, msgs, o); err != nil {
			b.Fatal(err)
		}
	}
}

func TestARepeatingMessageStartsOnTheFirstOccurrenceItsRuleGives(t *testing.T) {
	_, cal := export(t, message(4, "2026-12-24 09:00", "Europe/Paris", "FREQ=WEEKLY;BYDAY=MO", "Rappel")) // a Thursday
	if got := prop(&cal.Events()[0].ComponentBase, ics.ComponentPropertyDtStart); got != "20261228T090000" {
		t.Fatalf("DTSTART %s, want Monday 28 December, the first time it is sent", got)
	}
}

func TestATextCannotAddLinesOrEventsToTheCalendar(t *testing.T) {
	out, cal := export(t, message(1, "2026-12-24 09:00", "Europe/Paris", "",
		"x\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil@x\nSUMMARY:\x00\x1b[31mpwned"))
	if len(cal.Events()) != 1 || strings.Contains(out, "\nEND:VEVENT\r\nBEGIN:VEVENT") || strings.ContainsAny(out, "\x00\x1b") {
		t.Fatalf("the text broke out of its event:\n%s", out)
	}
}
