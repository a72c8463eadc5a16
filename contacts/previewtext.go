package contacts

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"minuit/internal/phone"
)

// WritePreview prints a preview for people: the counts, then every problem and
// every change with its line number and a plain reason.
func WritePreview(w io.Writer, p *Preview) error {
	b := bufio.NewWriter(w)
	source := p.Source
	if source == "" {
		source = "The file"
	}
	kind := map[Format]string{FormatVCard: "vCard", FormatShopify: "Shopify customers CSV", FormatCSV: "CSV"}[p.Format]
	fmt.Fprintf(b, "%s (%s, numbers without a country code read as %s): %s.\n",
		source, kind, regionLabel(p.Region), plural(p.Cards, "card", "cards", p.Format != FormatVCard))
	line := func(n int, what string) {
		fmt.Fprintf(b, "  %7d  %s\n", n, what)
	}
	line(p.New, "new contacts")
	line(p.Updated, "contacts updated")
	line(p.Unchanged, "contacts unchanged")
	if p.Merged > 0 {
		line(p.Merged, "cards merged with another card of the file (same number, UID or email)")
	}
	line(p.Skipped, "skipped")
	if p.GroupCards > 0 {
		line(p.GroupCards, "group cards")
	}
	line(p.Invalid, "invalid numbers (kept, flagged)")
	line(p.Landlines, "numbers that cannot receive SMS: landlines, fax, ... (kept, flagged)")
	line(p.NoNumber, "contacts with no number that can receive SMS")
	if len(p.Problems) > 0 {
		fmt.Fprintf(b, "\nProblems:\n")
		for _, pr := range p.Problems {
			fmt.Fprintf(b, "  line %d%s: %s\n", pr.Line, nameSuffix(pr.Name), pr.Reason)
		}
		if p.MoreProblems > 0 {
			fmt.Fprintf(b, "  ... and %d more.\n", p.MoreProblems)
		}
	}
	if len(p.Changes) > 0 {
		fmt.Fprintf(b, "\nChanges to your contacts:\n")
		for _, ch := range p.Changes {
			what := "nothing visible"
			if len(ch.Fields) > 0 {
				what = strings.Join(ch.Fields, ", ")
			}
			fmt.Fprintf(b, "  line %d%s: %s\n", ch.Line, nameSuffix(ch.Name), what)
			for _, n := range ch.Notes {
				fmt.Fprintf(b, "      %s\n", n)
			}
		}
		if p.MoreChanges > 0 {
			fmt.Fprintf(b, "  ... and %d more.\n", p.MoreChanges)
		}
	}
	return b.Flush()
}

func nameSuffix(name string) string {
	if name == "" {
		return ""
	}
	return " (" + name + ")"
}

func regionLabel(code string) string {
	if n := phone.RegionName(code); n != "" && n != code {
		return n + " (" + code + ")"
	}
	return code
}

func plural(n int, one, many string, rows bool) string {
	if rows {
		one, many = "row", "rows"
	}
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
