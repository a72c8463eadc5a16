package phone

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/nyaruka/phonenumbers"
)

// TestFastParseAgreesWithLibphonenumber compares the shortcut with Parse on many
// numbers written in the ways exports write them, in several regions.
func TestFastParseAgreesWithLibphonenumber(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	regions := []string{"FR", "US", "GB", "DE", "BE", "CH", "ES", "IT", "CA", "NL", "PT", "LU", "MA", "AR", "RU", "BR", "MX", "AU", "IN", "JP"}
	n := 20000
	if testing.Short() {
		n = 3000
	}
	fast, total := 0, 0
	for i := 0; i < n; i++ {
		region := regions[rng.IntN(len(regions))]
		s := randomNumberText(rng, region)
		total++
		want, werr := phonenumbers.Parse(s, region)
		got, gt, gerr := parseNumber(s, region)
		if (werr == nil) != (gerr == nil) {
			t.Fatalf("%q in %s: Parse error %v, parseNumber error %v", s, region, werr, gerr)
		}
		if werr != nil {
			continue
		}
		wt := phonenumbers.GetNumberType(want)
		we, ge := phonenumbers.Format(want, phonenumbers.E164), phonenumbers.Format(got, phonenumbers.E164)
		if we != ge || wt != gt {
			t.Fatalf("%q in %s: Parse gives %s (%v), parseNumber gives %s (%v)", s, region, we, wt, ge, gt)
		}
		if fn, ok := fastParse(s, region); ok && phonenumbers.GetNumberType(fn) != phonenumbers.UNKNOWN {
			fast++
		}
	}
	t.Logf("%d of %d numbers took the shortcut", fast, total)
	if fast < total/5 {
		t.Errorf("only %d of %d numbers took the shortcut", fast, total)
	}
}

func randomNumberText(rng *rand.Rand, region string) string {
	var ex *phonenumbers.PhoneNumber
	if rng.IntN(2) == 0 {
		ex = phonenumbers.GetExampleNumberForType(region, phonenumbers.MOBILE)
	} else {
		ex = phonenumbers.GetExampleNumber(region)
	}
	nsn := ""
	if ex != nil {
		nsn = phonenumbers.GetNationalSignificantNumber(ex)
	}
	b := []byte(nsn)
	// change some digits, sometimes the length
	for k := rng.IntN(4); k > 0 && len(b) > 0; k-- {
		b[rng.IntN(len(b))] = byte('0' + rng.IntN(10))
	}
	if rng.IntN(6) == 0 && len(b) > 3 {
		b = b[:len(b)-1]
	}
	if rng.IntN(8) == 0 {
		b = append(b, byte('0'+rng.IntN(10)))
	}
	digits := string(b)
	cc := phonenumbers.GetCountryCodeForRegion(region)
	ndd := phonenumbers.GetNddPrefixForRegion(region, true)
	switch rng.IntN(9) {
	case 0:
		return ndd + digits
	case 1:
		return fmt.Sprintf("+%d %s", cc, digits)
	case 2:
		return fmt.Sprintf("+%d (0)%s", cc, digits)
	case 3:
		return fmt.Sprintf("00%d %s", cc, digits)
	case 4:
		return spaced(ndd+digits, rng)
	case 5:
		return spaced(fmt.Sprintf("+%d%s", cc, digits), rng)
	case 6:
		return digits
	case 7:
		return fmt.Sprintf("+%d%s%s", cc, ndd, digits)
	default:
		return fmt.Sprintf("(%s) %s-%s", digits[:min(3, len(digits))], digits[min(3, len(digits)):], "")
	}
}

func spaced(s string, rng *rand.Rand) string {
	seps := []string{" ", "-", ".", "/", ""}
	out := ""
	for i, c := range s {
		if i > 0 && i%2 == 0 {
			out += seps[rng.IntN(len(seps))]
		}
		out += string(c)
	}
	return out
}
