package scheduler

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/nyaruka/phonenumbers"

	"minuit/internal/minuit"
	"minuit/internal/usererr"
)

// Any stands for every provider or every country in a Price.
const Any = "*"

// Price is what one SMS part costs through a provider (a name of the catalogue,
// scheduler/providers, or Any) to a country (ISO 3166 alpha-2, or Any), in the
// shop's currency.
type Price struct {
	Provider string  `json:"provider"`
	Country  string  `json:"country"`
	PerPart  float64 `json:"per_part"`
	Estimate bool    `json:"estimate"` // a built-in estimate, not set by the user
}

// DefaultPrices are Minuit's built-in estimates, in euros per SMS part, used where
// the user set no price: the order of magnitude of late-2026 list prices, not any
// provider's tariff. The sandbox sends nothing and a phone's texts are paid by its
// plan, so both cost nothing. Set real prices with `minuit prices set` or in the
// Reports tab.
var DefaultPrices = []Price{
	{Provider: "sandbox", Country: Any, PerPart: 0, Estimate: true},
	{Provider: "smsgate", Country: Any, PerPart: 0, Estimate: true},
	{Provider: Any, Country: "FR", PerPart: 0.08, Estimate: true},
	{Provider: Any, Country: "US", PerPart: 0.01, Estimate: true},
	{Provider: Any, Country: Any, PerPart: 0.10, Estimate: true},
}

// PriceTable finds the price of a part: the user's prices, then the built-in
// estimates, most specific first.
type PriceTable struct {
	user, builtin map[[2]string]float64
}

// For returns the price per part through provider to country, and whether it is a
// built-in estimate. The order: the user's exact price, the built-in one for that
// provider and country, the user's for the provider, the built-in for the provider
// (so the sandbox stays free), the user's for the country, the user's for anything
// (the Price per SMS part setting), then the built-in for the country and for
// anything.
func (t PriceTable) For(provider, country string) (float64, bool) {
	steps := []struct {
		builtin           bool
		provider, country string
	}{
		{false, provider, country}, {true, provider, country}, {false, provider, Any}, {true, provider, Any},
		{false, Any, country}, {false, Any, Any}, {true, Any, country}, {true, Any, Any},
	}
	for _, s := range steps {
		m := t.user
		if s.builtin {
			m = t.builtin
		}
		if v, ok := m[[2]string{s.provider, s.country}]; ok {
			return v, s.builtin
		}
	}
	return 0, true
}

// PriceTable reads the user's prices (the sms_prices table and the Price per SMS
// part setting) over DefaultPrices.
func (s *Store) PriceTable(ctx context.Context) (PriceTable, error) {
	ps, err := s.userPrices(ctx)
	if err != nil {
		return PriceTable{}, err
	}
	t := PriceTable{user: map[[2]string]float64{}, builtin: map[[2]string]float64{}}
	for _, p := range DefaultPrices {
		t.builtin[[2]string{p.Provider, p.Country}] = p.PerPart
	}
	for _, p := range ps {
		t.user[[2]string{p.Provider, p.Country}] = p.PerPart
	}
	return t, nil
}

// Prices lists the user's prices, then the built-in estimates they do not replace.
func (s *Store) Prices(ctx context.Context) ([]Price, error) {
	ps, err := s.userPrices(ctx)
	if err != nil {
		return nil, err
	}
	for _, d := range DefaultPrices {
		if !slices.ContainsFunc(ps, func(p Price) bool { return p.Provider == d.Provider && p.Country == d.Country }) {
			ps = append(ps, d)
		}
	}
	return ps, nil
}

func (s *Store) userPrices(ctx context.Context) ([]Price, error) {
	var ps []Price
	err := s.eachRow(ctx, `SELECT provider, country, per_part FROM sms_prices ORDER BY provider = '*', provider,
		country = '*', country`, nil, func(rows *sql.Rows) error {
		var p Price
		if err := rows.Scan(&p.Provider, &p.Country, &p.PerPart); err != nil {
			return fmt.Errorf("scheduler: read prices: %w", err)
		}
		ps = append(ps, p)
		return nil
	})
	if err != nil {
		return nil, err
	}
	v, err := s.Setting(ctx, minuit.KeyPricePerPart, "")
	if err != nil {
		return nil, err
	}
	if f, ok := parsePrice(v); ok && !slices.ContainsFunc(ps, func(p Price) bool { return p.Provider == Any && p.Country == Any }) {
		ps = append(ps, Price{Provider: Any, Country: Any, PerPart: f})
	}
	return ps, nil
}

