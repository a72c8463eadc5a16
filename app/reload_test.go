package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"minuit/internal/minuit"
	"minuit/scheduler"
	"minuit/scheduler/messagebird/mbemu"
	"minuit/scheduler/providers"
)

// TestAWrongKeyPausesTheSenderAndNewSettingsResumeItWithoutARestart runs the real
// sender against the MessageBird emulator: a wrong key pauses all sending with
// the reason and leaves the message scheduled; saving the right key and "reload"
// (what Settings does) sends it, without restarting the sender.
func TestAWrongKeyPausesTheSenderAndNewSettingsResumeItWithoutARestart(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("HOME", dir)
	t.Setenv("XDG_CONFIG_HOME", dir)
	t.Setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path="+dir+"/no-bus") // no keychain: secrets go to files
	emu := mbemu.New()
	defer emu.Close()
	t.Setenv(EnvProvider, providers.MessageBird)
	t.Setenv("MINUIT_MESSAGEBIRD_URL", emu.URL())
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	e, err := openEnv(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	if err := saveSecret(dir, providers.KeyMBKey, "wrong_key"); err != nil && err != ErrNoKeychain {
		t.Fatal(err)
	}
	events := make(chan scheduler.Event, 100)
	s, err := startSenderWith(ctx, e, senderHooks{onEvent: func(ev scheduler.Event) {
		if ev.Kind == scheduler.EventAccount || ev.Kind == scheduler.EventSent {
			events <- ev
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = e.store.CreateMessage(ctx, scheduler.Message{Body: "Votre commande est prête", Kind: minuit.Transactional,
		TZ: "UTC", At: time.Now().UTC().Format("2006-01-02 15:04:05"),
		Recipients: []scheduler.RecipientRef{{Kind: scheduler.ToNumber, Value: "+33612345678"}}})
	if err != nil {
		t.Fatal(err)
	}
	poke(dir, "wake")
	if ev := <-events; ev.Kind != scheduler.EventAccount || !strings.Contains(ev.Reason, "access key") {
		t.Fatalf("first event %+v, want the account pause", ev)
	}
	st, ok := askStatus(dir)
	if !ok || !st.Paused || !strings.Contains(st.Reason, "access key") {
		t.Fatalf("status %+v, want paused with the reason", st)
	}
	ds, _, err := e.store.History(ctx, scheduler.HistoryQuery{})
	if err != nil || len(ds) != 1 || ds[0].State != scheduler.Scheduled {
		t.Fatalf("history %+v (%v), want the delivery still scheduled", ds, err)
	}
	if err := saveSecret(dir, providers.KeyMBKey, mbemu.DefaultAccessKey); err != nil && err != ErrNoKeychain {
		t.Fatal(err)
	}
	if reply := reloadSender(dir); reply != "" {
		t.Fatalf("reload: %q", reply)
	}
	if ev := <-events; ev.Kind != scheduler.EventSent {
		t.Fatalf("after the reload: %+v, want the message sent", ev)
	}
	if st, _ := askStatus(dir); st.Paused {
		t.Errorf("still paused after the new settings: %+v", st)
	}
	if n := emu.Created("+33612345678", "Votre commande est prête"); n != 1 {
		t.Errorf("the emulator created %d messages, want 1", n)
	}
	cancel()
	<-s.done
}
