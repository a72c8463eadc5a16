package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"minuit/ui/l10n"
)

// backupUI builds Settings' Backups part: when the newest backup was made, and
// "Back up now". Load hides it when the window has no Deps.Backup.
func (s *Settings) backupUI(head func(string) fyne.CanvasObject) fyne.CanvasObject {
	s.LastBackup = widget.NewLabel("")
	s.BackupNow = widget.NewButtonWithIcon(lang.L("Back up now"), theme.DownloadIcon(), s.onBackup)
	s.BackupResult = widget.NewLabel("")
	s.BackupResult.Wrapping = fyne.TextWrapWord
	s.BackupResult.Hide()
	hint := widget.NewLabel(lang.L("While Minuit sends, it copies its database into the backups folder of its data " +
		"folder once a day, and keeps the last 7 days and one copy a week for 4 weeks before. " +
		"To go back to a copy, quit Minuit and run: minuit restore FILE"))
	hint.Wrapping = fyne.TextWrapWord
	hint.Importance = widget.LowImportance
	s.backupBox = container.NewVBox(widget.NewSeparator(), head(lang.L("Backups")), s.LastBackup, hint,
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
			s.LastBackup.SetText(lang.L("Could not tell when the last backup was made: {{.Why}}", map[string]any{"Why": plainError(err)}))
		case t.IsZero():
			s.LastBackup.SetText(lang.L("No backup yet."))
		default:
			s.LastBackup.SetText(lang.L("Last backup: {{.When}}.", map[string]any{"When": l10n.DateTime(t.In(s.m.loc))}))
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
	s.BackupResult.SetText(lang.L("Backing up…"))
	s.BackupResult.Show()
	background(s.m.tk, backup, func(path string, err error) {
		s.BackupNow.Enable()
		if err != nil {
			s.BackupResult.Importance = widget.DangerImportance
			s.BackupResult.SetText(lang.L("The backup failed: {{.Why}}", map[string]any{"Why": plainError(err)}))
			return
		}
		s.BackupResult.Importance = widget.SuccessImportance
		s.BackupResult.SetText(lang.L("Backed up to {{.Path}}.", map[string]any{"Path": path}))

		s.loadLastBackup()
	})
}
