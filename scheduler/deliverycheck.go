package scheduler

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"minuit/internal/minuit"
)

// The delivery check: a weekly transactional test text to the shop's own phone,
// so that Minuit notices, and says, when planned texts stop arriving (a provider
// that accepts but does not deliver, a number blocked by an operator, a computer
// that is never on at the time). It is an ordinary recurring message, visible in
// the calendar and in reports; the settings below remember it.
const (
	KeyCheckNumber  = "delivery_check.number"  // E.164 of the shop's phone; "" = no check
	KeyCheckMessage = "delivery_check.message" // id of the weekly test message
	KeyCheckSeen    = "delivery_check.seen"    // the last test delivery judged (a delivery id)
)

// DeliveryCheckRule and DeliveryCheckTime: the test leaves on Mondays at 10:00,
// in the zone the check was set up in.
const (
	DeliveryCheckRule = "FREQ=WEEKLY;BYDAY=MO"
	DeliveryCheckTime = 10 * time.Hour
)

// DeliveryCheckWait is how long after it left a test text may stay without a
// delivery report before Minuit alerts: operators report within minutes.
const DeliveryCheckWait = time.Hour

// DeliveryCheck is the check's state, for Settings and `minuit delivery-check`.
type DeliveryCheck struct {
	Number    string   // "" when off
	MessageID int64    // the weekly test message
	Last      Delivery // the latest test delivery (zero: none yet)
}

// SetDeliveryCheck turns the check on for number (E.164; text is the test's body,
// in the user's language) in zone tz, or off when number is "". The previous test
// message, if any, is cancelled: a change never leaves two running.
func (s *Store) SetDeliveryCheck(ctx context.Context, number, text, tz string, now time.Time) (int64, error) {
	old, err := s.settingID(ctx, KeyCheckMessage)
	if err != nil {
		return 0, err
	}
	if old > 0 {
		var st *StateError
		if err := s.CancelMessage(ctx, old); err != nil && !errors.As(err, &st) && !errors.Is(err, ErrNotFound) {
			return 0, err
		}
	}
	if number == "" {
		for _, k := range []string{KeyCheckNumber, KeyCheckMessage, KeyCheckSeen} {
			if err := s.SetSetting(ctx, k, ""); err != nil {
				return 0, err
			}
		}
		return 0, nil
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		return 0, fmt.Errorf("scheduler: delivery check: %w", err)
	}
	first := nextMonday(now.In(loc))
	id, err := s.CreateMessage(ctx, Message{Body: text, Kind: minuit.Transactional, At: first.Format(WallLayout), TZ: tz,
		RRule: DeliveryCheckRule, Recipients: []RecipientRef{{Kind: ToNumber, Value: number}}})
	if err != nil {
		return 0, err
	}
	for k, v := range map[string]string{KeyCheckNumber: number, KeyCheckMessage: itoa(id), KeyCheckSeen: "0"} {
		if err := s.SetSetting(ctx, k, v); err != nil {
			return 0, err
		}
	}
	return id, nil
}

// nextMonday is the first Monday at DeliveryCheckTime after now, in now's zone.
func nextMonday(now time.Time) time.Time {
	d := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location())
	for {
		at := d.Add(DeliveryCheckTime)
		if d.Weekday() == time.Monday && at.After(now) {
			return at
		}
		d = time.Date(d.Year(), d.Month(), d.Day()+1, 0, 0, 0, 0, d.Location())
	}
}

func (s *Store) settingID(ctx context.Context, key string) (int64, error) {
	v, err := s.Setting(ctx, key, "")
	if err != nil || v == "" {
		return 0, err
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("scheduler: setting %s is %q, not an id: %w", key, v, err)
	}
	return id, nil
}

// DeliveryCheckStatus reads the check's settings and its latest test delivery.
func (s *Store) DeliveryCheckStatus(ctx context.Context) (DeliveryCheck, error) {
	var c DeliveryCheck
	var err error
	if c.Number, err = s.Setting(ctx, KeyCheckNumber, ""); err != nil {
		return c, err
	}
	if c.MessageID, err = s.settingID(ctx, KeyCheckMessage); err != nil || c.MessageID == 0 {
		return c, err
	}
	ds, err := s.queryDeliveries(ctx, deliverySelect+` WHERE message_id = ? ORDER BY id DESC LIMIT 1`, c.MessageID)
	if err != nil {
		return c, err
	}
	if len(ds) > 0 {
		c.Last = ds[0]
	}
	return c, nil
}

// CheckDeliveries judges the test deliveries not judged yet, oldest first, and
// returns an EventDeliveryCheck for each that was not delivered: failed, expired,
// missed, unconfirmed or skipped, or left more than DeliveryCheckWait ago without
// a delivery report. It stops at the first still on its way, and remembers the
// last one judged, so that each is said once. The background sender calls it.
func (s *Store) CheckDeliveries(ctx context.Context, now time.Time) ([]Event, error) {
	msg, err := s.settingID(ctx, KeyCheckMessage)
	if err != nil || msg == 0 {
		return nil, err
	}
	seen, err := s.settingID(ctx, KeyCheckSeen)
	if err != nil {
		return nil, err
	}
	ds, err := s.queryDeliveries(ctx, deliverySelect+` WHERE message_id = ? AND id > ? ORDER BY id`, msg, seen)
	if err != nil {
		return nil, err
	}
	var evs []Event
	judged := seen
	for _, d := range ds {
		why, done := judgeTest(d, now)
		if !done {
			break
		}
		judged = d.ID
		if why != "" {
			evs = append(evs, Event{Kind: EventDeliveryCheck, DeliveryID: d.ID, MessageID: d.MessageID, To: d.To,
				Reason: why, At: now})
		}
	}
	if judged != seen {
		if err := s.SetSetting(ctx, KeyCheckSeen, itoa(judged)); err != nil {
			return nil, err
		}
	}
	return evs, nil
}

// judgeTest says whether a test delivery can be judged yet, and why it is a
// problem ("" when it arrived or was cancelled).
func judgeTest(d Delivery, now time.Time) (string, bool) {
	due := d.Due.Local().Format("Mon 2 Jan 15:04")
	switch d.State {
	case Delivered, Cancelled:
		return "", true
	case Sent:
		if now.Sub(d.SentAt) < DeliveryCheckWait {
			return "", false
		}
		return fmt.Sprintf("the weekly test text to %s (%s) left but was not reported delivered within an hour: "+
			"check your provider and your phone", d.To, due), true
	case Failed, Expired, Missed, Unconfirmed, Skipped:
		why := fmt.Sprintf("the weekly test text to %s (%s) did not arrive: %s", d.To, due, d.State.Label())
		if d.Error != "" {
			why += " (" + d.Error + ")"
		}
		return why, true
	}
	return "", false // scheduled, sending, retrying or with the provider: on its way
}
