package ui

import (
	"context"
	"minuit/internal/usererr"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
)

func TestBackUpNowSaysWhereTheBackupWentAndShowsItsDate(t *testing.T) {
	h := newHarness(t)
	s := h.m.Settings
	if s.backupBox.Visible() {
		t.Fatal("the Backups part shows although the window cannot back up")
	}
	var last time.Time
	calls := 0
	h.m.deps.LastBackup = func(context.Context) (time.Time, error) { return last, nil }
	h.m.deps.Backup = func(context.Context) (string, error) {
		calls++
		last = time.Date(2026, 11, 29, 13, 30, 0, 0, time.UTC)
		return "/data/backups/minuit-2026-11-29.db", nil
	}
	s.Load()
	h.m.Settle()
	if !s.backupBox.Visible() || s.LastBackup.Text != "No backup yet." {
		t.Fatalf("Backups part visible=%v, last backup %q", s.backupBox.Visible(), s.LastBackup.Text)
	}
	test.Tap(s.BackupNow)
	if !s.BackupNow.Disabled() || s.BackupResult.Text != "Backing up…" {
		t.Fatalf("while backing up: button disabled=%v, %q", s.BackupNow.Disabled(), s.BackupResult.Text)
	}
	h.m.Settle()
	if calls != 1 || s.BackupNow.Disabled() {
		t.Fatalf("Backup called %d times, button disabled=%v", calls, s.BackupNow.Disabled())
	}
	if s.BackupResult.Text != "Backed up to /data/backups/minuit-2026-11-29.db." {
		t.Fatalf("result %q", s.BackupResult.Text)
	}
	if s.LastBackup.Text != "Last backup: Sunday 29 November 2026, 14:30." { // in the window's zone, Europe/Paris
		t.Fatalf("last backup %q", s.LastBackup.Text)
	}
}

func TestAFailedBackupSaysWhyInOneSentence(t *testing.T) {
	h := newHarness(t)
	s := h.m.Settings
	h.m.deps.Backup = func(context.Context) (string, error) {
		return "", usererr.New("the disk holding /data/backups is full")
	}
	s.Load()
	h.m.Settle()
	test.Tap(s.BackupNow)
	h.m.Settle()
	if s.BackupResult.Text != "The backup failed: The disk holding /data/backups is full." {
		t.Fatalf("result %q", s.BackupResult.Text)
	}
	if s.BackupNow.Disabled() {
		t.Fatal("the button stays disabled after a failure")
	}
}
