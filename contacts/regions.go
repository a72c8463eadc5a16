package contacts

import (
	"sort"

	"github.com/nyaruka/phonenumbers"
)

// Regions lists the countries whose numbers can be read without "+" (ISO 3166
// codes such as "FR"), sorted: the choices for ImportOptions.Region.
func Regions() []string {
	m := phonenumbers.GetSupportedRegions()
	out := make([]string, 0, len(m))
	for r := range m {
		out = append(out, r)
	}
	sort.Strings(out)
	return out
}

// DefaultRegion is the country numbers typed without + are read in when no other
// is given: the data folder's setting once app/ passed it (SetDefaultRegion), else
// the computer's (phone.DefaultRegion).
func (s *Store) DefaultRegion() string { return s.defaultRegion() }
