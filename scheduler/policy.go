package scheduler

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"minuit/scheduler/compliance"
)

// Settings keys of the compliance policy (Store.Setting). Every key is optional;
// PolicyDefaults says what an unset key means.
const (
	// KeyQuiet is the quiet-hours preset: france, us, custom or off.
	KeyQuiet = "compliance.quiet"
	// KeyQuietCustom is the custom preset's windows: "mon-fri 09:00-19:00, sat 10:00-18:00".
	KeyQuietCustom = "compliance.quiet.custom"
	// KeyQuietHolidays closes French public holidays in the custom preset: "fr" or "".
	KeyQuietHolidays = "compliance.quiet.holidays"
	// KeyCapMax and KeyCapDays: at most KeyCapMax marketing messages per number in
	// any KeyCapDays days; 0 turns the cap off.
	KeyCapMax  = "compliance.cap.max"
	KeyCapDays = "compliance.cap.days"
	// KeyCapAction is what happens over the cap: hold or skip.
	KeyCapAction = "compliance.cap.action"
	// KeyFooter is the opt-out mention appended to marketing messages; "none" for none.
	KeyFooter = "compliance.footer"
	// KeyOptOut and KeyOptIn are comma-separated reply keywords; empty means the
	// defaults of package compliance.
	KeyOptOut = "compliance.optout"
	KeyOptIn  = "compliance.optin"
	// KeyInboundSince is the inbound poller's cursor: replies received before it
	// were handled.
	KeyInboundSince = "compliance.inbound.since"
)

// DefaultFooter is the opt-out mention used when none is set. "STOP SMS" tells a
// French reader how to opt out without naming a short code the shop may not have;
// set the shop's own ("STOP au 36xxx") when it has one.
const DefaultFooter = "STOP SMS pour ne plus recevoir nos offres"

// PolicyDefaults is the value of every compliance setting when unset.
var PolicyDefaults = map[string]string{
	KeyQuiet: "france", KeyQuietCustom: "mon-sat 08:00-20:00", KeyQuietHolidays: "fr",
	KeyCapMax: "4", KeyCapDays: "30", KeyCapAction: "hold", KeyFooter: DefaultFooter,
	KeyOptOut: "", KeyOptIn: "",
}

// Rules is the policy and the reply keywords, as the settings say.
type Rules struct {
	Policy  compliance.Policy
	OptOut  []string // empty: compliance.DefaultOptOut
	OptIn   []string // empty: compliance.DefaultOptIn
	Summary map[string]string
}

// DefaultRules is what LoadRules returns with no setting stored: the France preset,
// 4 marketing messages per 30 days with the excess held, and DefaultFooter.
func DefaultRules() Rules {
	r, err := rulesFrom(func(k string) string { return PolicyDefaults[k] })
	if err != nil {
		panic(err) // the defaults are valid
	}
	return r
}

// LoadRules reads the compliance settings.
func (s *Store) LoadRules(ctx context.Context) (Rules, error) {
	vals := map[string]string{}
	for k, def := range PolicyDefaults {
		v, err := s.Setting(ctx, k, def)
		if err != nil {
			return Rules{}, err
		}
		vals[k] = v
	}
	return rulesFrom(func(k string) string { return vals[k] })
}

// SetRule checks and stores one compliance setting.
func (s *Store) SetRule(ctx context.Context, key, value string) error {
	if _, ok := PolicyDefaults[key]; !ok {
		return fmt.Errorf("scheduler: %q is not a compliance setting", key)
	}
	rs, err := s.LoadRules(ctx)
	if err != nil {
		return err
	}
	if _, err := rulesFrom(func(k string) string {
		if k == key {
			return value
		}
		return rs.Summary[k]
	}); err != nil {
		return err
	}
	return s.SetSetting(ctx, key, value)
}

