package ui

import (
	"context"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"minuit/contacts"
	"minuit/internal/minuit"
	"minuit/scheduler"
	"minuit/ui/l10n"
)

// Audience is what compose needs to say, before saving, how many recipients the
// compliance rules will skip. *contacts.Store satisfies it.
type Audience interface {
	Resolve(ctx context.Context, contactIDs []int64, groups []string) ([]minuit.Recipient, error)
	ByNumber(ctx context.Context, number string) (contacts.Contact, bool, error)
}

// skipCount is the compose preview of the consent rules.
type skipCount struct {
	done    bool // counted
	total   int
	reasons map[string]int
	// The first recipient, for the preview: name and placeholder values.
	sampleName string
	sample     map[string]string
}

// newSkipsLabel is where compose shows "3 of 120 recipients will be skipped".
func newSkipsLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.WarningImportance
	l.Hide()
	return l
}

// checkAudience counts, off the UI goroutine, the recipients that will be skipped:
// for marketing, those without a recorded opt-in or who opted out; for any message,
// those marked "never text".
func (c *Compose) checkAudience() {
	if !c.ready {
		return
	}
	c.judge()
	aud, ok := c.m.deps.Contacts.(Audience)
	if !ok {
		return
	}
	nums, _ := parseNumbers(c.To.Text, c.region)
	_, ids, groups := scheduler.SplitRecipients(c.picked)
	marketing := c.Kind.Selected == kindMarketing()
	c.audienceSeq++
	c.audience.done = false
	seq := c.audienceSeq
	background(c.m.tk, func(ctx context.Context) (skipCount, error) {
		return countSkips(ctx, aud, nums, ids, groups, marketing)
	}, func(v skipCount, err error) {
		if seq != c.audienceSeq {
			return // a newer check is on its way
		}
		v.done = err == nil
		c.audience = v
		if err != nil && c.m.deps.Forecast == nil {
			c.Skips.SetText(skipsText(v, err))
			c.Skips.Show()
		} else {
			c.showRules(nil)
		}
		c.updateTotal()
		if c.sample != nil || v.sample != nil {
			c.sample, c.sampleName = v.sample, v.sampleName
			c.onBody()
		}
	})
}

func countSkips(ctx context.Context, aud Audience, nums []string, ids []int64, groups []string, marketing bool) (skipCount, error) {
	out := skipCount{reasons: map[string]int{}}
	judge := func(status minuit.Consent, never, known bool) {
		out.total++
		switch {
		case never:
			out.reasons["never text"]++
		case !marketing:
		case status == minuit.ConsentOptedOut:
			out.reasons["opted out"]++
		case !known || status != minuit.ConsentOptedIn:
			out.reasons["no consent"]++
		}
	}
	seen := map[string]bool{}
	if len(ids)+len(groups) > 0 {
		rs, err := aud.Resolve(ctx, ids, groups)
		if err != nil {
			return out, err
		}
		for _, r := range rs {
			if r.Number != "" {
				if seen[r.Number] {
					continue
				}
				seen[r.Number] = true
			}
			judge(r.Consent, r.NoMessagesAtAll, true)
			if out.sample == nil {
				out.sample, out.sampleName = r.Fields, r.Name
			}
		}
	}
	for _, n := range nums {
		if seen[n] {
			continue
		}
		seen[n] = true
		ct, ok, err := aud.ByNumber(ctx, n)
		if err != nil {
			return out, err
		}
		judge(ct.Consent.Status, ok && ct.NoMessages, ok)
		if out.sample == nil {
			out.sample, out.sampleName = map[string]string{"phone": n}, n
			if ok {
				// The same placeholder values the sender will use.
				if rs, err := aud.Resolve(ctx, []int64{ct.ID}, nil); err == nil && len(rs) == 1 {
					out.sample, out.sampleName = rs[0].Fields, ct.Name
				}
			}
		}
	}
	return out, nil
}

func skipsText(v skipCount, err error) string {
	if err != nil {
		return lang.L("Could not check the recipients' consent: {{.Why}}", map[string]any{"Why": plainError(err)})
	}
	skipped := 0
	var parts []string
	for reason, n := range v.reasons {
		skipped += n
		parts = append(parts, skipReason(reason, n))
	}
	if skipped == 0 {
		return ""
	}
	sort.Strings(parts)
	return lang.N("{{.Skipped}} of {{.Count}} recipients will be skipped: {{.Reasons}}.", v.total,
		map[string]any{"Skipped": l10n.Int(skipped), "Count": l10n.Int(v.total), "Reasons": strings.Join(parts, ", ")})
}

// skipReason is "2 no consent": how many recipients a reason of countSkips skips.
func skipReason(reason string, n int) string {
	data := map[string]any{"Count": l10n.Int(n)}
	switch reason {
	case "never text":
		return lang.N("{{.Count}} never text", n, data)
	case "opted out":
		return lang.N("{{.Count}} opted out", n, data)
	case "no consent":
		return lang.N("{{.Count}} no consent", n, data)
	}
	return l10n.Int(n) + " " + reason

}
