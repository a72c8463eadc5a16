// Package contacts keeps the shop's customers: names, phone numbers in E.164,
// birthdays, groups and SMS consent, in Minuit's SQLite database (component
// "contacts"). It imports vCard 2.1, 3.0 and 4.0 files and Shopify or other CSV
// exports, searches, edits, exports to vCard 4.0 and erases contacts for good. It
// never imports Fyne and reads the time only from the clock given to Open.
//
// # Importing
//
// An import takes two steps. Preview reads the file (streaming, whatever its size,
// up to ImportOptions.MaxBytes) and works out what would change: new, updated,
// unchanged, merged and skipped cards, invalid numbers and numbers that cannot
// receive SMS, each problem with its card's line number and a plain reason.
// WritePreview prints it. Commit applies it in one transaction, or nothing at all
// if it fails or is cancelled, and refuses with ErrStale if the contacts changed
// since the preview. A preview not committed must be closed (it may hold a
// temporary file).
//
// Numbers are normalised to E.164 with libphonenumber in the region of
// ImportOptions.Region (a Shopify row's own country code wins). Invalid numbers are
// kept and flagged; landlines and other numbers that cannot receive SMS are kept and
// flagged. The number to text is a mobile one (CELL in the file, or MOBILE or
// FIXED_LINE_OR_MOBILE for libphonenumber), the preferred one first.
//
// A card is the same contact as a stored one (or an earlier card of the file) when
// they share the vCard UID (or Shopify customer id), else a valid number, else, for
// cards without a valid number, the email, else the name with the digits written.
// Importing the same file twice changes nothing. A later export updates the
// contacts it matches: its values replace the stored ones, numbers and groups are
// added, nothing is blanked. A field edited in the app (Update) is not overwritten
// silently: "last edit wins" compares the edit's time with the card's REV, or
// ImportOptions.FileTime, and the preview says which value is kept. A consent
// opt-out recorded elsewhere (a STOP reply) is never undone by a file.
//
// # Searching
//
// List pages through contacts in name order, or searches: words match the start of
// words of the name and company (accents and case ignored, FTS5); a number matches
// the start of a stored number however it is typed (06 12, +33 6 12, 0033 6 12).
package contacts
