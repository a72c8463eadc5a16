package shopify

import "time"

// The JSON shapes of the answers, as documented for the GraphQL Admin API.

type connection[N any] struct {
	Edges []struct {
		Node N `json:"node"`
	} `json:"edges"`
	PageInfo struct {
		HasNextPage bool   `json:"hasNextPage"`
		EndCursor   string `json:"endCursor"`
	} `json:"pageInfo"`
}

type wireShop struct {
	Shop struct {
		Name            string `json:"name"`
		MyshopifyDomain string `json:"myshopifyDomain"`
		CurrencyCode    string `json:"currencyCode"`
		IanaTimezone    string `json:"ianaTimezone"`
	} `json:"shop"`
}

type wirePhone struct {
	PhoneNumber         string     `json:"phoneNumber"`
	MarketingState      string     `json:"marketingState"`
	MarketingOptInLevel string     `json:"marketingOptInLevel"`
	MarketingUpdatedAt  *time.Time `json:"marketingUpdatedAt"`
}

type wireCustomer struct {
	ID                  string    `json:"id"`
	FirstName           *string   `json:"firstName"`
	LastName            *string   `json:"lastName"`
	Tags                []string  `json:"tags"`
	CreatedAt           time.Time `json:"createdAt"`
	UpdatedAt           time.Time `json:"updatedAt"`
	DefaultEmailAddress *struct {
		EmailAddress string `json:"emailAddress"`
	} `json:"defaultEmailAddress"`
	DefaultPhoneNumber *wirePhone `json:"defaultPhoneNumber"`
}

type wirePerson struct {
	ID                 string     `json:"id"`
	FirstName          *string    `json:"firstName"`
	DefaultPhoneNumber *wirePhone `json:"defaultPhoneNumber"`
}

type wireVisit struct {
	LandingPage   *string `json:"landingPage"`
	UtmParameters *struct {
		Source   *string `json:"source"`
		Medium   *string `json:"medium"`
		Campaign *string `json:"campaign"`
	} `json:"utmParameters"`
}

type wireOrder struct {
	ID            string     `json:"id"`
	Name          string     `json:"name"`
	CreatedAt     time.Time  `json:"createdAt"`
	UpdatedAt     time.Time  `json:"updatedAt"`
	CancelledAt   *time.Time `json:"cancelledAt"`
	Phone         *string    `json:"phone"`
	Email         *string    `json:"email"`
	TotalPriceSet *struct {
		ShopMoney struct {
			Amount       string `json:"amount"`
			CurrencyCode string `json:"currencyCode"`
		} `json:"shopMoney"`
	} `json:"totalPriceSet"`
	Customer               *wirePerson `json:"customer"`
	CustomerJourneySummary *struct {
		FirstVisit *wireVisit `json:"firstVisit"`
		LastVisit  *wireVisit `json:"lastVisit"`
	} `json:"customerJourneySummary"`
	Fulfillments []struct {
		ID           string    `json:"id"`
		Status       string    `json:"status"`
		CreatedAt    time.Time `json:"createdAt"`
		UpdatedAt    time.Time `json:"updatedAt"`
		TrackingInfo []struct {
			Company *string `json:"company"`
			Number  *string `json:"number"`
			URL     *string `json:"url"`
		} `json:"trackingInfo"`
	} `json:"fulfillments"`
}

type wireAddress struct {
	FirstName *string `json:"firstName"`
	Phone     *string `json:"phone"`
}

type wireCheckout struct {
	ID                   string       `json:"id"`
	Name                 string       `json:"name"`
	AbandonedCheckoutURL string       `json:"abandonedCheckoutUrl"`
	CreatedAt            time.Time    `json:"createdAt"`
	UpdatedAt            time.Time    `json:"updatedAt"`
	CompletedAt          *time.Time   `json:"completedAt"`
	Customer             *wirePerson  `json:"customer"`
	ShippingAddress      *wireAddress `json:"shippingAddress"`
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func tm(p *time.Time) time.Time {
	if p == nil {
		return time.Time{}
	}
	return p.UTC()
}
