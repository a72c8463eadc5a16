package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2/lang"
)

// usage is `minuit`'s help, in the person's language: one line per command, its
// synopsis (commands and flags, never translated) and what it does.
func usage() string {
	lines := []struct{ synopsis, what string }{
		{"minuit [--data DIR]", lang.L("open the window (and send in the background)")},
		{"minuit serve [--data DIR]", lang.L("send without a window, until Ctrl+C")},
		{`minuit schedule --to NUMBERS --at "YYYY-MM-DD HH:MM" [options] "text"`, ""},
		{"minuit list [--json]", lang.L("planned messages and their next send time")},
		{"minuit history [--json] [--limit N]", lang.L("deliveries, newest first")},
		{"minuit cancel ID | --delivery ID", lang.L("cancel a message (or one delivery)")},
		{"minuit retry ID", lang.L("send a failed, missed or unconfirmed delivery again")},
		{"minuit import FILE [--dry-run]", lang.L("import contacts from vCard or a Shopify/CSV export")},
		{"minuit contacts [--json]", lang.L("list contacts")},
		{"minuit forget ID [--yes]", lang.L("erase a contact and their message history for good")},
		{"minuit report [--json] [ID...]", lang.L("per message: sent, delivered, failed, skipped by reason, opt-outs")},
		{"minuit report --csv FILE | --chart FILE.png [--period 90d]", lang.L("the report as CSV, or a chart (--kind deliveries, opt-outs or cost)")},
		{"minuit export ics FILE.ics", lang.L("every planned message as a calendar (--live FOLDER keeps one up to date)")},
		{"minuit prices [set | remove …]", lang.L("the price per SMS part by provider and country, for costs")},
		{"minuit delivery-check [on NUMBER | off]", lang.L("a weekly test text to your own phone, with an alert when it does not arrive")},
		{"minuit backup [FILE] [--force]", lang.L("copy the database to FILE (none: today's file in the data folder's backups/)")},
		{"minuit restore FILE", lang.L("replace the database with a backup (Minuit must not be running)")},
		{"minuit check", lang.L("verify the database (SQLite's integrity_check): ok, or the problems")},
		{"minuit consent export FILE.csv", lang.L("consent history (also: consent settings | set KEY VALUE | reply NUMBER TEXT)")},
		{"minuit shopify connect --shop NAME --token T", lang.L("connect a Shopify store (or --client-id I --client-secret S); also: status [--json] | sync")},
		{"minuit automations [--json]", lang.L("the store's automations; set NAME on|off [--delay 60m] [--text TEXT]")},
		{"minuit version [--json]", lang.L("the version, commit and build date")},
	}
	var b strings.Builder
	b.WriteString(lang.L("Minuit plans and sends SMS for your shop.") + "\n\n" + lang.L("Usage:") + "\n")
	for _, l := range lines {
		if l.what == "" {
			fmt.Fprintf(&b, "  %s\n", l.synopsis)
			continue
		}
		fmt.Fprintf(&b, "  %-35s %s\n", l.synopsis, l.what)
	}
	b.WriteString("\n" + lang.L("Every command takes --data DIR (or MINUIT_DATA)."))
	return b.String()
}
