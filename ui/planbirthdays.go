package ui

import (
	"context"
	"sort"
	"strconv"
	"time"

	"fyne.io/fyne/v2/lang"

	"minuit/internal/minuit"
	"minuit/scheduler"
)

// BirthdayResolver turns a message's contact and group recipients into contacts
// with their birthdays. *contacts.Store satisfies it; the calendar uses it when
// Deps.Contacts does.
type BirthdayResolver interface {
	Resolve(ctx context.Context, contactIDs []int64, groups []string) ([]minuit.Recipient, error)
}

// birthdayOcc is one recipient's birthday occurrence of a birthday message.
type birthdayOcc struct {
	At   time.Time
	Msg  int64
	Name string
	Body string
	Zone string // the message's
}

// birthdaysIn returns the occurrences in [from, to) of the active birthday
// messages, one per contact recipient with a birthday. Like occurrencesIn it
// starts at the message's Next: occurrences before it are already deliveries,
// which the store's month counts include. A message whose recipients cannot be
// resolved is left out (the sender records that problem on a failed delivery).
func birthdaysIn(ctx context.Context, r BirthdayResolver, msgs []scheduler.Message, from, to time.Time) ([]birthdayOcc, error) {
	if r == nil {
		return nil, nil
	}
	var out []birthdayOcc
	for _, m := range msgs {
		if m.Status != scheduler.MessageActive || !m.Birthday || m.Next.IsZero() || !m.Next.Before(to) {
			continue
		}
		_, ids, groups := scheduler.SplitRecipients(m.Recipients) // typed numbers have no birthday
		if len(ids) == 0 && len(groups) == 0 {
			continue
		}
		rs, err := r.Resolve(ctx, ids, groups)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			continue
		}
		after := from
		if m.Next.After(after) {
			after = m.Next
		}
		after = after.Add(-time.Nanosecond) // BirthdayAfter is strictly after
		for _, rc := range rs {
			b := minuit.Birthday{Year: rc.Birthday.Year, Month: rc.Birthday.Month, Day: rc.Birthday.Day}
			at, err := m.BirthdayAfter(b, after)
			if err != nil || at.IsZero() || !at.Before(to) {
				continue
			}
			out = append(out, birthdayOcc{At: at, Msg: m.ID, Name: recipientName(rc), Body: m.Body, Zone: m.TZ})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].At.Before(out[j].At) })
	return out, nil
}

// recipientName is the recipient's DisplayName, or "contact #ID" for a contact
// with neither a name nor a number.
func recipientName(r minuit.Recipient) string {
	if n := r.DisplayName(); n != "" {
		return n
	}
	return lang.L("contact #{{.ID}}", map[string]any{"ID": strconv.FormatInt(r.ContactID, 10)})
}

// withBirthdays adds to a day's agenda the birthday occurrences of that day.
func withBirthdays(agenda []AgendaItem, bs []birthdayOcc, day time.Time, loc *time.Location) []AgendaItem {
	from := time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, loc)
	to := from.AddDate(0, 0, 1)
	added := false
	for _, b := range bs {
		if b.At.Before(from) || !b.At.Before(to) {
			continue
		}
		agenda = append(agenda, AgendaItem{At: b.At, MessageID: b.Msg, To: b.Name, Body: b.Body,
			Status: lang.L("Birthday"), Recurring: true, Birthday: true, Zone: b.Zone})

		added = true
	}
	if added {
		sort.SliceStable(agenda, func(i, j int) bool { return agenda[i].At.Before(agenda[j].At) })
	}
	return agenda
}
