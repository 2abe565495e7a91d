package cli

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

// TestNoLiteralWords fails when a word engage prints is written in the
// code instead of the catalogue: a string literal with a word in it,
// given to what prints or returns a message (fmt's printers and errors,
// errors.New, ExitError's Message and Hint, a command's Short and Long, a
// flag's usage).
func TestNoLiteralWords(t *testing.T) {
	// Literals that are not words for people: file names and the like.
	allowed := []string{
		"-report.pdf", ".engage", "engage-backup-", ".db", "-summary.csv",
		"comparison.pdf", "comparison.csv", "comparison-summary.csv",
	}
	word := regexp.MustCompile(`[A-Za-z]{3,}`)
	// Format verbs and flag names are not words.
	verbs := regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z]|--[a-z-]+`)
	printers := map[string]bool{"Errorf": true, "Sprintf": true, "Fprintf": true, "Fprintln": true, "Fprint": true,
		"Printf": true, "Println": true, "Print": true, "New": true}
	fields := map[string]bool{"Short": true, "Long": true, "Message": true, "Hint": true}
	flagDefs := regexp.MustCompile(`^(String|Bool|Int|Float64|Duration|StringSlice)(Var)?P?$`)

	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	report := func(lit *ast.BasicLit, where string) {
		s, err := strconv.Unquote(lit.Value)
		if err != nil {
			return
		}
		if slices.Contains(allowed, s) || !word.MatchString(verbs.ReplaceAllString(s, "")) {
			return
		}
		t.Errorf("%s: %s: the words %q belong in the catalogue (internal/i18n/locales)", fset.Position(lit.Pos()), where, s)
	}
	lits := func(e ast.Expr, where string) {
		ast.Inspect(e, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.BasicLit:
				if n.Kind == token.STRING {
					report(n, where)
				}
			case *ast.CallExpr:
				// A literal handed to another call (l.T("id")) is its
				// business, not printed as it is.
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
				sel, ok := n.Fun.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				pkg, _ := sel.X.(*ast.Ident)
				switch {
				case pkg != nil && (pkg.Name == "fmt" || pkg.Name == "errors") && printers[sel.Sel.Name]:
					for _, a := range n.Args {
						lits(a, pkg.Name+"."+sel.Sel.Name)
					}
				case flagDefs.MatchString(sel.Sel.Name) && len(n.Args) >= 3:
					lits(n.Args[len(n.Args)-1], "flag usage")
				}
			case *ast.KeyValueExpr:
				if k, ok := n.Key.(*ast.Ident); ok && fields[k.Name] {
					lits(n.Value, k.Name)
				}
			}
			return true
		})
	}
}

// TestCatalogueIDsUsed fails when a message of the catalogue is used by
// no code (an id left behind when its text went), and when code names an
// id the catalogue lacks. Ids are found as string literals that look like
// ids; ids made from a prefix and a value ("cli.record."+kind) are listed
// by their prefix.
func TestCatalogueIDsUsed(t *testing.T) {
	dynamic := []string{
		"date.month.",                                         // Lang.Month
		"cli.record.",                                         // a conflict's record kind
		"cli.rows.n_",                                         // a group
		"cli.rows.role_",                                      // a group
		"role.", "group.", "sector.", "community.", "status.", // report label maps
	}
	used := map[string]bool{"language.name": true}
	id := regexp.MustCompile(`^"((?:format|date|language|role|group|sector|community|status|report|compare|cli)\.[a-z0-9_.]+)"$`)
	for _, dir := range []string{".", "../report", "../i18n", "../questionnaire"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, name := range files {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			src, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range regexp.MustCompile(`"[a-z0-9_.]+"`).FindAllString(string(src), -1) {
				if sm := id.FindStringSubmatch(m); sm != nil {
					used[sm[1]] = true
				}
			}
		}
	}
	cat := i18n.Embedded()
	known := map[string]bool{}
	for _, id := range cat.IDs(i18n.Fallback) {
		known[id] = true
		if used[id] || slices.ContainsFunc(dynamic, func(p string) bool { return strings.HasPrefix(id, p) }) {
			continue
		}
		t.Errorf("%s is in the catalogue but no code says it", id)
	}
	for id := range used {
		if !known[id] && !slices.Contains(dynamic, id) && !strings.HasSuffix(id, ".") {
			t.Errorf("code says %s, which the English catalogue lacks", id)
		}
	}
}
