package ui

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"minuit/contacts"
	"minuit/internal/minuit"
	"minuit/ui/l10n"
)

// PhoneField is one number of the form: as written, and what kind of line it is.
type PhoneField struct {
	Number *widget.Entry
	Kind   *widget.Select
	Remove *widget.Button
	orig   contacts.Phone
	shown  string // the text first shown: unchanged, the number keeps how it was read
}

// phoneKinds are the kinds a number can be given, as shown and as stored.
func phoneKinds() [][2]string {
	return [][2]string{{lang.L("mobile"), "cell"}, {lang.L("home"), "home"}, {lang.L("work"), "work"},
		{lang.L("fax"), "fax"}, {lang.L("other kind"), ""}}
}

// addPhone adds a number's row to the form.
func (e *ContactEditor) addPhone(p contacts.Phone) {
	f := &PhoneField{orig: p, shown: p.Raw}
	if f.shown == "" {
		f.shown = p.Number
	}
	f.Number = widget.NewEntry()
	f.Number.SetText(f.shown)
	f.Number.SetPlaceHolder("06 12 34 56 78")
	var opts []string
	chosen := p.Label
	for _, k := range phoneKinds() {
		opts = append(opts, k[0])
		if k[1] == p.Label {
			chosen = k[0]
		}
	}
	if !slices.Contains(opts, chosen) {
		opts = append(opts, chosen) // a kind of the source's own: iphone, voice…
	}
	f.Kind = widget.NewSelect(opts, nil)
	f.Kind.SetSelected(chosen)
	var row *fyne.Container
	f.Remove = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
		e.Phones = slices.DeleteFunc(e.Phones, func(x *PhoneField) bool { return x == f })
		e.phoneBox.Remove(row)
	})
	row = container.NewBorder(nil, nil, nil, container.NewHBox(f.Kind, f.Remove), f.Number)
	e.Phones = append(e.Phones, f)
	e.phoneBox.Add(row)
}

// phone is the field as the store takes it: an unchanged number keeps how it was
// read (it may come from a file read in another country).
func (f *PhoneField) phone() contacts.Phone {
	label := f.Kind.Selected
	for _, k := range phoneKinds() {
		if k[0] == label {
			label = k[1]
		}
	}
	text := strings.TrimSpace(f.Number.Text)
	if text == f.shown && text != "" {
		p := f.orig
		p.Label = label
		return p
	}
	return contacts.Phone{Raw: text, Label: label}
}

// buildBirthday makes the birthday's day and month choices and its year.
func (e *ContactEditor) buildBirthday(b minuit.Birthday) {
	days := []string{"—"}
	for d := 1; d <= 31; d++ {
		days = append(days, strconv.Itoa(d))
	}
	months := []string{"—"}
	for m := time.January; m <= time.December; m++ {
		months = append(months, l10n.MonthName(m))
	}
	e.Day, e.Month = widget.NewSelect(days, nil), widget.NewSelect(months, nil)
	e.Day.SetSelectedIndex(b.Day)
	e.Month.SetSelectedIndex(int(b.Month))
	e.Year = widget.NewEntry()
	e.Year.SetPlaceHolder(lang.L("year (optional)"))
	if b.Year != 0 {
		e.Year.SetText(strconv.Itoa(b.Year))
	}
}

// birthday reads the birthday fields, or says what is wrong with them.
func (e *ContactEditor) birthday(now time.Time) (minuit.Birthday, string) {
	d, m, y := e.Day.SelectedIndex(), e.Month.SelectedIndex(), strings.TrimSpace(e.Year.Text)
	if d <= 0 && m <= 0 && y == "" {
		return minuit.Birthday{}, ""
	}
	if d <= 0 || m <= 0 {
		return minuit.Birthday{}, lang.L("Choose the day and the month of the birthday.")
	}
	b := minuit.Birthday{Month: time.Month(m), Day: d}
	if y != "" {
		n, err := strconv.Atoi(y)
		if err != nil || n < 1900 || n > now.Year() {
			return minuit.Birthday{}, lang.L("Write the year of birth with four digits, or leave it empty.")
		}
		b.Year = n
	}
	year := b.Year
	if year == 0 {
		year = 2000 // a leap year: 29 February is a birthday
	}
	if time.Date(year, b.Month, b.Day, 0, 0, 0, 0, time.UTC).Day() != b.Day {
		return minuit.Birthday{}, lang.L("This day does not exist: check the birthday.")
	}
	return b, ""
}
