package minuit

import (
	"testing"
	"time"
)

func TestABirthdayReadsAsVCardWritesIt(t *testing.T) {
	cases := map[Birthday]string{
		{Year: 1980, Month: time.March, Day: 22}: "1980-03-22",
		{Month: time.February, Day: 29}:          "--02-29",
		{}:                                       "",
		{Year: 1990, Month: time.May}:            "",
	}
	for b, want := range cases {
		if got := b.String(); got != want || (want == "") != b.IsZero() {
			t.Errorf("%+v: %q (zero %v), want %q", b, got, b.IsZero(), want)
		}
	}
}

func TestARecipientIsShownByNameThenFieldsThenNumber(t *testing.T) {
	cases := []struct {
		r    Recipient
		want string
	}{
		{Recipient{Name: " Élodie Martin ", Number: "+33612345678"}, "Élodie Martin"},
		{Recipient{Fields: map[string]string{"first_name": "Paul", "last_name": "Durand"}, Number: "+33612345678"}, "Paul Durand"},
		{Recipient{Number: "+33612345678"}, "+33612345678"},
	}
	for _, c := range cases {
		if got := c.r.DisplayName(); got != c.want {
			t.Errorf("%+v: %q, want %q", c.r, got, c.want)
		}
	}
}

func TestOnlyTheTwoKindsAreValid(t *testing.T) {
	for k, want := range map[Kind]bool{Transactional: true, Marketing: true, "": false, "promo": false} {
		if k.Valid() != want {
			t.Errorf("%q valid = %v", k, !want)
		}
	}
}
