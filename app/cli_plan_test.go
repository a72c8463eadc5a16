package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"minuit/internal/db"
)

// refusedSchedule runs schedule with args, and asserts that it fails with one line
// on stderr that contains want, and that nothing was planned.
func refusedSchedule(t *testing.T, dir, want string, args ...string) {
	t.Helper()
	_, stderr, code := runMinuit(t, dir, append([]string{"schedule", "--tz", "Europe/Paris"}, args...)...)
	if code == 0 || strings.Count(strings.TrimSpace(stderr), "\n") != 0 || !strings.Contains(stderr, want) {
		t.Fatalf("schedule %q: exit %d, stderr %q, want one line saying %q", args, code, stderr, want)
	}
	if out, _, _ := runMinuit(t, dir, "list", "--json", "--all"); strings.TrimSpace(out) != "" {
		t.Fatalf("schedule %q planned something anyway: %q", args, out)
	}
}

func TestScheduleRefusesPlansThatCannotBeRightWithOneSentence(t *testing.T) {
	dir := t.TempDir()
	at := time.Now().AddDate(0, 1, 0).Format("2006-01-02") + " 10:00"
	for _, c := range []struct{ want, to, at, every, text string }{
		{"The send time 2020-01-01 10:00 is already past", "+33612345678", "2020-01-01 10:00", "", "Hi"},
		{"There is no group “VIP”.", "group:VIP", at, "", "Hi"},
		{"There is no contact 999.", "+33612345678,contact:999", at, "", "Hi"},
		{"FREQ=SECONDLY repeats more often than once an hour", "+33612345678", at, "FREQ=SECONDLY", "Hi"},
		{"COUNT=0 is not allowed in the repeat rule", "+33612345678", at, "FREQ=DAILY;COUNT=0", "Hi"},
		{"never gives a date to send on", "+33612345678", at, "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "Hi"},
		{"The text is 857 SMS long; at most 10 are sent", "+33612345678", at, "", strings.Repeat("x", 131_000)},
	} {
		refusedSchedule(t, dir, c.want, "--to", c.to, "--at", c.at, "--every", c.every, c.text)
	}
}

func TestScheduleReadsLongTextsFromAFileOrStandardInput(t *testing.T) {
	dir := t.TempDir()
	at := time.Now().AddDate(0, 1, 0).Format("2006-01-02") + " 10:00"
	long := filepath.Join(dir, "long.txt")
	if err := os.WriteFile(long, []byte(strings.Repeat("a", 11*153)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	refusedSchedule(t, dir, "The text is 11 SMS long", "--to", "+33612345678", "--at", at, "--text-file", long)
	refusedSchedule(t, dir, "either as an argument or with --text-file", "--to", "+33612345678", "--at", at,
		"--text-file", long, "Hi")
	refusedSchedule(t, dir, "The text file "+filepath.Join(dir, "none.txt")+" cannot be read: no such file or directory.",
		"--to", "+33612345678", "--at", at, "--text-file", filepath.Join(dir, "none.txt"))

	text := strings.Repeat("Bonjour ", 150) // 1,200 characters: 8 parts
	if err := os.WriteFile(long, []byte(text+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := runMinuit(t, dir, "schedule", "--to", "+33612345678", "--at", at, "--text-file", long); code != 0 {
		t.Fatalf("schedule --text-file: %s", stderr)
	}
	stdin = strings.NewReader("Du pipe\n")
	t.Cleanup(func() { stdin = os.Stdin })
	if _, stderr, code := runMinuit(t, dir, "schedule", "--to", "+33612345678", "--at", at, "-"); code != 0 {
		t.Fatalf("schedule -: %s", stderr)
	}
	out, _, _ := runMinuit(t, dir, "list", "--json")
	ms := jsonLines(t, out)
	if len(ms) != 2 || ms[0]["body"] != text || ms[1]["body"] != "Du pipe" {
		t.Fatalf("bodies = %v, want the file's text and the piped one without their line break", ms)
	}
}

func TestScheduleAtNowIsAcceptedAndATimeThatDaylightSavingSkipsSaysWhatItBecomes(t *testing.T) {
	dir := t.TempDir()
	if _, stderr, code := runMinuit(t, dir, "schedule", "--to", "+33612345678", "--at", "now", "--tz", "Europe/Paris", "Hi"); code != 0 {
		t.Fatalf("--at now: %s", stderr)
	}
	// Next year's last Sunday of March, when clocks in Paris skip from 02:00 to 03:00.
	end := time.Date(time.Now().Year()+1, 3, 31, 0, 0, 0, 0, time.UTC)
	change := end.AddDate(0, 0, -int(end.Weekday())).Format("2006-01-02")
	_, stderr, code := runMinuit(t, dir, "schedule", "--to", "+33612345678", "--tz", "Europe/Paris", "--at", change+" 02:30", "Hi")
	if code != 0 || !strings.Contains(stderr, "Note: 02:30 does not exist on ") || !strings.Contains(stderr, "in Europe/Paris: sending at 03:30.") {
		t.Fatalf("DST gap: exit %d, stderr %q", code, stderr)
	}
}

func TestScheduleWorksUnderAPOSIXTimeZoneWithoutAnIANAName(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3")
	at := time.Now().AddDate(0, 1, 0).Format("2006-01-02") + " 10:00"
	if _, stderr, code := runMinuit(t, dir, "schedule", "--to", "+33612345678", "--at", at, "Hi"); code != 0 {
		t.Fatalf("schedule under TZ=CET-1CEST: %s", stderr)
	}
	out, _, _ := runMinuit(t, dir, "list", "--json")
	if ms := jsonLines(t, out); len(ms) != 1 || ms[0]["tz"] != "CET" {
		t.Fatalf("listed %v, want the message in CET", ms)
	}
	for tz, want := range map[string]string{"<+03>-3": "Etc/GMT-3", "EST5EDT": "EST5EDT", ":Europe/Paris": "Europe/Paris",
		"XYZ5": "Etc/GMT+5", "UTC0": "UTC"} {
		t.Setenv("TZ", tz)
		if got := localZone(); got != want {
			t.Errorf("TZ=%s: zone %q, want %q", tz, got, want)
		}
	}
}

func TestCancelOfADeliveredMessageSaysItLeftAndChangesNothing(t *testing.T) {
	dir := t.TempDir()
	if _, stderr, code := runMinuit(t, dir, "schedule", "--to", "+33612345678", "--at", "now", "--tz", "UTC", "Hi"); code != 0 {
		t.Fatal(stderr)
	}
	// What the sender leaves behind once it is sent and delivered.
	d, err := db.Open(filepath.Join(dir, "minuit.db"))
	if err != nil {
		t.Fatal(err)
	}
	sent := time.Date(2026, 6, 1, 10, 0, 0, 0, time.UTC)
	_, err = d.W.ExecContext(context.Background(), `INSERT INTO deliveries (message_id, occurrence, recipient, originator,
		kind, body, segments, state, due, sent_at, final_at, created_at, updated_at)
		VALUES (1, ?, '+33612345678', '', 'transactional', 'Hi', 1, 'delivered', ?, ?, ?, ?, ?)`,
		db.FormatTime(sent), db.FormatTime(sent), db.FormatTime(sent), db.FormatTime(sent), db.FormatTime(sent), db.FormatTime(sent))
	if err == nil {
		_, err = d.W.Exec(`UPDATE messages SET status = 'done', next_at = '' WHERE id = 1`)
	}
	if err != nil {
		t.Fatal(err)
	}
	_ = d.Close()
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"cancel", "1"}, "minuit: Message 1 already left (last at 2026-06-01 10:00); nothing was changed.\n"},
		{[]string{"cancel", "--delivery", "1"}, "minuit: Delivery 1 already left at 2026-06-01 10:00; nothing was changed.\n"},
		{[]string{"cancel", "999"}, "minuit: There is no message 999.\n"},
		{[]string{"cancel", "--delivery", "999"}, "minuit: There is no delivery 999.\n"},
		{[]string{"retry", "999"}, "minuit: There is no delivery 999.\n"},
	} {
		if _, stderr, code := runMinuit(t, dir, c.args...); code == 0 || stderr != c.want {
			t.Fatalf("%q: exit %d, stderr %q, want %q", c.args, code, stderr, c.want)
		}
	}
	out, _, _ := runMinuit(t, dir, "history", "--json")
	if ds := jsonLines(t, out); len(ds) != 1 || ds[0]["status"] != "delivered" {
		t.Fatalf("history = %v, want the delivery still delivered", ds)
	}
	out, _, _ = runMinuit(t, dir, "list", "--json", "--all")
	if ms := jsonLines(t, out); len(ms) != 1 || ms[0]["status"] != "done" {
		t.Fatalf("messages = %v, want the message still done", ms)
	}
}
