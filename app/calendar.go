package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2/lang"

	"minuit/internal/minuit"
	"minuit/internal/usererr"
	"minuit/scheduler"
	"minuit/scheduler/icalendar"
)

// writeICS writes every planned message as a calendar: the one export behind
// `minuit export ics`, the window's button and the live file.
func writeICS(ctx context.Context, e *env, w io.Writer, now time.Time) error {
	ms, err := e.store.Messages(ctx, false)
	if err != nil {
		return err
	}
	dir := e.directory()
	return icalendar.Write(ctx, w, ms, icalendar.Options{
		Now:  now,
		Name: lang.L("Minuit: planned texts"),
		Summary: func(m scheduler.Message, r *minuit.Recipient) string {
			if r != nil {
				return lang.L("SMS to {{.Name}}: {{.Text}}", map[string]any{"Name": r.DisplayName(), "Text": excerpt(m.Body, 40)})
			}
			return lang.L("SMS: {{.Text}}", map[string]any{"Text": excerpt(m.Body, 50)})
		},
		Description: func(m scheduler.Message, r *minuit.Recipient) string {
			to := recipientsLabel(m.Recipients)
			if r != nil {
				to = r.DisplayName()
			}
			return m.Body + "\n\n" + lang.L("To: {{.To}}", map[string]any{"To": to}) + "\n" +
				lang.L("Kind: {{.Kind}}", map[string]any{"Kind": string(m.Kind)}) + "\n" +
				lang.L("Planned in Minuit (message {{.ID}})", map[string]any{"ID": m.ID})
		},
		Birthdays: func(ctx context.Context, m scheduler.Message) ([]minuit.Recipient, error) {
			_, ids, groups := scheduler.SplitRecipients(m.Recipients)
			rs, err := dir.Resolve(ctx, ids, groups)
			if errors.Is(err, scheduler.ErrUnknownGroup) {
				return nil, nil // the group is gone: nobody's birthday to show
			}
			return rs, err
		},
	})
}

// saveWhole writes path whole or not at all, mode 0644: into a temporary file
// beside it, synced, then renamed over it, so that a calendar app, a sync client
// or the desktop reading a login entry (autostart) never reads half a file.
func saveWhole(path string, write func(io.Writer) error) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return writeError(path, err)
	}
	tmp := f.Name()
	fail := func(err error) error {
		_ = f.Close()
		_ = os.Remove(tmp)
		return writeError(path, err)
	}
	if err := write(f); err != nil {
		return fail(err)
	}
	if err := f.Chmod(0o644); err != nil {
		return fail(err)
	}
	if err := f.Sync(); err != nil {
		return fail(err)
	}
	if err := f.Close(); err != nil {
		_ = os.Remove(tmp)
		return writeError(path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		_ = os.Remove(tmp)
		return writeError(path, err)
	}
	return nil
}

// fileError says a file could not be written, in a sentence that names it and
// the system's reason ("no such file or directory") rather than a temporary name.
type fileError struct {
	path string
	err  error
}

func writeError(path string, err error) error { return &fileError{path, err} }

func (e *fileError) Error() string { return fmt.Sprintf("app: cannot write %s: %v", e.path, e.err) }
func (e *fileError) Unwrap() error { return e.err }

// Sentence implements usererr.Sentencer; Messages lets the catalogue translate it.
func (e *fileError) Sentence() string        { return e.msg().String() }
func (e *fileError) Messages() []usererr.Msg { return []usererr.Msg{e.msg()} }

func (e *fileError) msg() usererr.Msg {
	why := e.err
	var pe *os.PathError
	if errors.As(why, &pe) {
		why = pe.Err
	}
	var le *os.LinkError
	if errors.As(why, &le) {
		why = le.Err
	}
	return usererr.NewMsg("{{.Path}} could not be written: {{.Why}}.", map[string]any{"Path": e.path, "Why": why.Error()})
}
