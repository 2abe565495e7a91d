package report

import "testing"

// TestCleanerFollowsTextsafe checks that the PDF's cleaner removes what
// the terminal's does (escape sequences whole, controls, bidi overrides)
// before it looks at the fonts, so that no part of a sequence is drawn.
func TestCleanerFollowsTextsafe(t *testing.T) {
	cov, err := fontCoverage()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ in, line, block string }{
		{"Site\x1b]0;pwned\x07 one", "Site one", "Site one"},
		{"\x1b[2J\x1b]52;c;cm0gLXJm\x1b\\clear", "clear", "clear"},
		{"abc\u202edcba\u2066x\u2069", "abcdcbax", "abcdcbax"},
		{"a\u009b2Jb\x7f\u0085c", "ab c", "ab\nc"},
		{"one\r\ntwo\rthree\tfour", "one two three four", "one\ntwo\nthree four"},
		{"Città", "Città", "Città"},
	}
	for _, tt := range tests {
		c := &cleaner{cov: cov}
		if got := c.line(tt.in); got != tt.line {
			t.Errorf("line(%q) = %q, want %q", tt.in, got, tt.line)
		}
		if got := c.block(tt.in); got != tt.block {
			t.Errorf("block(%q) = %q, want %q", tt.in, got, tt.block)
		}
		if c.markers != 0 {
			t.Errorf("%q: %d markers, want none", tt.in, c.markers)
		}
	}
}
