package contacts

import (
	"errors"
	"testing"
)

func TestReachCountsWhoCanBeTextedWithoutLoadingThem(t *testing.T) {
	s, _ := newStore(t)
	csv := "First Name,Last Name,Phone,Tags\nMarie,Dupont,06 12 34 56 78,VIP\nPaul,Fixe,01 42 68 53 00,VIP\nLéa,Martin,06 98 76 54 32,\n"
	importBytes(t, s, []byte(csv), ImportOptions{Region: "FR"})
	marie, paul := byName(t, s, "Marie Dupont"), byName(t, s, "Paul Fixe")
	found, n, err := s.Reach(t.Context(), []int64{marie.ID, 999}, []string{"vip"})
	if err != nil || len(found) != 1 || found[0] != marie.ID || n != 1 {
		t.Fatalf("Reach = %v, %d, %v; want Marie found and one contact with a number (Paul has a landline)", found, n, err)
	}
	if _, n, err := s.Reach(t.Context(), []int64{paul.ID}, nil); err != nil || n != 0 {
		t.Fatalf("Paul alone: %d with a number (%v), want 0", n, err)
	}
	if _, _, err := s.Reach(t.Context(), nil, []string{"Nobody"}); !errors.Is(err, ErrUnknownGroup) {
		t.Fatalf("unknown group: %v", err)
	}
}
