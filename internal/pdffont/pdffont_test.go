package pdffont

import "testing"

func TestCleanMarksWhatTheFontsLack(t *testing.T) {
	cov, err := Covered()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		in, want string
		markers  int
	}{
		{"plain ASCII", "plain ASCII", 0},
		{"Città, naïve, Ελλάδα, Москва", "Città, naïve, Ελλάδα, Москва", 0},
		{"flags 🇬🇧🇮🇹 and 👍🏽", "flags □ and □", 2},
		{"Hindi नमस्ते.", "Hindi □.", 1},
		{"a\u200bb", "ab", 0},
	}
	for _, tt := range tests {
		c := &Cleaner{Cov: cov}
		if got := c.Line(tt.in); got != tt.want || c.Markers != tt.markers {
			t.Errorf("Line(%q) = %q with %d markers, want %q with %d", tt.in, got, c.Markers, tt.want, tt.markers)
		}
	}
	c := &Cleaner{Cov: cov}
	if got := c.Block("one\r\ntwo\tthree"); got != "one\ntwo three" {
		t.Errorf("Block kept %q", got)
	}
	if got := c.Line("one\ntwo"); got != "one two" {
		t.Errorf("Line kept %q", got)
	}
}
