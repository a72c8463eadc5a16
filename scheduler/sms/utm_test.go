package sms

import "testing"

func TestAddUTMTagsEachLinkOnceAndKeepsThePunctuationOut(t *testing.T) {
	q := "utm_source=minuit&utm_medium=sms&utm_campaign=42"
	cases := []struct{ in, want string }{
		{"Soldes : https://maboutique.fr/soldes.", "Soldes : https://maboutique.fr/soldes?" + q + "."},
		{"Voir https://x.fr/p?c=1#haut !", "Voir https://x.fr/p?c=1&" + q + "#haut !"},
		{"(HTTPS://X.FR/A) et http://y.fr", "(HTTPS://X.FR/A?" + q + ") et http://y.fr?" + q},
		{"déjà https://x.fr/?utm_source=autre", "déjà https://x.fr/?utm_source=autre"},
		{"pas de lien, httpx et http:// seul", "pas de lien, httpx et http:// seul"},
		{"« https://x.fr/é »", "« https://x.fr/é?" + q + " »"},
	}
	for _, c := range cases {
		if got := AddUTM(c.in, "42"); got != c.want {
			t.Errorf("AddUTM(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestAddUTMIsCountedInTheSegments(t *testing.T) {
	body := "Promo -20 % : https://maboutique.fr/promo"
	if Count(AddUTM(body, "1234")).Chars <= Count(body).Chars+40 {
		t.Fatalf("the tagged text should be over 40 characters longer")
	}
}

func TestUTMCampaignReadsOnlyMinuitLinks(t *testing.T) {
	for in, want := range map[string]string{
		"https://x.fr/p?utm_source=minuit&utm_medium=sms&utm_campaign=17": "17",
		"https://x.fr/p?utm_source=google&utm_campaign=17":                "",
		"::not a url": "",
		"":            "",
	} {
		if got := UTMCampaign(in); got != want {
			t.Errorf("UTMCampaign(%q) = %q, want %q", in, got, want)
		}
	}
}
