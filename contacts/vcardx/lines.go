package vcardx

import (
	"bufio"
	"bytes"
	"fmt"
	"io"

	"github.com/emersion/go-vcard"
)

// physical handles one physical line (or, when long, the first piece of a line
// longer than the read buffer).
func (r *Reader) physical(raw []byte, long bool) {
	if r.curState != stateNone {
		if r.continues(raw) {
			r.continuation(raw, long)
			return
		}
		r.flushLine()
	}
	if len(raw) == 0 && !long {
		return // blank line between properties or cards
	}
	r.curLine = r.line
	r.qp, r.soft, r.base64 = false, false, false
	name, params := splitHead(raw)
	if isSkipped(name) {
		r.curState = stateSkip
		r.base64 = hasWord(params, "BASE64")
		if long {
			r.discardRest()
		}
		return
	}
	r.curState = stateText
	r.qp = hasWord(params, "QUOTED-PRINTABLE")
	r.cur = append(r.cur[:0], raw...)
	if long {
		r.appendRest()
	}
	r.soft = r.qp && bytes.HasSuffix(r.cur, []byte("="))
}

// continues reports whether raw continues the current logical line.
func (r *Reader) continues(raw []byte) bool {
	folded := len(raw) > 0 && (raw[0] == ' ' || raw[0] == '\t')
	switch {
	case r.soft:
		return true // quoted-printable soft line break: the next line is data
	case folded:
		return true
	case r.curState == stateSkip && r.base64:
		return len(raw) == 0 || isBase64Line(raw)
	}
	return false
}

func (r *Reader) continuation(raw []byte, long bool) {
	switch r.curState {
	case stateSkip:
		if r.base64 && len(raw) == 0 {
			r.curState = stateNone // a blank line ends 2.1 base64 data
		}
		if long {
			r.discardRest()
		}
		return
	case stateTooLong:
		if long {
			r.discardRest()
		}
		r.soft = r.qp && bytes.HasSuffix(raw, []byte("="))
		return
	}
	if r.soft {
		r.cur = r.cur[:len(r.cur)-1] // the '=' of the soft line break
	} else {
		raw = raw[1:] // the folding white space
	}
	r.cur = append(r.cur, raw...)
	if long {
		r.appendRest()
	}
	if len(r.cur) > MaxLineBytes {
		r.tooLong()
	}
	r.soft = r.qp && r.curState == stateText && bytes.HasSuffix(r.cur, []byte("="))
}

// appendRest appends the rest of a physical line longer than the buffer.
func (r *Reader) appendRest() {
	for {
		b, err := r.in.ReadSlice('\n')
		if r.curState == stateText {
			r.cur = append(r.cur, b...)
			if len(r.cur) > MaxLineBytes {
				r.tooLong()
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err == nil || err == io.EOF {
			r.cur = bytes.TrimRight(r.cur, "\r\n")
		}
		return // a read error shows up again at the next read
	}
}

// discardRest skips the rest of a physical line longer than the buffer.
func (r *Reader) discardRest() {
	for {
		_, err := r.in.ReadSlice('\n')
		if err != bufio.ErrBufferFull {
			return
		}
	}
}

func (r *Reader) tooLong() {
	r.problems = append(r.problems, Problem{r.curLine,
		fmt.Sprintf("this line is longer than %d MB and was ignored.", MaxLineBytes>>20)})
	r.curState = stateTooLong
	r.cur = r.cur[:0]
}

// flushLine finishes the current logical line.
func (r *Reader) flushLine() {
	state := r.curState
	r.curState = stateNone
	if state != stateText {
		return
	}
	r.logical(r.cur, r.curLine)
}

// logical handles one complete, unfolded line.
func (r *Reader) logical(l []byte, lineNo int) {
	p, ok := parseProperty(l)
	if !ok {
		r.problems = append(r.problems, Problem{lineNo, "this line could not be read and was ignored: " + quote(l) + "."})
		return
	}
	switch {
	case equalFold(p.name, "BEGIN") && equalFold(bytes.TrimSpace(p.value), "VCARD"):
		if r.inCard {
			r.problems = append(r.problems, Problem{r.cardLine,
				fmt.Sprintf("the card has no END:VCARD line; it was ended before the next card (line %d).", lineNo)})
			r.endCard()
		}
		r.inCard = true
		r.cardLine = lineNo
		r.card = vcard.Card{}
		return
	case !r.inCard:
		r.problems = append(r.problems, Problem{lineNo, "this line is outside any card and was ignored: " + quote(l) + "."})
		return
	case equalFold(p.name, "END") && equalFold(bytes.TrimSpace(p.value), "VCARD"):
		r.endCard()
		return
	}
	if problem := r.emit(&p); problem != "" {
		r.problems = append(r.problems, Problem{lineNo, problem})
	}
}

// endCard hands the card being assembled to Next.
func (r *Reader) endCard() {
	r.ready = append(r.ready, &Card{Line: r.cardLine, Card: r.card, Problems: r.problems})
	r.card, r.problems = nil, nil
	r.inCard = false
}

// isSkipped reports whether a property carries binary data the importer never uses.
func isSkipped(name []byte) bool {
	return equalFold(name, "PHOTO") || equalFold(name, "LOGO") || equalFold(name, "SOUND") || equalFold(name, "KEY")
}

func isBase64Line(b []byte) bool {
	for _, c := range b {
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '=') {
			return false
		}
	}
	return true
}

// quote shows the start of a broken line in a problem report.
func quote(l []byte) string {
	const max = 60
	s := string(bytes.ToValidUTF8(l, []byte("?")))
	if r := []rune(s); len(r) > max {
		s = string(r[:max]) + "…"
	}
	return fmt.Sprintf("%q", s)
}
