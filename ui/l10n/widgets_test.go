package l10n

import (
	"go/ast"
	"go/token"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// shown are the calls whose string arguments a person reads: widget and dialog
// constructors, setters of shown text, notifications and the tray, and the CLI's
// output (fmt.Fprint… in app/).
var shown = map[string]bool{
	"NewLabel": true, "NewLabelWithStyle": true, "NewButton": true, "NewButtonWithIcon": true, "NewCheck": true,
	"NewRadioGroup": true, "NewSelect": true, "NewSelectEntry": true, "NewFormItem": true, "NewAccordionItem": true,
	"NewHyperlink": true, "NewCard": true, "NewTabItem": true, "NewTabItemWithIcon": true, "NewMenuItem": true,
	"NewConfirm": true, "NewInformation": true, "NewForm": true, "NewCustom": true, "NewCustomConfirm": true,
	"NewCustomWithoutButtons": true, "ShowInformation": true, "ShowConfirm": true, "ShowCustom": true, "NewError": true,
	"SetText": true, "SetPlaceHolder": true, "SetTitle": true, "SetTooltip": true, "SetConfirmText": true,
	"SetDismissText": true, "SetNotice": true, "AddMenuItem": true, "NewNotification": true, "NewWindow": true,
	"Fprintln": true, "Fprintf": true, "Fprint": true,
}

// notWords are literals that are shown but are not words of a language: names,
// examples of what to type, formats.
var notWords = map[string]bool{
	"Minuit": true, "Français": true, "English": true, "minuit:": true, "+33600000000": true, "00:00": true,
	"FR": true, "10:00": true, "2026-12-24": true, "09:30": true, "FREQ=WEEKLY;BYDAY=MO,TH": true,
	"+33 6 12 34 56 78, 06 98 76 54 32 …": true, "VIP, Newsletter": true, "ok": true,
}

var word = regexp.MustCompile(`\p{L}{2,}`)

// wordsIn reports whether a literal holds words once its fmt verbs are removed.
func wordsIn(s string) bool {
	s = strings.TrimSpace(s)
	if notWords[s] || !strings.Contains(s, " ") && strings.ContainsAny(s, "./@=_") { // an address, a file, a rule
		return false
	}

	return word.MatchString(verb.ReplaceAllString(s, ""))
}

func TestNoSentenceIsShownWithoutTheCatalogue(t *testing.T) {
	fset := token.NewFileSet()
	checked := 0
	for _, path := range goFiles(t, "ui", "app") {
		rel, _ := filepath.Rel(root, path)
		ast.Inspect(parse(t, fset, path), func(n ast.Node) bool {
			c, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			pkg, name := callName(c)
			if !shown[name] || strings.HasPrefix(name, "Fprint") && (pkg != "fmt" || !strings.HasPrefix(rel, "app")) {
				return true
			}
			checked++
			for _, a := range c.Args {
				var lits []ast.Expr
				if cl, ok := a.(*ast.CompositeLit); ok { // []string{"Once", "Daily"}
					lits = cl.Elts
				} else {
					lits = []ast.Expr{a}
				}
				for _, l := range lits {
					if s, ok := literal(l); ok && wordsIn(s) {
						t.Errorf("%s: %q is shown as it is: write lang.L(%q) and add its French to assets/lang/fr.json",
							fset.Position(l.Pos()), s, s)
					}
				}
			}
			return true
		})
	}
	if checked < 100 {
		t.Fatalf("only %d calls checked: is the scan broken?", checked)
	}
}
