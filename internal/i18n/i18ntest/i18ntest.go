// Package i18ntest holds the checks that keep a package's words in the
// catalogues, for that package's tests: [NoLiteralWords] finds a word
// written in the code where people will read it, and [UnusedIDs] a
// message no code says.
package i18ntest

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/engage-toolkit/engage/internal/i18n"
)

// Sinks say where a literal reaches people.
type Sinks struct {
	// Calls are functions whose string arguments are printed or
	// returned as messages, as "pkg.Func" ("fmt.Errorf", "errors.New"),
	// ".Method" for a method of any value (".SetStatus") or "Func" for a
	// function of the package itself ("status").
	Calls []string
	// Fields are struct fields whose value is shown ("Short", "Hint").
	Fields []string
	// FlagUsage checks the last argument of pflag's flag definitions.
	FlagUsage bool
}

// CLI is where the command line prints.
var CLI = Sinks{
	Calls: []string{"fmt.Errorf", "fmt.Sprintf", "fmt.Fprintf", "fmt.Fprintln", "fmt.Fprint", "fmt.Printf",
		"fmt.Println", "fmt.Print", "errors.New"},
	Fields:    []string{"Short", "Long", "Message", "Hint"},
	FlagUsage: true,
}

var (
	word     = regexp.MustCompile(`[A-Za-z]{3,}`)
	nonWords = regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z]|--[a-z-]+`) // format verbs, flag names
	flagDefs = regexp.MustCompile(`^(String|Bool|Int|Float64|Duration|StringSlice)(Var)?P?$`)
)

// NoLiteralWords fails t for each string literal with a word in it that
// the non-test Go files of dir give to one of sinks. allowed are literals
// that are not words for people (file names and the like). A literal
// given to another call first (l.T("id")) is that call's business.
func NoLiteralWords(t testing.TB, dir string, sinks Sinks, allowed ...string) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	lits := func(e ast.Expr, where string) {
		ast.Inspect(e, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.BasicLit:
				s, err := strconv.Unquote(n.Value)
				if n.Kind != token.STRING || err != nil || slices.Contains(allowed, s) || !word.MatchString(nonWords.ReplaceAllString(s, "")) {
					return true
				}
				t.Errorf("%s: %s: the words %q belong in the catalogue (internal/i18n/locales)", fset.Position(n.Pos()), where, s)
			case *ast.CallExpr:
				return false
			}
			return true
		})
	}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				if id, ok := n.Fun.(*ast.Ident); ok && slices.Contains(sinks.Calls, id.Name) {
					for _, a := range n.Args {
						lits(a, id.Name)
					}
					return true
				}
				sel, ok := n.Fun.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				name := "." + sel.Sel.Name
				if pkg, ok := sel.X.(*ast.Ident); ok && slices.Contains(sinks.Calls, pkg.Name+name) {
					name = pkg.Name + name
				}
				switch {
				case slices.Contains(sinks.Calls, name):
					for _, a := range n.Args {
						lits(a, name)
					}
				case sinks.FlagUsage && flagDefs.MatchString(sel.Sel.Name) && len(n.Args) >= 3:
					lits(n.Args[len(n.Args)-1], "flag usage")
				}
			case *ast.KeyValueExpr:
				if k, ok := n.Key.(*ast.Ident); ok && slices.Contains(sinks.Fields, k.Name) {
					lits(n.Value, k.Name)
				}
			}
			return true
		})
	}
}

// idLiteral is a string literal that looks like a message id.
var idLiteral = regexp.MustCompile(`"((?:format|date|language|role|group|sector|community|status|report|compare|codebook|cli|tui|plain|mapimport|booklet)\.[a-z0-9_.]+)"`)

// UnusedIDs fails t for each message of the English catalogue that no
// non-test Go file in dirs names, and for each id named there that the
// catalogue lacks. dynamic are prefixes of ids made at run time
// ("cli.record." + kind): those are taken as used.
func UnusedIDs(t testing.TB, dirs []string, dynamic ...string) {
	t.Helper()
	used := map[string]bool{"language.name": true}
	for _, dir := range dirs {
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, name := range files {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			src, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			for _, sm := range idLiteral.FindAllStringSubmatch(string(src), -1) {
				used[sm[1]] = true
			}
		}
	}
	known := map[string]bool{}
	for _, id := range i18n.Embedded().IDs(i18n.Fallback) {
		known[id] = true
		if !used[id] && !slices.ContainsFunc(dynamic, func(p string) bool { return strings.HasPrefix(id, p) }) {
			t.Errorf("%s is in the catalogue but no code says it", id)
		}
	}
	for id := range used {
		if !known[id] && !strings.HasSuffix(id, ".") && !slices.Contains(dynamic, id) {
			t.Errorf("code says %s, which the English catalogue lacks", id)
		}
	}
}
