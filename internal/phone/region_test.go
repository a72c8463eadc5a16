package phone

import "testing"

func TestDefaultRegionComesFromTheLocaleWithFranceAsFallback(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	none := func() string { return "" }
	cases := []struct {
		env    map[string]string
		system func() string
		want   string
	}{
		{map[string]string{"LANG": "fr_FR.UTF-8"}, none, "FR"},
		{map[string]string{"LC_ALL": "de_CH.UTF-8@euro", "LANG": "fr_FR.UTF-8"}, none, "CH"},
		{map[string]string{"LC_MESSAGES": "en_US", "LANG": "fr_BE.UTF-8"}, none, "US"},
		{map[string]string{"LANG": "C"}, none, "FR"},
		{map[string]string{}, func() string { return "ca" }, "CA"},
		{map[string]string{"LANG": "en_XX.UTF-8"}, none, "FR"},
	}
	for _, c := range cases {
		if got := regionFrom(env(c.env), c.system); got != c.want {
			t.Errorf("%v: %q, want %q", c.env, got, c.want)
		}
	}
	if r := DefaultRegion(); len(r) != 2 {
		t.Errorf("DefaultRegion() = %q", r)
	}
}
