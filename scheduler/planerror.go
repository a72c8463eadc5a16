package scheduler

import (
	"strings"

	"minuit/internal/usererr"
)

// The parts of a plan a PlanError can be about, for the window to show it beside
// the right field.
const (
	FieldTo       = "to"       // recipients
	FieldText     = "text"     // the body
	FieldWhen     = "when"     // send time and zone
	FieldRepeat   = "repeat"   // repeat rule, birthday
	FieldDeadline = "deadline" // the "no later than" time
	FieldKind     = "kind"     // transactional or marketing
)

// PlanError is one thing wrong with a planned message, as the sentence the user
// reads, whether from the CLI or the window.
type PlanError struct {
	Field string // one of the Field… constants
	Text  string // a whole sentence, capitalised, ending with a full stop
	// Msg is Text for the translation catalogue (a zero Msg: Text has no
	// translation and is read as it is).
	Msg usererr.Msg
}

func (e *PlanError) Error() string { return e.Text }

// Sentence implements usererr.Sentencer.
func (e *PlanError) Sentence() string { return e.Text }

// Messages implements usererr.Messager.
func (e *PlanError) Messages() []usererr.Msg {
	if e.Msg.Key == "" {
		return []usererr.Msg{usererr.NewMsg(e.Text, nil)}
	}
	return []usererr.Msg{e.Msg}
}

// PlanErrors is every problem found in a plan, in the order they were found. It
// reads as one line: the sentences one after the other.
type PlanErrors []*PlanError

func (es PlanErrors) Error() string {
	s := make([]string, len(es))
	for i, e := range es {
		s[i] = e.Text
	}
	return strings.Join(s, " ")
}

// Sentence implements usererr.Sentencer: every problem, one after the other.
func (es PlanErrors) Sentence() string { return es.Error() }

// Messages implements usererr.Messager: every problem, one after the other.
func (es PlanErrors) Messages() []usererr.Msg {
	var out []usererr.Msg
	for _, e := range es {
		out = append(out, e.Messages()...)
	}
	return out
}

// Unwrap gives the problems to errors.As, so one *PlanError can be looked for.
func (es PlanErrors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// Has reports whether a problem is about field.
func (es PlanErrors) Has(field string) bool {
	for _, e := range es {
		if e.Field == field {
			return true
		}
	}
	return false
}

// add records a problem; format is the catalogue's key (usererr.Msgf).
func (es *PlanErrors) add(field, format string, args ...any) {
	m := usererr.Msgf(format, args...)
	*es = append(*es, &PlanError{Field: field, Text: m.String(), Msg: m})
}

// NewPlanError is one problem; format is the catalogue's key (usererr.Msgf).
func NewPlanError(field, format string, args ...any) *PlanError {
	m := usererr.Msgf(format, args...)
	return &PlanError{Field: field, Text: m.String(), Msg: m}
}
