package ui

import (
	"context"

	"fyne.io/fyne/v2/lang"

	"minuit/contacts"
	"minuit/scheduler"
	"minuit/ui/l10n"
)

// Plans is what a contacts import asks about the planned messages, to warn before
// it grows a group that one of them sends to. app/ implements it over the
// scheduler's store and the compliance rules.
type Plans interface {
	// ToGroups lists the active planned messages that send to at least one group.
	ToGroups(ctx context.Context) ([]GroupPlan, error)
}

// GroupPlan is a planned message that sends to groups.
type GroupPlan struct {
	Message scheduler.Message
	// Parts is how many SMS one recipient gets: the text as sent, with the STOP
	// footer of marketing messages.
	Parts int
}

// importWarnings says, for each planned message that sends to a group the import
// grows, how far the group grows and how many SMS the message will then send at
// most (every member counted, whatever their consent or number): "Clients grows
// from 5 to 28,574: “Weekly offer…” (Weekly) will send up to 28,574 SMS."
// sizes are the groups' sizes now, by contacts.GroupKey.
func importWarnings(changes []contacts.GroupChange, sizes map[string]int, plans []GroupPlan) []string {
	grown := map[string]contacts.GroupChange{}
	for _, c := range changes {
		if c.After > c.Before {
			grown[contacts.GroupKey(c.Name)] = c
		}
	}
	var out []string
	for _, p := range plans {
		var hit []contacts.GroupChange
		audience := 0
		for _, r := range p.Message.Recipients {
			switch r.Kind {
			case scheduler.ToGroup:
				k := contacts.GroupKey(r.Value)
				if c, ok := grown[k]; ok {
					hit = append(hit, c)
					audience += c.After
				} else {
					audience += sizes[k]
				}
			default:
				audience++
			}
		}
		for _, c := range hit {
			out = append(out, lang.L("{{.Group}} grows from {{.Before}} to {{.After}}: “{{.Message}}” ({{.Repeat}}) will send up to {{.SMS}}.",
				map[string]any{"Group": c.Name, "Before": l10n.Int(c.Before), "After": l10n.Int(c.After),
					"Message": firstWords(p.Message.Body, 40), "Repeat": repeatText(p.Message), "SMS": smsCount(audience * max(p.Parts, 1))}))
		}
	}
	return out
}

// repeatText names how often a message leaves: "Weekly", "On birthdays".
func repeatText(m scheduler.Message) string {
	if m.Birthday {
		return lang.L("On birthdays")
	}
	label, custom := repeatFor(m.RRule)
	if custom != "" {
		return custom
	}
	return label
}

// mergeGroupChanges adds up the group changes of several files: each file's
// members are added to what the group has after the files before it.
func mergeGroupChanges(ps []*contacts.Preview) []contacts.GroupChange {
	var out []contacts.GroupChange
	at := map[string]int{}
	for _, p := range ps {
		for _, c := range p.Groups {
			k := contacts.GroupKey(c.Name)
			i, ok := at[k]
			if !ok {
				at[k] = len(out)
				out = append(out, c)
				continue
			}
			out[i].After += c.After - c.Before
		}
	}
	return out
}
