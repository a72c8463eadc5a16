package providertest

import (
	"errors"
	"strings"
	"testing"

	"minuit/scheduler"
)

// ErrorWant is what a provider's test expects of a failed call.
type ErrorWant struct {
	Class scheduler.ErrorClass
	// Reason is the sentence for the user: equal to it when Exact, else containing
	// it; "" accepts any.
	Reason string
	Exact  bool
	// Prefix starts the wrapped error ("twilio: "), naming the package in logs.
	Prefix string
	// Secrets must never show in the error's text (keys, tokens, passwords).
	Secrets []string
}

// CheckError checks that err is a *scheduler.ProviderError as w says, and returns it.
func CheckError(t testing.TB, err error, w ErrorWant) *scheduler.ProviderError {
	t.Helper()
	var pe *scheduler.ProviderError
	if !errors.As(err, &pe) {
		t.Fatalf("error %v (%T) is not a *scheduler.ProviderError", err, err)
	}
	if pe.Class != w.Class {
		t.Errorf("class = %v, want %v (error: %v)", pe.Class, w.Class, err)
	}
	switch {
	case w.Exact && w.Reason != "" && pe.Reason != w.Reason:
		t.Errorf("reason = %q, want %q", pe.Reason, w.Reason)
	case !w.Exact && !strings.Contains(pe.Reason, w.Reason):
		t.Errorf("reason = %q, want it to contain %q", pe.Reason, w.Reason)
	}
	if pe.Err == nil || !strings.HasPrefix(pe.Err.Error(), w.Prefix) {
		t.Errorf("wrapped error %v does not start with %q", pe.Err, w.Prefix)
	}
	for _, s := range w.Secrets {
		if s != "" && strings.Contains(err.Error(), s) {
			t.Errorf("error %q shows a secret", err)
		}
	}
	return pe
}
