package automation

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"minuit/internal/db"
	"minuit/internal/usererr"
	"minuit/scheduler"
)

// Settings keys of the shop's connection (Store.Setting). The access token and
// the client secret are never stored there: they go to the OS keychain under the
// names SecretToken and SecretClientSecret.
const (
	KeyShop            = "shopify.shop"      // name.myshopify.com
	KeyClientID        = "shopify.client_id" // a Dev Dashboard app's client id
	SecretToken        = "shopify.token"
	SecretClientSecret = "shopify.client_secret"
	KeyConnectedAt     = "shopify.connected_at" // objects older than this never trigger anything
	KeyShopName        = "shopify.shop_name"    // {shop_name}
	KeyLastPoll        = "shopify.last_poll"
	KeyLastError       = "shopify.last_error" // the last poll's problem (a usererr.Msg as JSON), "" none
	setCursor          = "shopify.cursor."    // + customers, orders, checkouts: the newest updated_at read
)

// Connect records that domain is the connected store, named name. A new store (or
// the first one) starts now: what it held before never triggers anything, and its
// lists are read from the start. The same store connected again keeps its start.
func Connect(ctx context.Context, st *scheduler.Store, domain, name string) error {
	was, err := st.Setting(ctx, KeyShop, "")
	if err != nil {
		return err
	}
	at, err := st.Setting(ctx, KeyConnectedAt, "")
	if err != nil {
		return err
	}
	sets := [][2]string{{KeyShop, domain}}
	if name != "" {
		sets = append(sets, [2]string{KeyShopName, name})
	}
	if was != domain || at == "" {
		sets = append(sets, [2]string{KeyConnectedAt, db.FormatTime(st.Now())},
			[2]string{setCursor + "customers", ""}, [2]string{setCursor + "orders", ""},
			[2]string{setCursor + "checkouts", ""}, [2]string{KeyLastError, ""})
	}
	for _, kv := range sets {
		if err := st.SetSetting(ctx, kv[0], kv[1]); err != nil {
			return err
		}
	}
	return nil
}

// Status is the connection as the window and `minuit shopify status` show it.
type Status struct {
	Shop        string    `json:"shop"` // name.myshopify.com, "" when none is connected
	Name        string    `json:"name"`
	ConnectedAt time.Time `json:"connected_at,omitzero"`
	LastPoll    time.Time `json:"last_poll,omitzero"`
	// Problem is what went wrong at the last poll (nil: nothing).
	Problem *usererr.Msg `json:"-"`
}

// ReadStatus reads the connection's status from the settings.
func ReadStatus(ctx context.Context, st *scheduler.Store) (Status, error) {
	var s Status
	vals := map[string]string{}
	for _, k := range []string{KeyShop, KeyShopName, KeyConnectedAt, KeyLastPoll, KeyLastError} {
		v, err := st.Setting(ctx, k, "")
		if err != nil {
			return Status{}, err
		}
		vals[k] = v
	}
	s.Shop, s.Name = vals[KeyShop], vals[KeyShopName]
	s.ConnectedAt, _ = db.ParseTime(vals[KeyConnectedAt])
	s.LastPoll, _ = db.ParseTime(vals[KeyLastPoll])
	if v := vals[KeyLastError]; v != "" {
		var m usererr.Msg
		if json.Unmarshal([]byte(v), &m) != nil || m.Key == "" {
			m = usererr.Msg{Key: v}
		}
		s.Problem = &m
	}
	return s, nil
}

// problemMsg is err as a message for KeyLastError: its first translatable sentence,
// else its text.
func problemMsg(err error) usererr.Msg {
	var ms usererr.Messager
	if errors.As(err, &ms) && len(ms.Messages()) > 0 {
		return ms.Messages()[0]
	}
	return usererr.Msg{Key: usererr.Sentence(err)}
}
