package ui

import (
	"minuit/internal/minuit"
	"minuit/internal/usererr"
	"reflect"
	"testing"

	"fyne.io/fyne/v2/test"
)

type autostartCall struct{ enabled, minimised bool }

func TestTickingStartAtLoginCallsSetAutostartWithTheTrayChoice(t *testing.T) {
	h := newHarness(t)
	var calls []autostartCall
	h.m.deps.SetAutostart = func(enabled, minimised bool) error {
		calls = append(calls, autostartCall{enabled, minimised})
		return nil
	}
	h.m.deps.Autostart = func() (bool, error) { return false, nil }
	s := h.m.Settings
	s.Load()
	h.m.Settle()
	if len(calls) != 0 || s.Autostart.Checked {
		t.Fatalf("loading the settings changed the login entry: %v (checked %v)", calls, s.Autostart.Checked)
	}
	test.Tap(s.StartHidden) // no entry yet: only remembered on Save
	h.m.Settle()
	test.Tap(s.Autostart)
	h.m.Settle()
	test.Tap(s.StartHidden)
	h.m.Settle()
	test.Tap(s.Autostart)
	h.m.Settle()
	want := []autostartCall{{true, true}, {true, false}, {false, false}}
	if !reflect.DeepEqual(calls, want) {
		t.Fatalf("SetAutostart calls %v, want %v", calls, want)
	}
	if got, err := h.store.Setting(t.Context(), minuit.KeyStartHidden, ""); err != nil || got != "false" {
		t.Fatalf("start minimised setting = %q (%v), want false", got, err)
	}
	if !s.AutostartError.Hidden {
		t.Fatalf("an error is shown: %q", s.AutostartError.Text)
	}
}

func TestStartAtLoginShowsTheCurrentStateAndAPlainErrorWhenItFails(t *testing.T) {
	h := newHarness(t)
	h.m.deps.Autostart = func() (bool, error) { return true, nil }
	h.m.deps.SetAutostart = func(bool, bool) error {
		return usererr.New("starting Minuit at login is not possible on this system")
	}
	s := h.m.Settings
	s.Load()
	h.m.Settle()
	if !s.Autostart.Checked {
		t.Fatal("the login entry exists but the box is not ticked")
	}
	test.Tap(s.Autostart)
	h.m.Settle()
	if !s.Autostart.Checked {
		t.Fatal("the box stayed unticked although the entry could not be removed")
	}
	if s.AutostartError.Hidden || s.AutostartError.Text != "Starting Minuit at login is not possible on this system." {
		t.Fatalf("error %q (hidden %v)", s.AutostartError.Text, s.AutostartError.Hidden)
	}
	if s.Autostart.Disabled() || s.StartHidden.Disabled() {
		t.Fatal("the boxes stay disabled after the call")
	}
}
