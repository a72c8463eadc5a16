package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// backupUI builds Settings' Backups part: when the newest backup was made, and
// "Back up now". Load hides it when the window has no Deps.Backup.
func (s *Settings) backupUI(head func(string) fyne.CanvasObject) fyne.CanvasObject {
	s.LastBackup = widget.NewLabel("")
	s.BackupNow = widget.NewButtonWithIcon("Back up now", theme.DownloadIcon(), s.onBackup)
	s.BackupResult = widget.NewLabel("")
	s.BackupResult.Wrapping = fyne.TextWrapWord
	s.BackupResult.Hide()
	hint := widget.NewLabel("While Minuit sends, it copies its database into the backups folder of its data " +
		"folder once a day, and keeps the last 7 days and one copy a week for 4 weeks before. " +
		"To go back to a copy, quit Minuit and run: minuit restore FILE")
	hint.Wrapping = fyne.TextWrapWord
	hint.Importance = widget.LowImportance
	s.backupBox = container.NewVBox(widget.NewSeparator(), head("Backups"), s.LastBackup, hint,
		container.NewHBox(s.BackupNow), s.BackupResult)
	s.backupBox.Hide()
	return s.backupBox
}

// loadLastBackup shows when the newest backup was made, off the UI goroutine.
func (s *Settings) loadLastBackup() {
	if s.m.deps.Backup == nil {
		s.backupBox.Hide()
		return
	}
	s.backupBox.Show()
	last := s.m.deps.LastBackup
	if last == nil {
		s.LastBackup.Hide()
		return
	}
	background(s.m.tk, last, func(t time.Time, err error) {
		switch {
		case err != nil:
			s.LastBackup.SetText("Could not tell when the last backup was made: " + plainError(err))
		case t.IsZero():
			s.LastBackup.SetText("No backup yet.")
		default:
			s.LastBackup.SetText("Last backup: " + t.In(s.m.loc).Format("2006-01-02 15:04") + ".")
		}
	})
}

// onBackup makes a backup now and says where it went, or why it failed.
func (s *Settings) onBackup() {
	backup := s.m.deps.Backup
	if backup == nil {
		return
	}
	s.BackupNow.Disable()
	s.BackupResult.Importance = widget.MediumImportance
	s.BackupResult.SetText("Backing up…")
	s.BackupResult.Show()
	background(s.m.tk, backup, func(path string, err error) {
		s.BackupNow.Enable()
		if err != nil {
			s.BackupResult.Importance = widget.DangerImportance
			s.BackupResult.SetText("The backup failed: " + plainError(err))
			return
		}
		s.BackupResult.Importance = widget.SuccessImportance
		s.BackupResult.SetText("Backed up to " + path + ".")
		s.loadLastBackup()
	})
}
