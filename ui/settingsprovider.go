package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"minuit/scheduler/providers"
	"minuit/ui/l10n"
)

// providerForm is the provider part of Settings: one radio choice per provider of
// the catalogue and, under it, the selected provider's fields and note.
type providerForm struct {
	specs   []providers.Spec
	Radio   *widget.RadioGroup
	Fields  map[string]*widget.Entry // by field key, across providers
	Note    *widget.Label
	HandOff *widget.Check
	handBox *fyne.Container            // the check and its explanation
	boxes   map[string]*fyne.Container // by provider name
}

func newProviderForm(onChange func()) *providerForm {
	f := &providerForm{specs: providers.All(), Fields: map[string]*widget.Entry{}, boxes: map[string]*fyne.Container{}}
	var labels []string
	for _, s := range f.specs {
		labels = append(labels, providerName(s))
		var items []*widget.FormItem
		for _, fl := range s.Fields {
			e := widget.NewEntry()
			if fl.Secret {
				e = widget.NewPasswordEntry()
				e.SetPlaceHolder(lang.L("kept in the system keychain; empty keeps the saved one"))
			} else {
				e.SetPlaceHolder(l10n.Known(fl.Hint))
			}
			f.Fields[fl.Key] = e
			items = append(items, widget.NewFormItem(l10n.Known(fl.Label), e))
		}
		box := container.NewVBox()
		if len(items) > 0 {
			box.Add(widget.NewForm(items...))
		}
		box.Hide()
		f.boxes[s.Name] = box
	}
	f.Radio = widget.NewRadioGroup(labels, func(string) { f.show(); onChange() })
	f.Note = widget.NewLabel("")
	f.Note.Wrapping = fyne.TextWrapWord
	f.Note.Importance = widget.LowImportance
	f.HandOff = widget.NewCheck(lang.L("Hand planned messages to the provider ahead of time"), nil)
	hint := widget.NewLabel(lang.L("The provider then sends them at their time even if this computer is off or asleep. " +
		"Cancelling or editing a message withdraws it there."))
	hint.Wrapping = fyne.TextWrapWord
	hint.Importance = widget.LowImportance
	f.handBox = container.NewVBox(f.HandOff, hint)
	return f
}

// object lays the form out: the choice, the selected provider's fields, its note.
func (f *providerForm) object() fyne.CanvasObject {
	c := container.NewVBox(f.Radio)
	for _, s := range f.specs {
		c.Add(f.boxes[s.Name])
	}
	c.Add(f.Note)
	c.Add(f.handBox)
	return c
}

// selected is the chosen provider's spec (the sandbox when none is chosen).
func (f *providerForm) selected() providers.Spec {
	for _, s := range f.specs {
		if providerName(s) == f.Radio.Selected {
			return s
		}
	}
	return f.specs[0]
}

// show displays the selected provider's fields and note only.
func (f *providerForm) show() {
	sel := f.selected()
	for name, box := range f.boxes {
		if name == sel.Name {
			box.Show()
		} else {
			box.Hide()
		}
	}
	note := l10n.Known(sel.Note)
	if sel.Name == providers.Sandbox {
		note = lang.L("Sandbox: nothing is really sent.")
	}
	f.Note.SetText(note)

	if sel.HandsOff {
		f.handBox.Show()
	} else {
		f.handBox.Hide()
	}
}

// setSelected chooses a provider by name.
func (f *providerForm) setSelected(name string) {
	s, ok := providers.Find(name)
	if !ok {
		s = f.specs[0]
	}
	f.Radio.SetSelected(providerName(s))

	f.show()
}

// config is the selected provider and what is typed in its fields.
func (f *providerForm) config() ProviderConfig {
	sel := f.selected()
	p := ProviderConfig{Name: sel.Name, Values: map[string]string{}}
	for _, fl := range sel.Fields {
		p.Values[fl.Key] = strings.TrimSpace(f.Fields[fl.Key].Text)
	}
	return p
}

// settingKeys lists the non-secret field keys of every provider, for Load.
func (f *providerForm) settingKeys() []string {
	var out []string
	for _, s := range f.specs {
		for _, fl := range s.Fields {
			if !fl.Secret {
				out = append(out, fl.Key)
			}
		}
	}
	return out
}

// load fills the non-secret fields from stored values; secrets stay empty.
func (f *providerForm) load(values map[string]string) {
	for k, v := range values {
		if e, ok := f.Fields[k]; ok {
			e.SetText(v)
		}
	}
}

// save stores the selected provider's fields: secrets through saveSecret, the
// others as settings. It returns the keychain's note, if any.
func (f *providerForm) save(ctx context.Context, p ProviderConfig, st Scheduler,
	saveSecret func(name, value string) (string, error)) (string, error) {
	spec, _ := providers.Find(p.Name)
	note := ""
	for _, fl := range spec.Fields {
		v := p.Values[fl.Key]
		switch {
		case fl.Secret && v == "":
			continue // keep the stored secret
		case fl.Secret:
			if saveSecret == nil {
				continue
			}
			n, err := saveSecret(fl.Key, v)
			if err != nil {
				return "", err
			}
			note = n
		default:
			if err := st.SetSetting(ctx, fl.Key, v); err != nil {
				return "", err
			}
		}
	}
	return note, nil
}

// clearSecrets empties the secret entries: a secret is never left on screen.
func (f *providerForm) clearSecrets() {
	for _, s := range f.specs {
		for _, fl := range s.Fields {
			if fl.Secret {
				f.Fields[fl.Key].SetText("")
			}
		}
	}
}

// providerName is a provider's name in the person's language (the catalogue's
// Label is English; vendors' names read the same in both languages).
func providerName(s providers.Spec) string { return l10n.Known(s.Label) }
