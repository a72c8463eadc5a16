package contacts

import (
	"strconv"
	"strings"
	"time"

	"minuit/internal/minuit"
)

// parseBirthday reads the date forms found in exports: 19800322, 1980-03-22,
// value=date:1980-03-22, --0322, --03-22, any of them followed by a time, and, from
// CSV files, 22/03/1980 or 22.03.1980 (03/22/1980 when region is a North American
// one). Apple's placeholder year 1604 means "no year".
func parseBirthday(s, region string) (minuit.Birthday, bool) {
	s = strings.TrimSpace(s)
	if len(s) > 11 && strings.EqualFold(s[:11], "value=date:") {
		s = s[11:]
	}
	if i := strings.IndexAny(s, "Tt "); i > 0 {
		s = s[:i] // a time of day, ignored
	}
	var y, m, d int
	var ok bool
	switch {
	case strings.HasPrefix(s, "--"):
		body := strings.ReplaceAll(s[2:], "-", "")
		if len(body) == 4 {
			m, ok = atoi(body[:2])
			if ok {
				d, ok = atoi(body[2:])
			}
		}
	case len(s) == 8 && isDigits(s):
		y, _ = atoi(s[:4])
		m, _ = atoi(s[4:6])
		d, ok = atoi(s[6:])
	case len(s) == 10 && s[4] == '-' && s[7] == '-':
		y, ok = atoi(s[:4])
		if ok {
			m, ok = atoi(s[5:7])
		}
		if ok {
			d, ok = atoi(s[8:])
		}
	default:
		y, m, d, ok = parseDayMonthYear(s, region)
	}
	if !ok {
		return minuit.Birthday{}, false
	}
	if y == 1604 || y == 0 {
		y = 0
	}
	b := minuit.Birthday{Year: y, Month: time.Month(m), Day: d}
	return b, validDate(b)
}

// parseDayMonthYear reads d/m/y, d.m.y or d-m-y, and m/d/y for US and Canada.
func parseDayMonthYear(s, region string) (y, m, d int, ok bool) {
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == '.' || r == '-' })
	if len(parts) != 3 && len(parts) != 2 {
		return 0, 0, 0, false
	}
	nums := make([]int, len(parts))
	for i, p := range parts {
		if nums[i], ok = atoi(p); !ok {
			return 0, 0, 0, false
		}
	}
	if len(parts) == 3 {
		if len(parts[0]) == 4 { // 1980/03/22
			return nums[0], nums[1], nums[2], true
		}
		y = nums[2]
		if len(parts[2]) == 2 {
			y += 1900
			if y < 1930 {
				y += 100
			}
		}
	}
	d, m = nums[0], nums[1]
	if region == "US" || region == "CA" {
		d, m = m, d
	}
	if m > 12 && d <= 12 {
		d, m = m, d
	}
	return y, m, d, true
}

func validDate(b minuit.Birthday) bool {
	if b.Month < 1 || b.Month > 12 || b.Day < 1 || b.Year < 0 || b.Year > 9999 {
		return false
	}
	year := b.Year
	if year == 0 {
		year = 2000 // a leap year: 29 February is a birthday too
	}
	return b.Day <= time.Date(year, b.Month+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func atoi(s string) (int, bool) {
	if s == "" || !isDigits(s) {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
