package textsafe_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/engage-toolkit/engage/internal/textsafe"
)

func TestClean(t *testing.T) {
	tests := []struct {
		name, in, line, block string
	}{
		{"plain", "Valle del Sole", "Valle del Sole", "Valle del Sole"},
		{"accents and emoji kept", "Città 👩🏽‍🌾 Ελλάδα", "Città 👩🏽‍🌾 Ελλάδα", "Città 👩🏽‍🌾 Ελλάδα"},
		{"OSC title with BEL", "a\x1b]0;pwned\x07b", "ab", "ab"},
		{"OSC 52 clipboard with ST", "a\x1b]52;c;cm0gLXJmIC8K\x1b\\b", "ab", "ab"},
		{"OSC without its end", "a\x1b]0;pwned", "a", "a"},
		{"CSI clear screen", "\x1b[2J\x1b[Hname", "name", "name"},
		{"SGR colour", "\x1b[31;1mred\x1b[0m", "red", "red"},
		{"CSI cut short by a letter out of place", "\x1b[12€x", "€x", "€x"},
		{"ESC c resets the terminal", "a\x1bcb", "ab", "ab"},
		{"ESC ( B charset", "a\x1b(Bb", "ab", "ab"},
		{"a lone ESC at the end", "a\x1b", "a", "a"},
		{"C1 CSI", "a\u009b2Jb", "ab", "ab"},
		{"C1 OSC to C1 ST", "a\u009d0;x\u009cb", "ab", "ab"},
		{"DCS", "a\x1bPq#0\x1b\\b", "ab", "ab"},
		{"C0, DEL and C1 controls", "a\x00\x07\x08\x7f\u0080\u0099b", "ab", "ab"},
		{"bidi override", "abc\u202edcba", "abcdcba", "abcdcba"},
		{"every bidi control", "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069x", "x", "x"},
		{"line breaks", "a\nb\r\nc\rd\ve\ff\u0085g\u2028h\u2029i", "a b c d e f g h i", "a\nb\nc\nd\ne\nf\ng\nh\ni"},
		{"tab", "a\tb", "a b", "a\tb"},
		{"invalid UTF-8", "a\x9b2Jb\xff", "a\ufffd2Jb\ufffd", "a\ufffd2Jb\ufffd"},
		{"formula characters are text", "=HYPERLINK(\"x\")", "=HYPERLINK(\"x\")", "=HYPERLINK(\"x\")"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := textsafe.Line(tt.in); got != tt.line {
				t.Errorf("Line(%q) = %q, want %q", tt.in, got, tt.line)
			}
			if got := textsafe.Block(tt.in); got != tt.block {
				t.Errorf("Block(%q) = %q, want %q", tt.in, got, tt.block)
			}
			for _, out := range []string{textsafe.Line(tt.in), textsafe.Block(tt.in)} {
				for _, r := range out {
					if r != '\n' && r != '\t' && textsafe.Unsafe(r) {
						t.Errorf("%q kept the unsafe %U", out, r)
					}
				}
			}
		})
	}
}

func TestStyledKeepsOnlySGR(t *testing.T) {
	in := "\x1b[1;38;2;0;114;178mSites\x1b[0m \x1b]0;pwned\x07\x1b[2J\u202eok\n\x1b[7mrow\x1b[m"
	want := "\x1b[1;38;2;0;114;178mSites\x1b[0m ok\n\x1b[7mrow\x1b[m"
	if got := textsafe.Styled(in); got != want {
		t.Errorf("Styled = %q, want %q", got, want)
	}
}

func TestSafeTextIsNotCopied(t *testing.T) {
	s := strings.Repeat("plain text\n", 100)
	if n := testing.AllocsPerRun(100, func() { textsafe.Block(s) }); n != 0 {
		t.Errorf("Block of plain text allocates %v times", n)
	}
}

func TestEscapeJSON(t *testing.T) {
	in := map[string]string{"name": "a\u202eb\x1b]0;x\x07\u0085\x7f c"}
	js, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	got := textsafe.EscapeJSON(js)
	for _, r := range string(got) {
		if textsafe.Unsafe(r) {
			t.Fatalf("%q holds the unsafe %U", got, r)
		}
	}
	var back map[string]string
	if err := json.Unmarshal(got, &back); err != nil {
		t.Fatalf("%s is not JSON: %v", got, err)
	}
	if back["name"] != in["name"] {
		t.Errorf("read back %q, want %q", back["name"], in["name"])
	}
	plain := []byte(`{"name": "ok"}` + "\n")
	if got := textsafe.EscapeJSON(plain); string(got) != string(plain) {
		t.Errorf("EscapeJSON changed safe JSON: %s", got)
	}
}

func ExampleLine() {
	fmt.Printf("%q\n", textsafe.Line("Site\x1b]0;pwned\x07 \u202eenO\nTwo"))
	// Output: "Site enO Two"
}
