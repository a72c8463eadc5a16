package sms

import (
	"errors"
	"strings"
	"testing"
)

func TestValidateOriginatorAcceptsNamesAndNumbers(t *testing.T) {
	for _, s := range []string{"Minuit", "Chez Lea 2", "ABC", "Boulangerie", "shop42", "+33612345678", "33612345678", "36180", "+123456789012345", "123"} {
		if err := ValidateOriginator(s); err != nil {
			t.Errorf("ValidateOriginator(%q) = %v, want nil", s, err)
		}
	}
}

func TestValidateOriginatorRejectsWithAPlainReason(t *testing.T) {
	tests := []struct {
		in, mention string
	}{
		{"", "empty"},
		{"Boulangerie M", "at most 11 characters, this one has 13"},
		{"Ab", "at least 3 characters"},
		{"Café", "'é' is not allowed"},
		{"Chez_Lea", "'_' is not allowed"},
		{" Minuit", "start or end with a space"},
		{"Minuit ", "start or end with a space"},
		{"12 34", "at least one letter"},
		{"+", "at least 3 digits"},
		{"+12", "at least 3 digits"},
		{"+33 6 12", "only digits"},
		{"+Minuit", "only digits"},
		{"1234567890123456", "at most 15 digits, this one has 16"},
		{"+1234567890123456", "at most 15 digits"},
	}
	for _, tt := range tests {
		err := ValidateOriginator(tt.in)
		if err == nil {
			t.Errorf("ValidateOriginator(%q) = nil, want an error", tt.in)
			continue
		}
		if !errors.Is(err, ErrInvalidOriginator) {
			t.Errorf("ValidateOriginator(%q) = %v, does not wrap ErrInvalidOriginator", tt.in, err)
		}
		if msg := err.Error(); !strings.HasPrefix(msg, "sms: ") || !strings.Contains(msg, tt.mention) {
			t.Errorf("ValidateOriginator(%q) = %q, want the prefix \"sms: \" and %q", tt.in, msg, tt.mention)
		}
	}
}
