package app

import (
	"context"
	"fmt"

	"minuit/contacts"
	"minuit/scheduler"
	"minuit/scheduler/sms"
	"minuit/ui"
)

// forgetContact erases a contact for good (right to be forgotten), the same way
// for `minuit forget` and the window's Delete: their numbers and texts in the
// message history first, then the contact, each in one transaction of its own
// file, so that a failure leaves the contact there to erase again.
func forgetContact(ctx context.Context, e *env, c contacts.Contact) error {
	var nums []string
	for _, p := range c.Phones {
		if p.Number != "" {
			nums = append(nums, p.Number)
		}
	}
	if err := e.store.EraseContact(ctx, c.ID, nums); err != nil {
		return err
	}
	return e.contacts.Erase(ctx, c.ID, nil)
}

// forgetByID is forgetContact for the window, which knows the contact's id.
func forgetByID(ctx context.Context, e *env, id int64) error {
	c, err := e.contacts.Get(ctx, id)
	if err != nil {
		return err
	}
	return forgetContact(ctx, e, c)
}

// plansPort tells the window's import which planned messages send to groups.
type plansPort struct{ e *env }

// ToGroups lists the active messages with a group among their recipients, with
// the SMS one recipient gets: the text as sent, the marketing footer included.
func (p plansPort) ToGroups(ctx context.Context) ([]ui.GroupPlan, error) {
	ms, err := p.e.store.Messages(ctx, false)
	if err != nil {
		return nil, err
	}
	rules, err := p.e.store.LoadRules(ctx)
	if err != nil {
		return nil, fmt.Errorf("app: read the rules: %w", err)
	}
	var out []ui.GroupPlan
	for _, m := range ms {
		for _, r := range m.Recipients {
			if r.Kind == scheduler.ToGroup {
				parts := sms.Count(scheduler.SentText(m.Body, m.Kind, rules.Policy.Footer, "")).Parts
				out = append(out, ui.GroupPlan{Message: m, Parts: parts})
				break
			}
		}
	}
	return out, nil
}
