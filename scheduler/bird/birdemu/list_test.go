package birdemu_test

import (
	"fmt"
	"net/url"
	"testing"
	"time"

	"minuit/scheduler/bird/birdemu"
	"minuit/scheduler/providertest"
)

func ids(t *testing.T, a answer) []string {
	t.Helper()
	if a.status != 200 {
		t.Fatalf("HTTP %d %s", a.status, a.raw)
	}
	var out []string
	for _, m := range a.json["data"].([]any) {
		out = append(out, m.(map[string]any)["id"].(string))
	}
	return out
}

func cursor(a answer, name string) string {
	s, _ := a.json[name].(string)
	return s
}

func list(t *testing.T, s *birdemu.Server, q url.Values) answer {
	t.Helper()
	return do(t, s, call{method: "GET", path: "/v1/sms/messages?" + q.Encode()})
}

func TestTheListPagesNewestFirstWithCursors(t *testing.T) {
	c := newClock()
	s := start(t, birdemu.WithClock(c.Now))
	var all []string // newest first
	for i := range 60 {
		all = append([]string{send(t, s, "+33612345678", fmt.Sprint(i), "").json["id"].(string)}, all...)
		c.Advance(time.Second)
	}
	first := list(t, s, url.Values{})
	if got := ids(t, first); len(got) != birdemu.DefaultLimit || got[0] != all[0] {
		t.Fatalf("first page %d items starting %v, want %d from the newest", len(got), got[:1], birdemu.DefaultLimit)
	}
	if cursor(first, "prev_cursor") != "" || cursor(first, "refresh_cursor") == "" || cursor(first, "next_cursor") == "" {
		t.Errorf("first page cursors %s", first.raw[len(first.raw)-200:])
	}
	var got []string
	q := url.Values{"limit": {"25"}}
	pages := 0
	for {
		a := list(t, s, q)
		got = append(got, ids(t, a)...)
		pages++
		if pages == 2 && cursor(a, "prev_cursor") == "" {
			t.Error("the second page has no prev_cursor")
		}
		next := cursor(a, "next_cursor")
		if next == "" {
			break
		}
		q.Set("starting_after", next)
	}
	if pages != 3 || fmt.Sprint(got) != fmt.Sprint(all) {
		t.Errorf("%d pages, ids %v\nwant %v", pages, got, all)
	}
	back := list(t, s, url.Values{"limit": {"10"}, "ending_before": {cursor(list(t, s, url.Values{"limit": {"30"}}), "next_cursor")}})
	if got := ids(t, back); fmt.Sprint(got) != fmt.Sprint(all[19:29]) {
		t.Errorf("ending_before gave %v, want %v", got, all[19:29])
	}
	c.Advance(time.Second)
	newer := send(t, s, "+33612345678", "new", "").json["id"].(string)
	if got := ids(t, list(t, s, url.Values{"ending_before": {cursor(first, "refresh_cursor")}})); fmt.Sprint(got) != fmt.Sprint([]string{newer}) {
		t.Errorf("refresh gave %v, want [%s]", got, newer)
	}
}

func TestTheListFiltersAsDocumented(t *testing.T) {
	c := newClock()
	s := start(t, birdemu.WithClock(c.Now))
	t0 := providertest.Start
	a := send(t, s, "+33612345678", "a", "")
	c.Advance(time.Minute)
	b := send(t, s, "+33612349991", "b", "")
	s.AddInbound("+33699999999", "STOP", t0.Add(30*time.Second))
	inbound := s.Messages()[2].ID
	id := func(x answer) string { return x.json["id"].(string) }
	for name, c := range map[string]struct {
		q    url.Values
		want []string
	}{
		"outbound":            {url.Values{"direction": {"outbound"}}, []string{id(b), id(a)}},
		"inbound":             {url.Values{"direction": {"inbound"}}, []string{inbound}},
		"to":                  {url.Values{"to": {"+33612349991"}}, []string{id(b)}},
		"from":                {url.Values{"from": {"+33699999999"}}, []string{inbound}},
		"tag name":            {url.Values{"tag": {"minuit_ref"}}, []string{id(b), id(a)}},
		"tag pair":            {url.Values{"tag": {"minuit_ref:r1"}, "to": {"+33612345678"}}, []string{id(a)}},
		"tag pair absent":     {url.Values{"tag": {"minuit_ref:r2"}}, nil},
		"status":              {url.Values{"status": {"failed", "received"}}, []string{inbound}},
		"delivered":           {url.Values{"status": {"delivered"}}, []string{id(a)}},
		"created_after incl.": {url.Values{"created_after": {t0.Add(30 * time.Second).Format(time.RFC3339)}}, []string{id(b), inbound}},
		"created_before excl": {url.Values{"created_before": {t0.Add(30 * time.Second).Format(time.RFC3339)}}, []string{id(a)}},
	} {
		if got := ids(t, list(t, s, c.q)); fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("%s: %v, want %v", name, got, c.want)
		}
	}
	in := list(t, s, url.Values{"direction": {"inbound"}}).json["data"].([]any)[0].(map[string]any)
	if in["status"] != "received" || in["category"] != nil || in["to"] != birdemu.DefaultNumber {
		t.Errorf("inbound message %v", in)
	}
}

func TestTheListRefusesBadParameters(t *testing.T) {
	s := start(t)
	for _, c := range []struct {
		q           url.Values
		code, param string
	}{
		{url.Values{"limit": {"0"}}, "E01001", "limit"},
		{url.Values{"limit": {"101"}}, "E01001", "limit"},
		{url.Values{"direction": {"mt"}}, "E01001", "direction"},
		{url.Values{"created_after": {"2026-12-07"}}, "E01001", "created_after"},
		{url.Values{"starting_after": {"not a cursor"}}, "E01012", "starting_after"},
		{url.Values{"starting_after": {"MTox"}, "ending_before": {"MTox"}}, "E01001", "starting_after"},
	} {
		wantError(t, list(t, s, c.q), 422, "validation_error", c.code, c.param)
	}
	if got := ids(t, list(t, s, url.Values{"limit": {"100"}})); len(got) != 0 {
		t.Errorf("an empty list gave %v", got)
	}
}
