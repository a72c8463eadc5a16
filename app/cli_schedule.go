package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2/lang"

	"minuit/internal/minuit"
	"minuit/internal/phone"
	"minuit/internal/usererr"
	"minuit/scheduler"
)

type scheduleOpts struct {
	to, at, tz, deadline, every, kind, from, region, textFile *string
	birthday                                                  *bool
}

// stdin is what `schedule --text-file -` (or the text "-") reads; tests replace it.
var stdin io.Reader = os.Stdin

// maxTextFile is the most `--text-file` reads: far more than MaxParts SMS, so a
// longer file is refused as too long rather than read whole.
const maxTextFile = 1 << 20

func runSchedule(ctx context.Context, e *env, o any, args []string, stdout, stderr io.Writer) error {
	opts := o.(*scheduleOpts)
	body, err := scheduleText(*opts.textFile, args)
	if err != nil {
		return err
	}
	region := *opts.region
	if region == "" {
		r, err := e.store.Setting(ctx, minuit.KeyRegion, phone.DefaultRegion())
		if err != nil {
			return err
		}
		region = r
	}
	m := scheduler.Message{Body: body, Kind: minuit.Kind(*opts.kind), TZ: *opts.tz, RRule: *opts.every,
		Birthday: *opts.birthday, At: strings.TrimSpace(*opts.at)}
	if m.Recipients, err = parseRecipients(*opts.to, region); err != nil {
		return err
	}
	if m.Originator = *opts.from; m.Originator != "" {
		if err := validateOriginator(m.Originator); err != nil {
			return err
		}
	}
	if *opts.deadline != "" {
		if m.Window, err = deadlineWindow(m.At, *opts.deadline, m.TZ); err != nil {
			return err
		}
	}
	id, err := e.store.CreateMessage(ctx, m)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, id)
	if note := scheduler.GapNote(m.At, m.TZ); note != "" && !m.Birthday {
		fmt.Fprintln(stderr, lang.L("Note:"), note)
	}
	if !poke(e.dir, "wake") {
		fmt.Fprintln(stderr, lang.L("Note:"), lang.L("Minuit is not running, so nothing will be sent until you start it (minuit, or minuit serve)."))
	}
	return nil
}

// scheduleText is the text to send: the one argument, or the file given by
// --text-file (or "-" for either: standard input), without its final line break.
func scheduleText(file string, args []string) (string, error) {
	switch {
	case file != "" && len(args) > 0:
		return "", scheduler.NewPlanError(scheduler.FieldText, "Give the text either as an argument or with --text-file, not both.")
	case file == "" && len(args) != 1:
		return "", scheduler.NewPlanError(scheduler.FieldText, `Give the text as one argument, in quotes (minuit schedule --to +33612345678 --at "2026-12-24 09:00" "Merry Christmas"), or with --text-file FILE.`)
	case file == "" && args[0] != "-":
		return args[0], nil
	case file == "":
		file = "-"
	}
	var r io.Reader = stdin
	name := lang.L("the standard input")
	if file != "-" {
		f, err := os.Open(file)
		if err != nil {
			return "", scheduler.NewPlanError(scheduler.FieldText, "The text file %s cannot be read: %s.", file, reason(err))
		}
		defer f.Close()
		r, name = f, file
	}
	b, err := io.ReadAll(io.LimitReader(r, maxTextFile+1))
	switch {
	case err != nil:
		return "", scheduler.NewPlanError(scheduler.FieldText, "The text cannot be read from %s: %s.", name, reason(err))
	case len(b) > maxTextFile:
		return "", scheduler.NewPlanError(scheduler.FieldText, "The text in %s is over 1 MB; a message is at most %d SMS.", name, scheduler.MaxParts)
	case !utf8.Valid(b):
		return "", scheduler.NewPlanError(scheduler.FieldText, "The text in %s is not UTF-8 text.", name)
	}
	return strings.TrimSuffix(strings.TrimSuffix(string(b), "\n"), "\r"), nil
}

// reason is what an OS error says, without the operation and path it repeats.
func reason(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return err.Error()
}

// deadlineWindow is the "no later than" allowance: deadline minus the send time
// at (both "YYYY-MM-DD HH:MM" in zone tz; at may be "now").
func deadlineWindow(at, deadline, tz string) (time.Duration, error) {
	loc, err := time.LoadLocation(tz)
	if err != nil {
		return 0, scheduler.NewPlanError(scheduler.FieldWhen, "The time zone “%s” is unknown; use a name like Europe/Paris.", tz)
	}
	start := time.Now().In(loc).Truncate(time.Minute)
	if at != scheduler.AtNow {
		if start, err = time.ParseInLocation(scheduler.WallLayout, at, loc); err != nil {
			return 0, scheduler.NewPlanError(scheduler.FieldWhen, `--at is written "YYYY-MM-DD HH:MM" or "now".`)
		}
	}
	dl, err := time.ParseInLocation(scheduler.WallLayout, deadline, loc)
	if err != nil {
		return 0, scheduler.NewPlanError(scheduler.FieldDeadline, `--deadline is written "YYYY-MM-DD HH:MM".`)
	}
	if !dl.After(start) {
		return 0, scheduler.NewPlanError(scheduler.FieldDeadline, "The deadline must be after the send time.")
	}
	return dl.Sub(start), nil
}

func parseRecipients(list, region string) ([]scheduler.RecipientRef, error) {
	var out []scheduler.RecipientRef
	var bad []string
	for _, item := range strings.Split(list, ",") {
		item = strings.TrimSpace(item)
		switch {
		case item == "":
		case strings.HasPrefix(item, "group:"):
			out = append(out, scheduler.RecipientRef{Kind: scheduler.ToGroup, Value: strings.TrimPrefix(item, "group:")})
		case strings.HasPrefix(item, "contact:"):
			out = append(out, scheduler.RecipientRef{Kind: scheduler.ToContact, Value: strings.TrimPrefix(item, "contact:")})
		default:
			n, err := phone.Normalize(item, region)
			if err != nil {
				bad = append(bad, plain(err))
				continue
			}
			out = append(out, scheduler.RecipientRef{Kind: scheduler.ToNumber, Value: n})
		}
	}
	if len(bad) > 0 {
		return nil, errors.New(strings.Join(bad, "; "))
	}
	if len(out) == 0 {
		return nil, usererr.Sayf("say who to send to with --to +33612345678 (several: comma-separated)")
	}
	return out, nil
}