func rulesFrom(get func(string) string) (Rules, error) {
	r := Rules{Summary: map[string]string{}}
	for k := range PolicyDefaults {
		r.Summary[k] = get(k)
	}
	p := &r.Policy
	switch strings.ToLower(strings.TrimSpace(get(KeyQuiet))) {
	case "france", "fr", "":
		p.Quiet, p.QuietEnabled = compliance.France(), true
	case "us", "united states":
		p.Quiet, p.QuietEnabled = compliance.UnitedStates(), true
	case "off", "none":
	case "custom":
		q, err := parseCustomQuiet(get(KeyQuietCustom), get(KeyQuietHolidays))
		if err != nil {
			return Rules{}, err
		}
		p.Quiet, p.QuietEnabled = q, true
	default:
		return Rules{}, fmt.Errorf("scheduler: the quiet hours preset %q is not france, us, custom or off", get(KeyQuiet))
	}
	n, err1 := strconv.Atoi(strings.TrimSpace(get(KeyCapMax)))
	days, err2 := strconv.Atoi(strings.TrimSpace(get(KeyCapDays)))
	if err1 != nil || err2 != nil || n < 0 || days < 0 {
		return Rules{}, fmt.Errorf("scheduler: the frequency cap must be two whole numbers, messages and days (got %q per %q days)",
			get(KeyCapMax), get(KeyCapDays))
	}
	p.Cap = compliance.Cap{Max: n, Per: time.Duration(days) * 24 * time.Hour}
	switch a := compliance.CapAction(strings.ToLower(strings.TrimSpace(get(KeyCapAction)))); a {
	case compliance.CapHold, compliance.CapSkip:
		p.CapAction = a
	case "":
		p.CapAction = compliance.CapHold
	default:
		return Rules{}, fmt.Errorf("scheduler: over the cap a message is held or skipped, not %q", a)
	}
	if f := strings.TrimSpace(get(KeyFooter)); !strings.EqualFold(f, "none") {
		p.Footer = f
	}
	r.OptOut, r.OptIn = keywords(get(KeyOptOut)), keywords(get(KeyOptIn))
	return r, nil
}

func keywords(s string) []string {
	var out []string
	for _, k := range strings.Split(s, ",") {
		if k = strings.TrimSpace(k); k != "" {
			out = append(out, k)
		}
	}
	return out
}

var weekdays = map[string]time.Weekday{"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday,
	"wed": time.Wednesday, "thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday}

// parseCustomQuiet reads "mon-fri 09:00-19:00, sat 10:00-18:00" and holidays "fr" or "".
func parseCustomQuiet(spec, holidays string) (compliance.QuietHours, error) {
	bad := func(part string) error {
		return fmt.Errorf("scheduler: %q is not a sending window like \"mon-fri 09:00-19:00\"", part)
	}
	days := map[time.Weekday]compliance.Window{}
	for _, part := range strings.Split(spec, ",") {
		part = strings.ToLower(strings.TrimSpace(part))
		if part == "" {
			continue
		}
		dayText, hours, ok := strings.Cut(part, " ")
		from, until, ok2 := strings.Cut(strings.TrimSpace(hours), "-")
		if !ok || !ok2 {
			return compliance.QuietHours{}, bad(part)
		}
		start, err1 := clockOf(from)
		end, err2 := clockOf(until)
		first, last, _ := strings.Cut(dayText, "-")
		if last == "" {
			last = first
		}
		d1, ok1 := weekdays[first]
		d2, ok3 := weekdays[last]
		if err1 != nil || err2 != nil || !ok1 || !ok3 {
			return compliance.QuietHours{}, bad(part)
		}
		for d := d1; ; d = (d + 1) % 7 {
			days[d] = compliance.Window{Start: start, End: end}
			if d == d2 {
				break
			}
		}
	}
	var cal compliance.Holidays
	switch strings.ToLower(strings.TrimSpace(holidays)) {
	case "fr", "france":
		cal = compliance.FrenchHolidays()
	case "", "none":
	default:
		return compliance.QuietHours{}, fmt.Errorf("scheduler: holidays are \"fr\" or none, not %q", holidays)
	}
	q, err := compliance.Custom(days, cal)
	if err != nil {
		return q, fmt.Errorf("scheduler: %w", err)
	}
	return q, nil
}

func clockOf(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if s == "24:00" {
		return 24 * time.Hour, nil
	}
	t, err := time.Parse("15:04", s)
	if err != nil {
		return 0, err
	}
	return time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute, nil
}