// parsePrice reads "0.07" or "0,07"; ok is false for anything else.
func parsePrice(v string) (float64, bool) {
	f, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(v), ",", "."), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || f < 0 || f > maxPrice {
		return 0, false
	}
	return f, true
}

// maxPrice is the highest price per part accepted: a guard against typing cents as
// euros a hundredfold.
const maxPrice = 10

var (
	providerName = regexp.MustCompile(`^([a-z][a-z0-9-]{0,31}|\*)$`)
	countryCode  = regexp.MustCompile(`^([A-Z]{2}|\*)$`)
)

// SetPrice stores the user's price through a provider to a country (the Any row is
// the Price per SMS part setting). perPart is written as typed ("0,07" works).
func (s *Store) SetPrice(ctx context.Context, provider, country, perPart string) (Price, error) {
	p := Price{Provider: strings.ToLower(strings.TrimSpace(provider)), Country: strings.ToUpper(strings.TrimSpace(country))}
	if !providerName.MatchString(p.Provider) {
		return Price{}, usererr.Say(usererr.NewMsg("“{{.Provider}}” is not a provider name (or * for any).",
			map[string]any{"Provider": provider}))
	}
	if !countryCode.MatchString(p.Country) {
		return Price{}, usererr.Say(usererr.NewMsg("“{{.Country}}” is not a two-letter country code such as FR (or * for any).",
			map[string]any{"Country": country}))
	}
	f, ok := parsePrice(perPart)
	if !ok {
		return Price{}, usererr.Say(usererr.NewMsg("“{{.Price}}” is not a price per part between 0 and 10, such as 0.07.",
			map[string]any{"Price": perPart}))
	}
	p.PerPart = f
	if p.Provider == Any && p.Country == Any {
		return p, s.SetSetting(ctx, minuit.KeyPricePerPart, strconv.FormatFloat(f, 'f', -1, 64))
	}
	_, err := s.db.W.ExecContext(ctx, `INSERT INTO sms_prices (provider, country, per_part) VALUES (?, ?, ?)
		ON CONFLICT (provider, country) DO UPDATE SET per_part = excluded.per_part`, p.Provider, p.Country, f)
	if err != nil {
		return Price{}, fmt.Errorf("scheduler: save price: %w", err)
	}
	return p, nil
}

// RemovePrice forgets the user's price through provider to country; the built-in
// estimate applies again.
func (s *Store) RemovePrice(ctx context.Context, provider, country string) error {
	provider, country = strings.ToLower(strings.TrimSpace(provider)), strings.ToUpper(strings.TrimSpace(country))
	if provider == Any && country == Any {
		return s.SetSetting(ctx, minuit.KeyPricePerPart, "")
	}
	if _, err := s.db.W.ExecContext(ctx, `DELETE FROM sms_prices WHERE provider = ? AND country = ?`,
		provider, country); err != nil {
		return fmt.Errorf("scheduler: remove price: %w", err)
	}
	return nil
}

var countries sync.Map // report_totals prefix → ISO country

// CountryOfPrefix returns the country (ISO 3166 alpha-2, "ZZ" when unknown) of a
// number from its first three digits after "+", as report_totals keeps them:
// calling codes have one to three digits and none is the start of another. A code
// shared by several countries (+1) gives its main one (US).
func CountryOfPrefix(prefix string) string {
	if c, ok := countries.Load(prefix); ok {
		return c.(string)
	}
	country := "ZZ"
	for n := 1; n <= len(prefix) && n <= 3; n++ {
		cc, err := strconv.Atoi(prefix[:n])
		if err != nil {
			break
		}
		if r := phonenumbers.GetRegionCodeForCountryCode(cc); r != "ZZ" && r != "001" {
			country = r
			break
		}
	}
	countries.Store(prefix, country)
	return country
}
