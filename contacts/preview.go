package contacts

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"io"
	"strings"
	"time"

	"minuit/contacts/vcardx"
	"minuit/internal/phone"
)

// ImportOptions configures Preview.
type ImportOptions struct {
	// Region is the default country (ISO code such as "FR") for numbers written
	// without +CC. "" means the store's default (DefaultRegion at first).
	Region string
	// Source names the file; it is recorded as the contacts' source and in consent
	// proofs.
	Source string
	// Format forces a format; FormatAuto detects it from the content.
	Format Format
	// MaxBytes caps the file size; 0 means DefaultMaxBytes.
	MaxBytes int64
	// Columns maps CSV header names (any case) to fields: name, first_name,
	// last_name, company, email, phone, mobile, birthday, groups, notes, consent,
	// country, uid or ignore. Known headers are mapped without it.
	Columns map[string]string
	// FileTime is when the file was exported (its modification time), if known.
	// With the cards' REV it decides "last edit wins" against edits made in the app.
	FileTime time.Time
}

// Problem is something the preview reports about one card or row.
type Problem struct {
	Line   int    // the card's (or row's) first line in the file
	Name   string // the contact's name, when known
	Reason string // plain sentence
}

// Change says how an import changes a stored contact.
type Change struct {
	Line      int
	Name      string
	ContactID int64
	Fields    []string // the fields that change: name, email, phones, groups, consent, ...
	Notes     []string // edits made in the app that are kept or replaced, and why
}

// Preview is what an import would do. Commit applies it; Close discards it.
type Preview struct {
	Source string
	Format Format
	Region string

	Cards      int // cards or rows read
	New        int // contacts it creates
	Updated    int // stored contacts it changes
	Unchanged  int // stored contacts it matches and leaves as they are
	Merged     int // cards merged with another card of the same file (same number, UID or email)
	Skipped    int // cards it does not import (see Problems)
	GroupCards int // group cards (Apple), whose members are added to the group

	Invalid   int // numbers that cannot be valid: kept and flagged
	Landlines int // valid numbers that cannot receive SMS (landline, fax, ...): kept and flagged
	NoNumber  int // imported cards with no number that can receive SMS

	Problems     []Problem // in file order
	MoreProblems int       // problems not listed (over maxListed)
	Changes      []Change  // stored contacts that change, in file order
	MoreChanges  int
	// Groups are the groups the import adds members to, by name, with their sizes
	// now and after it: what planned messages to these groups will send to.
	Groups []GroupChange

	store      *Store
	version    int64
	existing   int // contacts stored when the preview was made
	spool      spool
	groupCards []groupCard
	fileTime   time.Time
	closed     bool
	gains      map[string]*GroupChange // by GroupKey; After counts the members added
}

// groupCard is an Apple group card: a name and member UIDs.
type groupCard struct {
	line    int
	name    string
	members []string
}

// maxListed bounds the problems and changes a preview lists.
const maxListed = 10000

// Close discards the preview and its temporary file. Commit closes it too.
func (p *Preview) Close() error {
	if p.closed {
		return nil
	}
	p.closed = true
	return p.spool.close()
}

// problem lists a problem; the reason is the concatenation of parts, built only
// when the list has room.
func (p *Preview) problem(line int, name string, parts ...string) {
	if len(p.Problems) >= maxListed {
		p.MoreProblems++
		return
	}
	reason := parts[0]
	if len(parts) > 1 {
		reason = strings.Join(parts, "")
	}
	p.Problems = append(p.Problems, Problem{Line: line, Name: name, Reason: reason})
}

// Preview reads a vCard or CSV file and works out what importing it would change,
// without changing anything. It streams: memory stays bounded whatever the file's
// size, which MaxBytes caps. Call Commit to apply it or Close to discard it.
func (s *Store) Preview(ctx context.Context, r io.Reader, opts ImportOptions) (*Preview, error) {
	region := phone.NormalizeRegion(opts.Region)
	if region == "" {
		region = s.defaultRegion()
	}
	br, format, err := openSource(r, opts.MaxBytes, opts.Format)
	if err != nil {
		return nil, err
	}
	p := &Preview{Source: opts.Source, Format: format, Region: region, store: s, fileTime: opts.FileTime}
	produce, f, err := newProducer(br, format, opts)
	if err != nil {
		return nil, err
	}
	p.Format = f
	rtx, err := s.d.R.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("contacts: begin preview: %w", err)
	}
	defer func() { _ = rtx.Rollback() }()
	cl, err := newClassifier(ctx, rtx, p, s.now())
	if err != nil {
		return nil, err
	}
	if err := runPipeline(ctx, produce, region, cl.add); err != nil {
		_ = p.Close()
		return nil, err
	}
	if err := cl.finish(); err != nil {
		_ = p.Close()
		return nil, err
	}
	return p, nil
}

// newProducer streams the cards or rows of an opened file; for CSV it returns the
// format the header revealed (Shopify or generic).
func newProducer(br *bufio.Reader, format Format, opts ImportOptions) (producer, Format, error) {
	if format == FormatVCard {
		vr := vcardx.NewReader(br)
		vr.Keep = usedProperty
		return func(emit func(*vcardx.Card, *record) bool) error {
			for {
				c, err := vr.Next()
				if err == io.EOF {
					return nil
				}
				if err != nil {
					return fmt.Errorf("contacts: read the vCard file: %w", err)
				}
				if !emit(c, nil) {
					return nil
				}
			}
		}, format, nil
	}
	cs, f, err := newCSVSource(br, opts, format)
	if err != nil {
		return nil, format, err
	}
	return func(emit func(*vcardx.Card, *record) bool) error {
		for {
			rec, err := cs.next()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return err
			}
			if !emit(nil, rec) {
				return nil
			}
		}
	}, f, nil
}
