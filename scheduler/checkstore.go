package scheduler

import (
	"context"
	"errors"
	"strconv"

	"minuit/internal/minuit"
)

// ErrUnknownGroup is what a Directory's Resolve wraps for a group that does not
// exist, so that planning a message to it is refused by name.
var ErrUnknownGroup = errors.New("scheduler: no such group")

// CheckMessage is Message.Check with the store's clock and footer setting, and
// the recipients resolved through s.Directory: an unknown group, a missing
// contact, or recipients of whom nobody has a mobile number are refused too.
// editing is set for an edit of a stored message. The error is PlanErrors, or an
// error reading the data.
func (s *Store) CheckMessage(ctx context.Context, m Message, editing bool) error {
	footer, err := s.Setting(ctx, KeyFooter, DefaultFooter)
	if err != nil {
		return err
	}
	campaign, err := s.utmCampaign(ctx, m.ID, editing)
	if err != nil {
		return err
	}
	var errs PlanErrors
	if err := m.Check(PlanCheck{Now: s.Now(), Footer: FooterText(footer), Editing: editing, UTMCampaign: campaign}); err != nil {
		errs = append(errs, err.(PlanErrors)...)
	}
	if !errs.Has(FieldTo) {
		more, err := s.checkRecipients(ctx, m.Recipients)
		if err != nil {
			return err
		}
		errs = append(errs, more...)
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// Reacher is an optional Directory capability that the plan check uses rather
// than Resolve, so as not to load every recipient: which of contactIDs exist, and
// how many contacts among them and the groups' members have a number to text. An
// unknown group is an error that wraps ErrUnknownGroup.
type Reacher interface {
	Reach(ctx context.Context, contactIDs []int64, groups []string) (found []int64, withNumber int, err error)
}

// reach is Reacher.Reach through s.Directory, with Resolve when it cannot.
func (s *Store) reach(ctx context.Context, ids []int64, groups []string) ([]int64, int, error) {
	if r, ok := s.Directory.(Reacher); ok {
		return r.Reach(ctx, ids, groups)
	}
	rs, err := s.Directory.Resolve(ctx, ids, groups)
	if err != nil {
		return nil, 0, err
	}
	var found []int64
	for _, r := range rs {
		found = append(found, r.ContactID)
	}
	return found, withNumber(rs), nil
}

// checkRecipients looks up the groups one by one, so that the one that does not
// exist is named, then the contacts.
func (s *Store) checkRecipients(ctx context.Context, refs []RecipientRef) (PlanErrors, error) {
	if s.Directory == nil {
		return nil, nil
	}
	var errs PlanErrors
	reachable := 0
	var ids []int64
	for _, r := range refs {
		switch r.Kind {
		case ToNumber:
			reachable++
		case ToContact:
			id, err := strconv.ParseInt(r.Value, 10, 64)
			if err != nil {
				errs.add(FieldTo, "The contact id “%s” is not a number.", r.Value)
				continue
			}
			ids = append(ids, id)
		case ToGroup:
			_, n, err := s.reach(ctx, nil, []string{r.Value})
			if errors.Is(err, ErrUnknownGroup) {
				errs.add(FieldTo, "There is no group “%s”.", r.Value)
				continue
			} else if err != nil {
				return nil, err
			}
			reachable += n
		}
	}
	if len(ids) > 0 {
		found, n, err := s.reach(ctx, ids, nil)
		if err != nil {
			return nil, err
		}
		exists := make(map[int64]bool, len(found))
		for _, id := range found {
			exists[id] = true
		}
		for _, id := range ids {
			if !exists[id] {
				errs.add(FieldTo, "There is no contact %d.", id)
			}
		}
		reachable += n
	}
	if len(errs) == 0 && reachable == 0 {
		switch {
		case len(refs) == 1 && refs[0].Kind == ToGroup:
			errs.add(FieldTo, "Nobody in the group “%s” has a mobile number, so nobody would receive this message.", refs[0].Value)
		case len(refs) == 1:
			errs.add(FieldTo, "Contact %s has no mobile number, so nobody would receive this message.", refs[0].Value)
		default:
			errs.add(FieldTo, "None of these recipients has a mobile number, so nobody would receive this message.")
		}
	}
	return errs, nil
}

// withNumber counts the recipients that have a number to text.
func withNumber(rs []minuit.Recipient) int {
	n := 0
	for _, r := range rs {
		if r.Number != "" {
			n++
		}
	}
	return n
}
