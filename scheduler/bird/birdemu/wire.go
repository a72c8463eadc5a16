package birdemu

import (
	"encoding/json"
	"strings"
	"time"
	"unicode/utf16"
)

// Tag is a structured {name, value} label on a message.
type Tag struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// SendRequest is a POST /v1/sms/messages body (the SDK's SMSMessageSendRequest).
// The preview fields are kept raw: supplying any of them answers 422
// SMSUnsupportedFeature, as the schema documents.
type SendRequest struct {
	To       string          `json:"to"`
	From     *string         `json:"from,omitempty"`
	Text     *string         `json:"text,omitempty"`
	Category *string         `json:"category,omitempty"`
	Tags     []Tag           `json:"tags,omitempty"`
	Metadata map[string]any  `json:"metadata,omitempty"`
	Template json.RawMessage `json:"template,omitempty"`

	ScheduledAt        json.RawMessage `json:"scheduled_at,omitempty"`
	ValidityPeriod     json.RawMessage `json:"validity_period,omitempty"`
	AudienceID         json.RawMessage `json:"audience_id,omitempty"`
	BroadcastID        json.RawMessage `json:"broadcast_id,omitempty"`
	CampaignID         json.RawMessage `json:"campaign_id,omitempty"`
	ContactID          json.RawMessage `json:"contact_id,omitempty"`
	MaxPricePerSegment json.RawMessage `json:"max_price_per_segment,omitempty"`
	MediaURLs          json.RawMessage `json:"media_urls,omitempty"`
	MessagingProfileID json.RawMessage `json:"messaging_profile_id,omitempty"`
	Personalization    json.RawMessage `json:"personalization,omitempty"`
	TopicID            json.RawMessage `json:"topic_id,omitempty"`
	TrackClicks        json.RawMessage `json:"track_clicks,omitempty"`
}

// preview returns the first preview field set, or "".
func (r *SendRequest) preview() string {
	for _, f := range []struct {
		name string
		raw  json.RawMessage
	}{
		{"scheduled_at", r.ScheduledAt}, {"validity_period", r.ValidityPeriod}, {"audience_id", r.AudienceID},
		{"broadcast_id", r.BroadcastID}, {"campaign_id", r.CampaignID}, {"contact_id", r.ContactID},
		{"max_price_per_segment", r.MaxPricePerSegment}, {"media_urls", r.MediaURLs},
		{"messaging_profile_id", r.MessagingProfileID}, {"personalization", r.Personalization},
		{"topic_id", r.TopicID}, {"track_clicks", r.TrackClicks},
	} {
		v := strings.TrimSpace(string(f.raw))
		if v != "" && v != "null" && !(f.name == "track_clicks" && v == "false") {
			return f.name
		}
	}
	return ""
}

// messageJSON is the SDK's SMSMessage as the API writes it.
type messageJSON struct {
	ID          string         `json:"id"`
	To          string         `json:"to"`
	From        string         `json:"from"`
	Text        string         `json:"text"`
	Category    *string        `json:"category"`
	Direction   string         `json:"direction"`
	Status      string         `json:"status"`
	Tags        []Tag          `json:"tags"`
	Metadata    map[string]any `json:"metadata,omitempty"`
	Segments    segmentsJSON   `json:"segments"`
	Cost        *struct{}      `json:"cost"`
	CreatedAt   time.Time      `json:"created_at"`
	SentAt      *time.Time     `json:"sent_at"`
	DeliveredAt *time.Time     `json:"delivered_at"`
	LastError   *lastErrorJSON `json:"last_error"`
}

type segmentsJSON struct {
	Characters int    `json:"characters"`
	Count      int    `json:"count"`
	Encoding   string `json:"encoding"`
}

type lastErrorJSON struct {
	Code        string    `json:"code"`
	Description string    `json:"description"`
	OccurredAt  time.Time `json:"occurred_at"`
}

type listJSON struct {
	Data          []messageJSON `json:"data"`
	NextCursor    *string       `json:"next_cursor"`
	PrevCursor    *string       `json:"prev_cursor"`
	RefreshCursor *string       `json:"refresh_cursor"`
}

const (
	gsmBasic    = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
	gsmExtended = "\f^{}\\[~]|€"
	maxSegments = 12
)

// segments splits text as the schema describes: GSM_7BIT, 160 septets in one
// segment and 153 a part beyond; UCS2 otherwise, 70 and 67.
func segments(text string) segmentsJSON {
	septets := 0
	for _, r := range text {
		switch {
		case strings.ContainsRune(gsmBasic, r):
			septets++
		case strings.ContainsRune(gsmExtended, r):
			septets += 2
		default:
			units := len(utf16.Encode([]rune(text)))
			return segmentsJSON{Characters: units, Count: parts(units, 70, 67), Encoding: "UCS2"}
		}
	}
	return segmentsJSON{Characters: septets, Count: parts(septets, 160, 153), Encoding: "GSM_7BIT"}
}

func parts(n, single, multi int) int {
	if n <= single {
		return 1
	}
	return (n + multi - 1) / multi
}
