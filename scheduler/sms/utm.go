package sms

import (
	"net/url"
	"strings"
)

// The UTM parameters Minuit adds to the links of marketing texts when revenue
// tracking is on, so that the shop's analytics (Shopify's customer journey) can say
// which message brought an order: utm_campaign is the message's id.
const (
	UTMSource = "minuit"
	UTMMedium = "sms"
)

// UTMQuery is what AddUTM appends to a link for campaign.
func UTMQuery(campaign string) string {
	return "utm_source=" + UTMSource + "&utm_medium=" + UTMMedium + "&utm_campaign=" + url.QueryEscape(campaign)
}

// AddUTM returns body with UTMQuery(campaign) added to every http:// or https://
// link that does not already carry a utm_source, before its #fragment. A link ends
// at white space or at < > " and leaves out the punctuation that ends a sentence
// (. , ; : ! ? ' » and a closing bracket). The segment counter counts the result.
func AddUTM(body, campaign string) string {
	lower := strings.ToLower(body)
	var out strings.Builder
	last := 0
	for i := 0; i < len(body); {
		j := nextLink(lower, i)
		if j < 0 {
			break
		}
		end := j
		for end < len(body) && !strings.ContainsRune(" \t\r\n<>\"", rune(body[end])) {
			end++
		}
		for end > j && strings.ContainsRune(".,;:!?')]}»", lastRune(body[j:end])) {
			end -= len(string(lastRune(body[j:end])))
		}
		link := body[j:end]
		if !strings.Contains(strings.ToLower(link), "utm_source=") && strings.Contains(link[strings.Index(link, "//")+2:], ".") {
			out.WriteString(body[last:j])
			out.WriteString(withQuery(link, UTMQuery(campaign)))
			last = end
		}
		i = max(end, j+1)
	}
	if last == 0 {
		return body
	}
	out.WriteString(body[last:])
	return out.String()
}

// nextLink is the index of the next "http://" or "https://" in lower from i, or -1.
func nextLink(lower string, i int) int {
	for {
		k := strings.Index(lower[i:], "http")
		if k < 0 {
			return -1
		}
		k += i
		if strings.HasPrefix(lower[k:], "http://") || strings.HasPrefix(lower[k:], "https://") {
			return k
		}
		i = k + 4
	}
}

func lastRune(s string) rune {
	r := []rune(s)
	if len(r) == 0 {
		return 0
	}
	return r[len(r)-1]
}

// withQuery adds q to link's query, before its fragment.
func withQuery(link, q string) string {
	frag := ""
	if k := strings.IndexByte(link, '#'); k >= 0 {
		link, frag = link[:k], link[k:]
	}
	switch {
	case strings.HasSuffix(link, "?") || strings.HasSuffix(link, "&"):
	case strings.Contains(link, "?"):
		link += "&"
	default:
		link += "?"
	}
	return link + q + frag
}

// UTMCampaign reads the campaign a Minuit link carried from a landing page's
// address (utm_source=minuit): "" when it carries none.
func UTMCampaign(landingPage string) string {
	u, err := url.Parse(strings.TrimSpace(landingPage))
	if err != nil {
		return ""
	}
	q := u.Query()
	if !strings.EqualFold(q.Get("utm_source"), UTMSource) {
		return ""
	}
	return q.Get("utm_campaign")
}
