package report

import (
	"strings"

	"github.com/engage-toolkit/engage/internal/pdffont"
	"github.com/engage-toolkit/engage/internal/textsafe"
)

// family is the name the Go fonts are registered under in the PDF.
const family = pdffont.Family

// Marker stands in for the characters the report's fonts cannot draw (an
// emoji, a word in Chinese, ...), one marker for each run of them: a visible
// white square, so that a reader sees that something was there.
const Marker = pdffont.Marker

// coverage is the set of characters every embedded style can draw.
type coverage = pdffont.Coverage

// fontCoverage returns the characters all four Go fonts can draw.
var fontCoverage = pdffont.Covered

// cleaner makes user text safe to draw: first by the rule every output of
// engage follows (textsafe: escape sequences, control characters and bidi
// overrides removed, line breaks made one), then each run of characters
// the fonts lack becomes one [Marker] ([pdffont.Clean]), and it counts how
// many markers it has put in.
type cleaner struct {
	cov     *coverage
	markers int
	// screen cleans for the HTML edition, which a browser draws in the
	// reader's fonts: every character is kept but the private-use ones,
	// which the report keeps for its own marks.
	screen bool
}

// line cleans a one-line text: line breaks and tabs become spaces.
func (c *cleaner) line(s string) string { return c.clean(textsafe.Line(s), false) }

// block cleans a text that may hold line breaks.
func (c *cleaner) block(s string) string { return c.clean(textsafe.Block(s), true) }

// clean draws s, already through textsafe, with the fonts.
func (c *cleaner) clean(s string, multiline bool) string {
	if c.screen {
		return c.cleanScreen(s, multiline)
	}
	out, n := pdffont.Clean(c.cov, s, multiline)
	c.markers += n
	return out
}

// cleanScreen cleans s, already through textsafe, for a browser: a tab
// becomes a space (a new line too, in a one-line text) and each run of
// private-use characters one [Marker].
func (c *cleaner) cleanScreen(s string, multiline bool) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r == '\t' || r == '\n' || privateUse(r) }) {
		return s
	}
	var b strings.Builder
	marked := false
	for _, r := range s {
		switch {
		case r == '\n' && multiline:
			b.WriteRune(r)
		case r == '\t' || r == '\n':
			b.WriteByte(' ')
		case privateUse(r):
			if !marked {
				b.WriteString(Marker)
				c.markers++
			}
			marked = true
			continue
		default:
			b.WriteRune(r)
		}
		marked = false
	}
	return b.String()
}

// privateUse reports whether r is in a private-use area of Unicode.
func privateUse(r rune) bool {
	return r >= 0xe000 && r <= 0xf8ff || r >= 0xf0000
}
