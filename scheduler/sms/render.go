package sms

import (
	"slices"
	"strings"
	"unicode"
)

// Render fills template's placeholders from fields and returns the text with the
// names of the placeholders it could not fill, distinct and in order of first
// appearance (nil when every placeholder was known).
//
// A placeholder is a name in braces: {first_name}, {last_name}, {name} or any
// field of fields, such as {company}. A name is made of letters, digits, '_',
// '-' and '.', with optional spaces around it inside the braces ("{ name }").
// It is looked up exactly first, then ignoring case ({First_Name} finds
// "first_name"; when several keys differ only by case, the smallest in byte order
// wins). {name}, when fields has no "name" key, is first_name and last_name
// joined by a space. A known field whose value is empty renders as nothing.
//
// An unknown placeholder is left unchanged in the text. "{{" renders as a
// literal "{" and "}}" as a literal "}", so "{{name}}" gives "{name}". A brace
// that does not open a valid placeholder is copied as it is. Values are inserted
// as they are: a value containing braces is not rendered again.
func Render(template string, fields map[string]string) (string, []string) {
	var out strings.Builder
	out.Grow(len(template))
	var unknown []string
	for i := 0; i < len(template); {
		c := template[i]
		switch {
		case (c == '{' || c == '}') && i+1 < len(template) && template[i+1] == c:
			out.WriteByte(c)
			i += 2
			continue
		case c == '{':
			end := strings.IndexByte(template[i+1:], '}')
			if end >= 0 {
				name := strings.TrimSpace(template[i+1 : i+1+end])
				if validName(name) {
					if v, ok := lookup(fields, name); ok {
						out.WriteString(v)
					} else {
						out.WriteString(template[i : i+end+2])
						if !slices.Contains(unknown, name) {
							unknown = append(unknown, name)
						}
					}
					i += end + 2
					continue
				}
			}
		}
		out.WriteByte(c)
		i++
	}
	return out.String(), unknown
}

// validName reports whether s can be a placeholder name.
func validName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' && r != '-' && r != '.' {
			return false
		}
	}
	return true
}

// lookup finds name in fields: exactly, then ignoring case, then, for "name",
// as the first and last names joined.
func lookup(fields map[string]string, name string) (string, bool) {
	if v, ok := fields[name]; ok {
		return v, true
	}
	match, found := "", false
	for k := range fields {
		if strings.EqualFold(k, name) && (!found || k < match) {
			match, found = k, true
		}
	}
	if found {
		return fields[match], true
	}
	if strings.EqualFold(name, "name") {
		first, okFirst := lookup(fields, "first_name")
		last, okLast := lookup(fields, "last_name")
		if okFirst || okLast {
			return strings.TrimSpace(first + " " + last), true
		}
	}
	return "", false
}
