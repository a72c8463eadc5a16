package automation

import (
	"context"
	"strings"
	"time"

	"minuit/internal/db"
	"minuit/internal/minuit"
	"minuit/internal/usererr"
	"minuit/scheduler"
	"minuit/scheduler/sms"
)

// Settings is one automation as the shop owner set it.
type Settings struct {
	Name  Name
	On    bool
	Text  string // the template
	Kind  minuit.Kind
	Delay time.Duration
	// OnSince is when it was last turned on: events before it never fire.
	OnSince time.Time
}

// settingKey names one field of an automation in the store's settings:
// automation.<name>.on|text|kind|delay|since.
func settingKey(n Name, field string) string { return "automation." + string(n) + "." + field }

// Load reads an automation's settings; what was never set is its Spec's default
// (off, the French template).
func Load(ctx context.Context, st *scheduler.Store, n Name) (Settings, error) {
	sp, ok := SpecOf(n)
	if !ok {
		return Settings{}, unknownName(string(n))
	}
	s := Settings{Name: n}
	get := func(field, def string) (string, error) { return st.Setting(ctx, settingKey(n, field), def) }
	on, err := get("on", "off")
	if err != nil {
		return Settings{}, err
	}
	if s.Text, err = get("text", ""); err != nil {
		return Settings{}, err
	}
	if s.Text == "" {
		s.Text = sp.Template // never changed: today's default, even when it improves
	}
	kind, err := get("kind", string(sp.Kind))
	if err != nil {
		return Settings{}, err
	}
	delay, err := get("delay", sp.Delay.String())
	if err != nil {
		return Settings{}, err
	}
	since, err := get("since", "")
	if err != nil {
		return Settings{}, err
	}
	s.On, s.Kind = on == "on", minuit.Kind(kind)
	if sp.KindFixed {
		s.Kind = sp.Kind
	}
	if s.Delay, err = time.ParseDuration(delay); err != nil {
		s.Delay = sp.Delay
	}
	if s.OnSince, err = db.ParseTime(since); err != nil {
		s.OnSince = time.Time{}
	}
	return s, nil
}

// LoadAll reads every automation's settings, in Names order.
func LoadAll(ctx context.Context, st *scheduler.Store) ([]Settings, error) {
	out := make([]Settings, 0, len(Names))
	for _, n := range Names {
		s, err := Load(ctx, st, n)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// Check says, in a sentence, what is wrong with s: an empty or too long text, a
// delay out of bounds, a kind the automation cannot have.
func (s Settings) Check() error {
	sp, ok := SpecOf(s.Name)
	if !ok {
		return unknownName(string(s.Name))
	}
	switch {
	case strings.TrimSpace(s.Text) == "":
		return usererr.Say(usererr.NewMsg("The text of an automation cannot be empty.", nil))
	case s.Kind != minuit.Transactional && s.Kind != minuit.Marketing:
		return usererr.Say(usererr.NewMsg("The kind must be transactional or marketing.", nil))
	case sp.KindFixed && s.Kind != sp.Kind:
		return usererr.Say(usererr.NewMsg("An abandoned-cart reminder is a marketing text: it needs the customer's consent.", nil))
	case s.Delay < sp.MinDelay || s.Delay > sp.MaxDelay:
		return usererr.Say(usererr.NewMsg("The delay of {{.Name}} must be between {{.Min}} and {{.Max}}.",
			map[string]any{"Name": string(s.Name), "Min": Duration(sp.MinDelay), "Max": Duration(sp.MaxDelay)}))
	}
	if n := sms.Count(scheduler.SentText(Sample(s.Name, s.Text), s.Kind, scheduler.DefaultFooter, "")).Parts; n > scheduler.MaxParts {
		return usererr.Say(usererr.NewMsg("The text would be {{.N}} SMS long; at most {{.Max}} are sent: shorten it.",
			map[string]any{"N": n, "Max": scheduler.MaxParts}))
	}
	return nil
}

// Save checks and stores s; turning an automation on starts its OnSince now.
func Save(ctx context.Context, st *scheduler.Store, s Settings) error {
	if err := s.Check(); err != nil {
		return err
	}
	was, err := Load(ctx, st, s.Name)
	if err != nil {
		return err
	}
	on := "off"
	if s.On {
		on = "on"
	}
	text := s.Text
	if sp, _ := SpecOf(s.Name); text == sp.Template {
		text = ""
	}
	sets := [][2]string{{"on", on}, {"text", text}, {"kind", string(s.Kind)}, {"delay", s.Delay.String()}}
	if s.On && !was.On {
		sets = append(sets, [2]string{"since", db.FormatTime(st.Now())})
	}
	for _, kv := range sets {
		if err := st.SetSetting(ctx, settingKey(s.Name, kv[0]), kv[1]); err != nil {
			return err
		}
	}
	return nil
}

// ParseName reads an automation's name as typed.
func ParseName(s string) (Name, error) {
	n := Name(strings.ToLower(strings.TrimSpace(s)))
	if _, ok := SpecOf(n); !ok {
		return "", unknownName(s)
	}
	return n, nil
}

func unknownName(s string) error {
	return usererr.Say(usererr.NewMsg("“{{.Name}}” is not an automation: use order-confirmation, shipping, abandoned-checkout or welcome.",
		map[string]any{"Name": s}))
}

// Duration writes a delay as people read it: 45m, 1h, 1h30m, 24h (30s under a minute).
func Duration(d time.Duration) string {
	if d > 0 && d < time.Minute {
		return d.Round(time.Second).String()
	}
	s := d.Round(time.Minute).String()
	s = strings.TrimSuffix(s, "0s")
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	if s == "" {
		return "0m"
	}
	return s
}
