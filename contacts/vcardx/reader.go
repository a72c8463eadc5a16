// Package vcardx reads vCard 2.1, 3.0 and 4.0 streams as real address books export
// them, into github.com/emersion/go-vcard's Card type.
//
// go-vcard's Decoder is not enough for real exports: it unfolds long lines in
// quadratic time, does not know quoted-printable soft line breaks, misreads vCard 2.1
// bare parameters (TEL;CELL;PREF:... loses the number) and silently drops the lines
// it cannot parse. This package reads the stream in one linear pass instead. It:
//   - unfolds continuation lines and joins quoted-printable soft line breaks;
//   - decodes quoted-printable values and converts CHARSET=... values to UTF-8;
//   - reads bare 2.1 parameters as TYPE=... or ENCODING=...;
//   - drops inline binary PHOTO, LOGO, SOUND and KEY data without buffering it;
//   - reports every line it cannot read, with its line number, instead of dropping it.
//
// Each property becomes a go-vcard Field as go-vcard's Decoder would make it from a
// well-formed line (upper-case names and parameter names, comma-separated parameter
// values split, \\ \n and \, unescaped), so go-vcard's accessors and Encoder work
// on the result. TestReaderMatchesGoVCardOnWellFormedFiles checks this.
package vcardx

import (
	"bufio"
	"bytes"
	"fmt"
	"io"

	"github.com/emersion/go-vcard"
)

// MaxLineBytes is the longest logical line (after unfolding) that is kept. Longer
// lines, other than the binary properties that are skipped anyway, are reported and
// dropped so that one broken line cannot exhaust memory.
const MaxLineBytes = 1 << 20

// Problem is something in the input that could not be read as written.
type Problem struct {
	Line   int    // 1-based line number in the input
	Reason string // plain sentence
}

// Card is one card of the stream.
type Card struct {
	Line     int        // line of BEGIN:VCARD
	Card     vcard.Card // the decoded card; values are UTF-8 text
	Problems []Problem  // lines of this card (or just before it) that could not be read
}

// Reader reads cards one at a time; it never holds more than one card and one
// logical line in memory.
type Reader struct {
	// Keep, if set, says which properties (by name, any case) to decode; the others
	// are still checked (unreadable lines are reported) but not decoded or kept.
	Keep func(name []byte) bool

	in   *bufio.Reader
	line int // number of physical lines read so far
	eof  bool

	// the logical line being assembled
	cur      []byte
	curLine  int
	curState lineState
	qp       bool // the current line is quoted-printable
	soft     bool // its last physical line ended with a soft line break '='
	base64   bool // the skipped line is 2.1 base64: bare base64 lines and a blank line end it

	// the card being assembled
	inCard   bool
	cardLine int
	card     vcard.Card
	problems []Problem // problems not yet attached to a card
	ready    []*Card   // finished cards for Next

	chars   charsets
	scratch []byte
}

type lineState uint8

const (
	stateNone    lineState = iota
	stateText              // a property line being assembled
	stateSkip              // a PHOTO, LOGO, SOUND or KEY line being skipped
	stateTooLong           // over MaxLineBytes: skipped, reported once
)

// NewReader returns a Reader over r. A UTF-8 byte order mark is skipped.
func NewReader(r io.Reader) *Reader {
	return &Reader{in: bufio.NewReaderSize(r, 64<<10)}
}

// Next returns the next card, or io.EOF after the last one. Problems found after the
// last card come as a Card with a nil Card and Line 0.
func (r *Reader) Next() (*Card, error) {
	for len(r.ready) == 0 {
		if r.eof {
			if len(r.problems) > 0 {
				p := r.problems
				r.problems = nil
				return &Card{Problems: p}, nil
			}
			return nil, io.EOF
		}
		if err := r.step(); err != nil {
			return nil, err
		}
	}
	c := r.ready[0]
	r.ready = r.ready[1:]
	return c, nil
}

// step reads one physical line and advances the state machine.
func (r *Reader) step() error {
	raw, long, err := r.readPhysical()
	if err != nil && err != io.EOF {
		return fmt.Errorf("vcardx: read line %d: %w", r.line, err)
	}
	if err == io.EOF && raw == nil && !long {
		r.eof = true
		r.flushLine()
		if r.inCard {
			r.problems = append(r.problems, Problem{r.cardLine, "the card has no END:VCARD line; it was read up to the end of the file."})
			r.endCard()
		}
		return nil
	}
	r.line++
	if r.line == 1 {
		raw = bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
	}
	r.physical(raw, long)
	if err == io.EOF {
		r.eof = true
		r.flushLine()
		if r.inCard {
			r.problems = append(r.problems, Problem{r.cardLine, "the card has no END:VCARD line; it was read up to the end of the file."})
			r.endCard()
		}
	}
	return nil
}

// readPhysical returns one line without its line ending. A line longer than the
// buffer is returned in pieces: long reports that more of the same line follows and
// the caller sees the remaining pieces as continuation of a too-long line.
func (r *Reader) readPhysical() (line []byte, long bool, err error) {
	b, err := r.in.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		return b, true, nil
	}
	if err != nil && len(b) == 0 {
		return nil, false, err
	}
	for len(b) > 0 && (b[len(b)-1] == '\n' || b[len(b)-1] == '\r') {
		b = b[:len(b)-1]
	}
	if b == nil {
		b = []byte{}
	}
	return b, false, err
}
