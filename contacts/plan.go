package contacts

import (
	"strings"
	"time"

	"minuit/internal/minuit"
)

// planMode says how a record applies to a contact.
type planMode uint8

const (
	// modeImport: the file's values replace the contact's, except fields edited in
	// the app since (last edit wins).
	modeImport planMode = iota
	// modeMerge: a second card of the same file for the same contact only fills
	// empty fields and adds numbers and groups.
	modeMerge
)

// outcome is what applying a record to a contact changes.
type outcome struct {
	changed      []string  // visible fields that change
	notes        []string  // plain sentences about edits kept or replaced
	editsChanged bool      // the edit records change (not visible)
	consents     []Consent // consent events to append
	newPhones    int       // phones appended at the end of st.Phones
}

func (o *outcome) visible() bool { return len(o.changed) > 0 || len(o.consents) > 0 }

// add accumulates another outcome for the same contact.
func (o *outcome) add(x outcome) {
	o.changed = append(o.changed, x.changed...)
	o.notes = append(o.notes, x.notes...)
	o.editsChanged = o.editsChanged || x.editsChanged
	o.consents = append(o.consents, x.consents...)
	o.newPhones += x.newPhones
}

// plan applies r to st in place. srcTime is when the source was last changed (the
// card's REV or the file's time), zero when unknown; now stamps consent events.
func plan(st *state, r *spoolRec, mode planMode, srcTime, now time.Time) outcome {
	var o outcome
	if !r.nameDerived || st.Name == "" {
		o.scalar(st, fName, &st.Name, r.name, mode, srcTime)
	}
	o.scalar(st, fFirst, &st.FirstName, r.first, mode, srcTime)
	o.scalar(st, fLast, &st.LastName, r.last, mode, srcTime)
	o.scalar(st, fCompany, &st.Company, r.company, mode, srcTime)
	o.scalar(st, fEmail, &st.Email, r.email, mode, srcTime)
	o.scalar(st, fNotes, &st.Notes, r.notes, mode, srcTime)
	bday := st.Birthday.String()
	o.scalar(st, fBirthday, &bday, r.bday.String(), mode, srcTime)
	if bday != st.Birthday.String() {
		st.Birthday, _ = parseBirthday(bday, "")
	}
	if st.UID == "" && r.uid != "" && !r.uidTaken {
		st.UID = r.uid
		o.changed = append(o.changed, fUID)
	}
	o.groups(st, r.groups, mode, srcTime)
	o.phones(st, r.phones, mode, srcTime)
	if mode == modeImport {
		o.consentFrom(st, r, now) // the first card of a file decides its consent
	}
	return o
}

func (o *outcome) scalar(st *state, field string, cur *string, in string, mode planMode, src time.Time) {
	if in == "" || in == *cur {
		return
	}
	if mode == modeMerge {
		if *cur == "" {
			*cur = in
			o.changed = append(o.changed, field)
		}
		return
	}
	if o.protected(st, field, in, in, *cur, src) {
		return
	}
	*cur = in
	o.changed = append(o.changed, field)
}

// protected applies "last edit wins" to a field edited in the app. It reports
// whether the app's value stays.
func (o *outcome) protected(st *state, field, in, inShow, curShow string, src time.Time) bool {
	e, edited := st.edits[field]
	if !edited {
		return false
	}
	if in == e.Was {
		return true // the source did not change since the edit
	}
	if !src.IsZero() && src.After(e.At) {
		delete(st.edits, field)
		o.editsChanged = true
		o.notes = append(o.notes, "The "+field+" edited in the app on "+day(e.At)+" is replaced by the file's ("+
			showValue(inShow)+"), changed later.")
		return false
	}
	e.Was = in
	st.edits[field] = e
	o.editsChanged = true
	o.notes = append(o.notes, "Kept the "+field+" edited in the app on "+day(e.At)+" ("+showValue(curShow)+"); the file has "+
		showValue(inShow)+".")
	return true
}

func (o *outcome) groups(st *state, in []string, mode planMode, src time.Time) {
	if len(in) == 0 {
		return
	}
	var add []string
	for _, g := range in {
		if !hasGroup(st.Groups, g) && !hasGroup(add, g) {
			add = append(add, g)
		}
	}
	if len(add) == 0 {
		return
	}
	if mode == modeImport && o.protected(st, fGroups, groupsCanon(in), strings.Join(in, ", "), strings.Join(st.Groups, ", "), src) {
		return
	}
	st.Groups = append(st.Groups, add...)
	sortGroups(st.Groups)
	o.changed = append(o.changed, fGroups)
}

func hasGroup(gs []string, g string) bool {
	for _, x := range gs {
		if x == g || fold(x) == fold(g) {
			return true
		}
	}
	return false
}

func (o *outcome) phones(st *state, in []spoolPhone, mode planMode, src time.Time) {
	add := make([]Phone, 0, len(in))
	n := 0
	for _, sp := range in {
		if sp.taken {
			continue
		}
		n++
		if !hasPhone(st.Phones, sp.Phone) && !hasPhone(add, sp.Phone) {
			add = append(add, sp.Phone)
		}
	}
	if len(add) == 0 {
		return
	}
	if mode == modeImport && len(st.edits) > 0 {
		all := make([]Phone, 0, n)
		for _, sp := range in {
			if !sp.taken {
				all = append(all, sp.Phone)
			}
		}
		if o.protected(st, fPhones, phonesCanon(all), phonesShow(all), phonesShow(st.Phones), src) {
			return
		}
	}
	if st.Phones == nil {
		st.Phones = add // a new contact: no copy
	} else {
		st.Phones = append(st.Phones, add...)
	}
	o.newPhones += len(add)
	st.Phone = choosePhone(st.Phones)
	o.changed = append(o.changed, fPhones)
}

// hasPhone reports whether ps has the same number (see phoneKey).
func hasPhone(ps []Phone, p Phone) bool {
	for _, x := range ps {
		if x.Number != "" && x.Number == p.Number || x.Number == "" && p.Number == "" && phoneKey(x) == phoneKey(p) {
			return true
		}
	}
	return false
}

// consentFrom applies the file's consent column. An opt-out recorded elsewhere (a
// STOP reply, the app) is never undone by a file; a "no" only withdraws an opt-in
// that came from the same kind of file.
func (o *outcome) consentFrom(st *state, r *spoolRec, now time.Time) {
	cur := st.Consent
	switch r.consent {
	case minuit.ConsentOptedIn:
		if cur.Status == minuit.ConsentOptedIn {
			return
		}
		if cur.Status == minuit.ConsentOptedOut && cur.Source != r.consentSource {
			o.notes = append(o.notes, "Kept opted out ("+cur.Source+", "+day(cur.At)+"); the file says they accept SMS marketing.")
			return
		}
	case minuit.ConsentOptedOut:
		if cur.Status != minuit.ConsentOptedIn || cur.Source != r.consentSource {
			return
		}
	default:
		return
	}
	c := Consent{Status: r.consent, Source: r.consentSource, Proof: r.proof, At: now}
	st.Consent = c
	o.consents = append(o.consents, c)
	o.changed = append(o.changed, fConsent)
}

func day(t time.Time) string {
	if t.IsZero() {
		return "an unknown date"
	}
	return t.UTC().Format("2006-01-02")
}

func showValue(s string) string {
	if s == "" {
		return "empty"
	}
	return quoteValue(s)
}

func phonesShow(ps []Phone) string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Raw
		if p.Number != "" {
			out[i] = p.Number
		}
	}
	return strings.Join(out, ", ")
}
