package mbemu_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"minuit/scheduler/messagebird/mbemu"
)

func ids(t *testing.T, list map[string]any) []string {
	t.Helper()
	var out []string
	for _, item := range list["items"].([]any) {
		out = append(out, item.(map[string]any)["id"].(string))
	}
	return out
}

func TestListIsNewestFirstWithOffsetLimitAndLinks(t *testing.T) {
	base := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	var minute atomic.Int64
	s := start(t, mbemu.WithClock(func() time.Time { return base.Add(time.Duration(minute.Load()) * time.Minute) }))
	var created []string
	for i := range 5 {
		minute.Store(int64(i))
		_, m := do(t, s, "POST", "/messages", fmt.Sprintf(`{"originator":"Bakery","body":"m%d","recipients":["31612345678"]}`, i))
		created = append(created, m["id"].(string))
	}

	status, list := do(t, s, "GET", "/messages?offset=2&limit=2", "")
	if status != http.StatusOK {
		t.Fatalf("HTTP %d", status)
	}
	got := ids(t, list)
	if len(got) != 2 || got[0] != created[2] || got[1] != created[1] {
		t.Errorf("page = %v, want [%s %s] (newest first)", got, created[2], created[1])
	}
	for key, want := range map[string]json.Number{"offset": "2", "limit": "2", "count": "2", "totalCount": "5"} {
		if list[key] != want {
			t.Errorf("%s = %v, want %s", key, list[key], want)
		}
	}
	links := list["links"].(map[string]any)
	if links["next"] != s.URL()+"/messages/?limit=2&offset=4" || links["previous"] != s.URL()+"/messages/?limit=2&offset=0" {
		t.Errorf("links = %v", links)
	}
	_, last := do(t, s, "GET", "/messages?offset=4&limit=2", "")
	if last["links"].(map[string]any)["next"] != nil || len(ids(t, last)) != 1 {
		t.Errorf("last page = %v, want one item and no next link", last)
	}
}

func TestListClampsTheLimitAndDefaultsToTwenty(t *testing.T) {
	s := start(t)
	for range 25 {
		do(t, s, "POST", "/messages", createBody)
	}
	if _, list := do(t, s, "GET", "/messages", ""); list["limit"] != json.Number("20") || len(ids(t, list)) != 20 {
		t.Errorf("default page: limit %v, %d items", list["limit"], len(ids(t, list)))
	}
	if _, list := do(t, s, "GET", "/messages?limit=1000", ""); list["limit"] != json.Number(fmt.Sprint(mbemu.MaxListLimit)) {
		t.Errorf("limit 1000 answered with limit %v", list["limit"])
	}
}

func TestInboundMessagesAreListedWithDirectionMO(t *testing.T) {
	at := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	s := start(t, mbemu.WithNumber("+3197000000001"))
	do(t, s, "POST", "/messages", createBody)
	in := s.AddInbound("+31612345678", "STOP", at)

	_, mo := do(t, s, "GET", "/messages?direction=mo", "")
	if got := ids(t, mo); len(got) != 1 || got[0] != in.ID {
		t.Fatalf("direction=mo lists %v, want only the inbound %s", got, in.ID)
	}
	item := mo["items"].([]any)[0].(map[string]any)
	recipient := item["recipients"].(map[string]any)["items"].([]any)[0].(map[string]any)["recipient"]
	if item["originator"] != "31612345678" || item["body"] != "STOP" || item["direction"] != "mo" ||
		recipient != json.Number("3197000000001") || item["createdDatetime"] != "2025-03-01T12:00:00+00:00" {
		t.Errorf("inbound item = %v", item)
	}
	if _, mt := do(t, s, "GET", "/messages?direction=mt", ""); mt["totalCount"] != json.Number("1") {
		t.Errorf("direction=mt totalCount = %v, want 1", mt["totalCount"])
	}
}

func TestDeliveryProgressesAfterTheConfiguredReads(t *testing.T) {
	s := start(t, mbemu.WithDeliverAfterReads(2), mbemu.WithFailing("+31600000002"))
	_, m := do(t, s, "POST", "/messages", `{"originator":"Bakery","body":"x","recipients":["31600000001","31600000002"]}`)
	id := m["id"].(string)
	statuses := func() []any {
		_, got := do(t, s, "GET", "/messages/"+id, "")
		var out []any
		for _, it := range got["recipients"].(map[string]any)["items"].([]any) {
			r := it.(map[string]any)
			out = append(out, r["status"], r["statusReason"])
		}
		return out
	}
	if got := fmt.Sprint(statuses()); got != "[sent <nil> sent <nil>]" {
		t.Errorf("first read: %s", got)
	}
	if got := fmt.Sprint(statuses()); got != "[delivered successfully delivered delivery_failed unknown subscriber]" {
		t.Errorf("second read: %s", got)
	}
}

func TestDeliveryAtOnceIsVisibleInTheFirstList(t *testing.T) {
	s := start(t, mbemu.WithDeliverAfterReads(0), mbemu.WithExpiring("31612345678"))
	_, created := do(t, s, "POST", "/messages", createBody)
	if st := created["recipients"].(map[string]any)["items"].([]any)[0].(map[string]any)["status"]; st != "sent" {
		t.Errorf("create answered status %v, want sent", st)
	}
	_, list := do(t, s, "GET", "/messages?status=expired", "")
	if list["totalCount"] != json.Number("1") {
		t.Errorf("status=expired lists %v messages, want 1", list["totalCount"])
	}
}
