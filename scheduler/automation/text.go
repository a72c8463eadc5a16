package automation

import (
	"strconv"
	"strings"

	"minuit/scheduler/sms"
)

// Render fills an automation's template with an event's fields. The result is
// final: its braces are doubled so that the scheduler's own rendering of the
// message (for contact placeholders) leaves it as it is.
func Render(template string, fields map[string]string) string {
	text, _ := sms.Render(template, fields)
	return escape(text)
}

// escape doubles braces: the scheduler's rendering gives the text back as it is.
func escape(text string) string { return strings.NewReplacer("{", "{{", "}", "}}").Replace(text) }

// sampleFields are example values, to count a template's parts before any event.
var sampleFields = map[string]string{FieldFirstName: "Camille", FieldShopName: "Ma Boutique", "order_name": "#1002",
	"total": "49,90 €", "tracking_company": "Colissimo", "tracking_number": "6A12345678901",
	"tracking_url": "https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901",
	"checkout_url": "https://ma-boutique.myshopify.com/checkouts/cn/hWN1a2b3c4d5e6f7g8/recover?key=0123456789abcdef"}

// Sample is template filled with example values, as a text of automation n
// would look (and count).
func Sample(n Name, template string) string {
	text, _ := sms.Render(template, sampleFields)
	return text
}

// Cents reads a decimal amount as Shopify writes it ("49.9", "1200.00") in
// hundredths; ok is false when it is not one.
func Cents(amount string) (int64, bool) {
	whole, frac, _ := strings.Cut(strings.TrimSpace(amount), ".")
	neg := strings.HasPrefix(whole, "-")
	whole = strings.TrimPrefix(whole, "-")
	if whole == "" || len(frac) > 2 && strings.Trim(frac[2:], "0") != "" {
		return 0, false
	}
	frac = (frac + "00")[:2]
	w, err1 := strconv.ParseInt(whole, 10, 64)
	f, err2 := strconv.ParseInt(frac, 10, 64)
	if err1 != nil || err2 != nil || w > 1<<50 {
		return 0, false
	}
	c := w*100 + f
	if neg {
		c = -c
	}
	return c, true
}

// Money writes an amount the French way for a text: "49,90 €", "12,00 USD".
func Money(amount, currency string) string {
	c, ok := Cents(amount)
	if !ok {
		return strings.TrimSpace(amount + " " + currency)
	}
	sign := ""
	if c < 0 {
		sign, c = "-", -c
	}
	s := sign + strconv.FormatInt(c/100, 10) + "," + strconv.FormatInt(c%100/10, 10) + strconv.FormatInt(c%10, 10)
	switch currency {
	case "EUR":
		return s + " €"
	case "":
		return s
	}
	return s + " " + currency
}
