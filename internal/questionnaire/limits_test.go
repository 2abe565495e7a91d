package questionnaire

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goccy/go-yaml/lexer"
)

// checkTokenBound fails when the library makes more tokens of src than
// tokensBeyond counts: the byte count would then let through a file whose
// tokens cost more than MaxTokens allows.
func checkTokenBound(t *testing.T, name string, src []byte) {
	t.Helper()
	if len(src) > MaxFileSize || invalidUTF8(src) >= 0 {
		return
	}
	counted := 0
	for i := 1; tokensBeyond(src, i-1) >= 0; i *= 2 {
		counted = i
	}
	// counted < the bound <= 2*counted; find it exactly.
	lo, hi := counted, 2*counted+1
	for lo < hi {
		mid := (lo + hi) / 2
		if tokensBeyond(src, mid) >= 0 {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if n := len(lexer.Tokenize(string(src))); n > lo {
		t.Errorf("%s: the library makes %d tokens, the byte count says at most %d", name, n, lo)
	}
}

func TestTokenBound(t *testing.T) {
	files := map[string][]byte{"minimal": []byte(minimal)}
	shipped, _ := filepath.Glob("../../questionnaires/*.yaml")
	seeds, _ := filepath.Glob("testdata/fuzz-seeds/*.yaml")
	for _, f := range append(shipped, seeds...) {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		files[f] = src
	}
	for _, s := range []string{
		"- &a x\n- *a\n", "a: !!str x\nb: !t [x]\n", "{a: [b, {c: d}], e: f}", "? a\n: b\n", "--- a\n...\n--- b\n",
		"a: |\n  one\n  two\nb: >-\n  x\n", "'a': \"b\"\n# c\n", "%YAML 1.2\n---\na: b\n", "[a,b,c]", "a:b:c",
		"- - - x\n", "\"a\":b\n", "[&a x, *a, !t y]", "a: &b\n  c: d\n", "x: 1\n\ty: 2\n",
		"\t\t\t", "\n\t\n\t\n\t", " \t \t", "a:\t\tb", "- \t- \tx", "%TAG ! x\n--- !a b\n", "a: \"\tb\"\t#\tc",
	} {
		files[s] = []byte(s)
	}
	for name, src := range files {
		checkTokenBound(t, name, src)
	}
}

// FuzzTokenBound checks the byte count of tokens against the library's
// tokens on any input.
func FuzzTokenBound(f *testing.F) {
	f.Add([]byte(minimal))
	f.Add([]byte("- &a x\n- *a\n%YAML 1.2\n\t\t"))
	f.Fuzz(func(t *testing.T, src []byte) {
		checkTokenBound(t, "fuzz", src)
	})
}

// TestParseAcceptsWindowsLineEnds: texts refuse carriage returns, so a
// file saved with CR LF (or CR) line ends must reach them without any,
// in block, folded, quoted and plain texts that span lines.
func TestParseAcceptsWindowsLineEnds(t *testing.T) {
	src := strings.Replace(minimal, "        text: First\n", "        text: |\n          First line\n          second line\n        help: >\n          folded\n          text\n", 1)
	src += "directorates:\n  - id: d\n    name: \"two\n      lines\"\n  - id: e\n    name: plain\n      continued\n"
	for name, s := range map[string]string{"LF": src, "CR LF": strings.ReplaceAll(src, "\n", "\r\n"), "CR": strings.ReplaceAll(src, "\n", "\r")} {
		q, err := Parse("q.yaml", []byte(s))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if got := q.KeyIssues[0].Statements[0].Text.String(); got != "First line\nsecond line\n" {
			t.Errorf("%s: block text %q", name, got)
		}
	}
}
