// Package providers is the one home of Minuit's provider catalogue: each provider's
// name, label, the fields it is configured with (their setting keys, keychain
// entries and environment overrides) and how its client is built. The app builds
// the sender's provider from it and the Settings tab draws its form from it, so a
// field exists once. It never imports Fyne.
package providers

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"minuit/internal/db"
	"minuit/internal/usererr"
	"minuit/scheduler"
)

// Field is one setting of a provider.
type Field struct {
	// Key is the setting's key in the store, or for a Secret the name of its
	// keychain entry (never stored in the database).
	Key string
	// Env overrides the stored value (headless machines and tests).
	Env      string
	Label    string // shown beside the entry
	Hint     string // placeholder
	Secret   bool   // kept in the OS keychain and shown as dots
	Optional bool
}

// Values reads a field's current value: the environment override, else the stored
// setting or keychain entry; "" when unset.
type Values func(f Field) (string, error)

// Options are what building a provider needs beyond its fields.
type Options struct {
	DB      *db.DB           // the sandbox keeps its messages in the app's database
	Now     func() time.Time // the sandbox's clock; default time.Now
	Timeout time.Duration    // per request; 0: the client's default
}

// Spec describes one provider.
type Spec struct {
	Name   string // stored in the "provider" setting and with each delivery
	Label  string // shown in Settings and the window's badge
	Fields []Field
	// Note is a sentence Settings shows under the form (what to know before choosing).
	Note string
	// HandsOff: the provider can take planned messages ahead of time (Twilio only
	// with a Messaging Service), so Settings offers the hand-off choice.
	HandsOff bool
	build    func(ctx context.Context, v map[string]string, o Options) (scheduler.Provider, error)
}

// ErrMissing is wrapped when a required field is empty.
var ErrMissing = errors.New("a required setting is empty")

// MissingError names the empty field in a sentence the window shows.
type MissingError struct {
	Provider, Field, Env string
}

func (e *MissingError) Error() string {
	return fmt.Sprintf("%s is selected but %s is not set (Settings, or %s)", e.Provider, e.Field, e.Env)
}

// Sentence implements usererr.Sentencer.
func (e *MissingError) Sentence() string { return e.Error() }

// Messages implements usererr.Messager: the field's label is English (the
// catalogue's Label), as Settings shows it through the same translation.
func (e *MissingError) Messages() []usererr.Msg {
	return []usererr.Msg{usererr.Msgf("%s is selected but %s is not set (Settings, or %s)", e.Provider, usererr.NewMsg(e.Field, nil), e.Env)}
}

func (e *MissingError) Unwrap() error { return ErrMissing }

// Build reads the spec's fields through values and builds its client. It makes
// no request.
func (s Spec) Build(ctx context.Context, values Values, o Options) (scheduler.Provider, error) {
	v := map[string]string{}
	for _, f := range s.Fields {
		x, err := values(f)
		if err != nil {
			return nil, fmt.Errorf("providers: read %s: %w", f.Label, err)
		}
		x = strings.TrimSpace(x)
		if x == "" && !f.Optional {
			return nil, &MissingError{Provider: s.Label, Field: f.Label, Env: f.Env}
		}
		v[f.Key] = x
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return s.build(ctx, v, o)
}

// Find returns the spec of a provider by name (case-insensitive; "" is the sandbox).
func Find(name string) (Spec, bool) {
	name = strings.ToLower(strings.TrimSpace(name))
	if name == "" {
		name = Sandbox
	}
	for _, s := range All() {
		if s.Name == name {
			return s, true
		}
	}
	return Spec{}, false
}

// Names lists every provider's name, for error messages and the CLI.
func Names() []string {
	var out []string
	for _, s := range All() {
		out = append(out, s.Name)
	}
	return out
}

// UnknownError says a provider name is not in the catalogue.
type UnknownError struct{ Name string }

func (e *UnknownError) Error() string {
	return fmt.Sprintf("unknown provider %q (use %s)", e.Name, strings.Join(Names(), ", "))
}

// Sentence implements usererr.Sentencer.
func (e *UnknownError) Sentence() string { return e.Error() }

// Messages implements usererr.Messager.
func (e *UnknownError) Messages() []usererr.Msg {
	return []usererr.Msg{usererr.Msgf("unknown provider %q (use %s)", e.Name, strings.Join(Names(), ", "))}
}
