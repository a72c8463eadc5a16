package l10n

import (
	"fmt"
	"math"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// Dates and times are written the way each language does (CLDR's long and medium
// patterns, 24-hour clock in both):
//
//	DateTime  "Monday 7 December 2026, 08:00"  "lundi 7 décembre 2026, 08:00"
//	Date      "Monday 7 December 2026"         "lundi 7 décembre 2026"
//	DayMonth  "Monday 7 December"              "lundi 7 décembre"
//	MonthYear "December 2026"                  "décembre 2026"
//	Short     "Mon 7 Dec"                      "lun. 7 déc."
//	ShortDate "7 Dec 2026"                     "7 déc. 2026"
//	Clock     "08:00"                          "08:00"
//
// The names are the language's calendar data (as CLDR gives them), kept here
// rather than in the catalogue: they are formats, not sentences.
type calendarNames struct {
	days, shortDays     [7]string  // Sunday first, as time.Weekday
	months, shortMonths [12]string // January first
}

var names = map[string]calendarNames{
	English: {
		days:        [7]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
		shortDays:   [7]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"},
		months:      [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
		shortMonths: [12]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
	},
	French: {
		days:        [7]string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"},
		shortDays:   [7]string{"dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."},
		months:      [12]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
		shortMonths: [12]string{"janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."},
	},
}

func cal() calendarNames { return names[Current()] }

// DateTime is a day and time in full: "Monday 7 December 2026, 08:00".
func DateTime(t time.Time) string { return Date(t) + ", " + Clock(t) }

// Date is a day in full: "Monday 7 December 2026".
func Date(t time.Time) string { return fmt.Sprintf("%s %d", DayMonth(t), t.Year()) }

// DayMonth is a day without its year: "Monday 7 December".
func DayMonth(t time.Time) string {
	n := cal()
	return fmt.Sprintf("%s %d %s", n.days[t.Weekday()], t.Day(), n.months[t.Month()-1])
}

// MonthYear is a calendar's title: "December 2026".
func MonthYear(t time.Time) string { return MonthName(t.Month()) + " " + fmt.Sprint(t.Year()) }

// MonthName is a month's name: "December", "décembre".
func MonthName(m time.Month) string { return cal().months[m-1] }

// ShortMonthName is a month's short name: "Dec", "déc.".
func ShortMonthName(m time.Month) string { return cal().shortMonths[m-1] }

// Short is a day in a list: "Mon 7 Dec".
func Short(t time.Time) string {
	n := cal()
	return fmt.Sprintf("%s %d %s", n.shortDays[t.Weekday()], t.Day(), n.shortMonths[t.Month()-1])
}

// ShortDate is a day with its year, in few letters: "7 Dec 2026".
func ShortDate(t time.Time) string {
	return fmt.Sprintf("%d %s %d", t.Day(), cal().shortMonths[t.Month()-1], t.Year())
}

// ShortDateTime is a moment in a list: "7 Dec 2026, 08:00".
func ShortDateTime(t time.Time) string { return ShortDate(t) + ", " + Clock(t) }

// DayName is a weekday's name ("Monday", "lundi").
func DayName(d time.Weekday) string { return cal().days[d] }

// ShortDayName is a weekday's short name ("Mon", "lun.").
func ShortDayName(d time.Weekday) string { return cal().shortDays[d] }

// Clock is a time of day: "08:00" (24-hour in both languages).
func Clock(t time.Time) string { return t.Format("15:04") }

// ClockSeconds is a time of day to the second: "08:00:05".
func ClockSeconds(t time.Time) string { return t.Format("15:04:05") }

func printer() *message.Printer {
	if Current() == French {
		return message.NewPrinter(language.French)
	}
	return message.NewPrinter(language.English)
}

// Int is a whole number with the language's grouping: "1,234" / "1 234" (French
// groups with U+00A0 NO-BREAK SPACE, golang.org/x/text's CLDR data; a line never
// breaks inside a number).
func Int(n int) string { return printer().Sprint(number.Decimal(n)) }

// Decimal is a number with exactly digits decimals: "1,234.50" / "1 234,50".
func Decimal(v float64, digits int) string {
	return printer().Sprint(number.Decimal(v, number.MinFractionDigits(digits), number.MaxFractionDigits(digits)))
}

// Money is an amount with its currency (an ISO 4217 code): "€1,234.50" in English,
// "1 234,50 €" in French (U+00A0 NO-BREAK SPACE both inside the number and before
// the symbol, so the amount is never cut at a line end). Two decimals, or four
// below one cent (an SMS part can cost 0.0725). A code without a symbol here is
// written as the code: "1,234.50 CHF" / "1 234,50 CHF".
func Money(amount float64, currency string) string {
	digits := 2
	if a := math.Abs(amount); a > 0 && a < 0.1 && math.Abs(a*100-math.Round(a*100)) > 1e-9 {
		digits = 4
	}
	num := Decimal(amount, digits)
	sym, ok := symbols[currency]
	switch {
	case Current() == French:
		if !ok {
			sym = currency
		}
		return num + "\u00a0" + sym
	case ok:
		if amount < 0 {
			return "-" + sym + num[1:]
		}
		return sym + num
	}
	return num + " " + currency
}

// Percent is a ratio (0.87) as a whole percentage: "87%" / "87 %" (French puts
// U+00A0 NO-BREAK SPACE before the sign).
func Percent(ratio float64) string {
	n := Int(int(math.Round(ratio * 100)))
	if Current() == French {
		return n + "\u00a0%"
	}
	return n + "%"
}

var symbols = map[string]string{"EUR": "€", "USD": "$", "GBP": "£"}
