package l10n

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	_ "e.minuit.local/earlyenv" // before Fyne reads the locale: LANG=C means English, quietly
)

// root is the module's folder, from this package's.
const root = "../.."

// keyUse is a catalogue key found in the sources, where, and how it is used.
type keyUse struct {
	key    string
	plural bool   // lang.N: its entry needs "one" and "other"
	printf bool   // a fmt format (usererr.Msgf): the translation keeps its verbs
	at     string // file:line
}

// keyArgs are the functions whose argument (by index) is a catalogue key: Fyne's
// lang calls in ui/ and app/, and the typed errors' messages anywhere (usererr and
// the scheduler's helpers that build a usererr.Msgf). dir limits a name to one
// package's folder.
var keyArgs = []struct {
	pkg, name, dir         string
	arg                    int
	plural, printf, method bool
}{
	{pkg: "lang", name: "L"}, {pkg: "lang", name: "N", plural: true}, {pkg: "lang", name: "X"},
	{pkg: "usererr", name: "NewMsg"}, {pkg: "usererr", name: "Msgf", printf: true},
	{pkg: "usererr", name: "Sayf", printf: true},
	{pkg: "scheduler", name: "NewPlanError", arg: 1, printf: true},
	{name: "NewPlanError", dir: "scheduler", arg: 1, printf: true},
	{name: "add", dir: "scheduler", arg: 1, printf: true, method: true}, // errs.add, (*PlanErrors).add
	{name: "refused", dir: "scheduler", arg: 2, printf: true},
	{name: "checkErr", dir: "internal/db", arg: 2, printf: true},
	{name: "originatorError", dir: "scheduler/sms", printf: true},
	{name: "errorf", dir: "scheduler/providerhttp", arg: 2, printf: true},
	{pkg: "providerhttp", name: "Lost", arg: 4}, {name: "Lost", dir: "scheduler/providerhttp", arg: 4}, // mayHave
}

// goFiles lists the module's Go files that are not tests, under dirs.
func goFiles(t *testing.T, dirs ...string) []string {
	t.Helper()
	var out []string
	for _, d := range dirs {
		start := filepath.Join(root, d)
		err := filepath.WalkDir(start, func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if e.IsDir() && p != start && (e.Name() == "testdata" || strings.HasPrefix(e.Name(), ".")) {
				return filepath.SkipDir
			}
			if !e.IsDir() && strings.HasSuffix(p, ".go") && !strings.HasSuffix(p, "_test.go") {
				out = append(out, p)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// literal is the string a literal (or a + of literals) spells; ok is false for
// anything else.
func literal(e ast.Expr) (string, bool) {
	switch v := e.(type) {
	case *ast.BasicLit:
		if v.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(v.Value)
		return s, err == nil
	case *ast.BinaryExpr:
		if v.Op != token.ADD {
			return "", false
		}
		a, ok1 := literal(v.X)
		b, ok2 := literal(v.Y)
		return a + b, ok1 && ok2
	case *ast.ParenExpr:
		return literal(v.X)
	}
	return "", false
}

// callName is a call's package (or receiver) and function names.
func callName(c *ast.CallExpr) (pkg, name string) {
	switch f := c.Fun.(type) {
	case *ast.Ident:
		return "", f.Name
	case *ast.SelectorExpr:
		if id, ok := f.X.(*ast.Ident); ok {
			return id.Name, f.Sel.Name
		}
		return "", f.Sel.Name
	}
	return "", ""
}

// parse reads a file's syntax tree.
func parse(t *testing.T, fset *token.FileSet, path string) *ast.File {
	t.Helper()
	f, err := parser.ParseFile(fset, path, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// usedKeys collects every catalogue key of the module's sources. A lang call
// whose key is not a literal is reported through bad, except in this package
// (Translate and Known pass on keys that come from elsewhere).
func usedKeys(t *testing.T) (uses []keyUse, bad []string) {
	fset := token.NewFileSet()
	for _, path := range goFiles(t, ".") {
		rel, _ := filepath.Rel(root, path)
		dir := filepath.ToSlash(filepath.Dir(rel))
		ast.Inspect(parse(t, fset, path), func(n ast.Node) bool {
			c, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			pkg, name := callName(c)
			for _, k := range keyArgs {
				switch {
				case name != k.name, k.dir != "" && dir != k.dir:
					continue
				case k.pkg != "" && pkg != k.pkg, k.pkg == "" && k.method != (pkg != ""):
					continue
				}
				if len(c.Args) <= k.arg {
					continue
				}
				at := fset.Position(c.Pos()).String()
				s, ok := literal(c.Args[k.arg])
				if !ok {
					if k.pkg == "lang" && dir != "ui/l10n" {
						bad = append(bad, at)
					}
					continue
				}
				uses = append(uses, keyUse{key: s, plural: k.plural, printf: k.printf, at: at})
			}
			return true
		})
	}
	return uses, bad
}

// catalogueWords are the words the provider catalogue (scheduler/providers) keeps
// in English and Settings shows through Known: a translation may exist for them.
func catalogueWords(t *testing.T) map[string]bool {
	out := map[string]bool{}
	fset := token.NewFileSet()
	for _, path := range goFiles(t, "scheduler/providers") {
		ast.Inspect(parse(t, fset, path), func(n ast.Node) bool {
			if kv, ok := n.(*ast.KeyValueExpr); ok {
				if id, ok := kv.Key.(*ast.Ident); ok && (id.Name == "Label" || id.Name == "Hint" || id.Name == "Note") {
					if s, ok := literal(kv.Value); ok {
						out[s] = true
					}
				}
			}
			return true
		})
	}
	return out
}
