package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2/lang"

	"minuit/scheduler"
	"minuit/scheduler/automation"
	"minuit/ui/l10n"
)

func (s *ShopTab) onConnect() {
	l := ShopLogin{Shop: s.Store.Text}
	if s.SignIn.Selected == signInChoices()[1] {
		l.ClientID, l.ClientSecret = s.ClientID.Text, s.ClientSecret.Text
	} else {
		l.Token = s.Token.Text
	}
	s.Connect.Disable()
	s.setResult(lang.L("Connecting…"))
	shop := s.m.deps.Shop
	type connected struct{ name, note string }
	background(s.m.tk, func(ctx context.Context) (connected, error) {
		name, note, err := shop.Connect(ctx, l)
		return connected{name, note}, err
	}, func(c connected, err error) {
		s.Connect.Enable()
		if err != nil {
			s.setResult("")
			setError(s.Problem, plainError(err))
			return
		}
		s.Token.SetText("")
		s.ClientSecret.SetText("")
		setError(s.Problem, "")
		text := lang.L("Connected: {{.Name}}.", map[string]any{"Name": c.name})
		if c.note != "" {
			text += " " + c.note
		}
		s.setResult(text)
		s.Load()
	})
}

func (s *ShopTab) onSync() {
	s.Sync.Disable()
	s.setResult(lang.L("Reading the store…"))
	shop := s.m.deps.Shop
	background(s.m.tk, func(ctx context.Context) (automation.Result, error) { return shop.Sync(ctx) },
		func(r automation.Result, err error) {
			s.Sync.Enable()
			s.setResult(lang.L("Read {{.Customers}} customers, {{.Orders}} orders and {{.Checkouts}} abandoned checkouts; {{.Planned}} texts planned, {{.Skipped}} not sent.",
				map[string]any{"Customers": r.Customers, "Orders": r.Orders, "Checkouts": r.Checkouts, "Planned": r.Planned, "Skipped": r.Skipped}))
			if err != nil {
				setError(s.Problem, plainError(err))
			}
			if r.Planned > 0 {
				s.m.changed()
			}
			s.Load()
		})
}

func (s *ShopTab) onUTM(on bool) {
	if s.quiet {
		return
	}
	s.utm = on
	for _, c := range s.Cards {
		c.onText(c.Text.Text)
	}
	v, st := "off", s.m.deps.Store
	if on {
		v = "on"
	}
	background(s.m.tk, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, st.SetSetting(ctx, scheduler.KeyUTM, v)
	},
		func(_ struct{}, err error) {
			if err != nil {
				setError(s.Problem, plainError(err))
			}
		})
}

// lastRun is when an automation last fired, or "never".
func (s *ShopTab) lastRun(t time.Time) string {
	if t.IsZero() {
		return lang.L("never")
	}
	return l10n.ShortDateTime(t.In(s.m.loc))
}

// setResult shows the last action's outcome ("" hides it).
func (s *ShopTab) setResult(text string) {
	s.Result.SetText(text)
	s.Result.Hidden = text == ""
	s.Result.Refresh()
}
