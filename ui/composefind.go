package ui

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"

	"minuit/contacts"
	"minuit/scheduler"
	"minuit/ui/l10n"
)

// onFind searches contacts and groups as the user types.
func (c *Compose) onFind(text string) {
	if ref, ok := c.found[text]; ok {
		c.picked = append(c.picked, ref)
		c.names[ref.Kind+":"+ref.Value] = text
		c.Find.SetText("")
		c.onRecipients()
		return
	}
	cs := c.m.deps.Contacts
	if cs == nil || len(strings.TrimSpace(text)) < 2 {
		return
	}
	background(c.m.tk, func(ctx context.Context) (map[string]scheduler.RecipientRef, error) {
		out := map[string]scheduler.RecipientRef{}
		gs, err := cs.Groups(ctx)
		if err != nil {
			return nil, err
		}
		for _, g := range gs {
			if strings.Contains(strings.ToLower(g.Name), strings.ToLower(text)) {
				out[lang.L("Group: {{.Name}} ({{.Count}})", map[string]any{"Name": g.Name, "Count": l10n.Int(g.Count)})] = scheduler.RecipientRef{Kind: scheduler.ToGroup, Value: g.Name}

			}
		}
		list, err := cs.List(ctx, contacts.Query{Text: text, Limit: 8})
		for _, ct := range list {
			out[ct.Name+" · "+ct.Phone] = scheduler.RecipientRef{Kind: scheduler.ToContact, Value: strconv.FormatInt(ct.ID, 10)}
		}
		return out, err
	}, func(found map[string]scheduler.RecipientRef, err error) {
		if err != nil || c.Find.Text != text {
			return
		}
		c.found = found
		var opts []string
		for k := range found {
			opts = append(opts, k)
		}
		c.Find.SetOptions(opts)
	})
}
