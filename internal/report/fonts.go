package report

import (
	"fmt"
	"strings"
	"sync"
	"unicode"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gobolditalic"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"

	"github.com/engage-toolkit/engage/internal/textsafe"
)

// family is the name the Go fonts are registered under in the PDF.
const family = "go"

// Marker stands in for the characters the report's fonts cannot draw (an
// emoji, a word in Chinese, ...), one marker for each run of them: a visible
// white square, so that a reader sees that something was there.
const Marker = "□"

// styles are the Go fonts embedded in every report, by fpdf style.
var styles = []struct {
	style string
	ttf   []byte
}{
	{"", goregular.TTF},
	{"B", gobold.TTF},
	{"I", goitalic.TTF},
	{"BI", gobolditalic.TTF},
}

// addFonts embeds the Go fonts in pdf.
func addFonts(pdf *fpdf.Fpdf) {
	for _, s := range styles {
		pdf.AddUTF8FontFromBytes(family, s.style, s.ttf)
	}
}

// coverage is the set of characters every embedded style can draw, in the
// Basic Multilingual Plane (the Go fonts have nothing beyond it). It is
// computed once and never changed.
type coverage [0x10000 / 64]uint64

func (c *coverage) has(r rune) bool {
	return r >= 0 && r < 0x10000 && c[r/64]&(1<<(uint(r)%64)) != 0
}

// fontCoverage returns the characters all four Go fonts can draw.
var fontCoverage = sync.OnceValues(func() (*coverage, error) {
	c := new(coverage)
	for i := range c {
		c[i] = ^uint64(0)
	}
	var buf sfnt.Buffer
	for _, s := range styles {
		f, err := sfnt.Parse(s.ttf)
		if err != nil {
			return nil, fmt.Errorf("parse the embedded Go font %q: %w", s.style, err)
		}
		for r := rune(0); r < 0x10000; r++ {
			if c[r/64]&(1<<(uint(r)%64)) == 0 {
				continue
			}
			if g, err := f.GlyphIndex(&buf, r); err != nil || g == 0 {
				c[r/64] &^= 1 << (uint(r) % 64)
			}
		}
	}
	return c, nil
})

// cleaner makes user text safe to draw: first by the rule every output of
// engage follows (textsafe: escape sequences, control characters and bidi
// overrides removed, line breaks made one), then each run of characters
// the fonts lack becomes one [Marker], and it counts how many markers it
// has put in.
type cleaner struct {
	cov     *coverage
	markers int
}

// line cleans a one-line text: line breaks and tabs become spaces.
func (c *cleaner) line(s string) string { return c.clean(textsafe.Line(s), false) }

// block cleans a text that may hold line breaks.
func (c *cleaner) block(s string) string { return c.clean(textsafe.Block(s), true) }

// clean draws s, already through textsafe, with the fonts.
func (c *cleaner) clean(s string, multiline bool) string {
	if c.simple(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	marked := false // the last thing written was a marker
	for _, r := range s {
		switch {
		case r == '\n' && multiline:
			b.WriteByte('\n')
			marked = false
			continue
		case r == '\t':
			b.WriteByte(' ')
			marked = false
			continue
		case c.cov.has(r) && !unicode.IsControl(r):
			b.WriteRune(r)
			marked = false
			continue
		case modifies(r):
			// Joiners, variation selectors, skin tones and tags belong to
			// the character before: part of the same marker, or invisible
			// next to a character that is drawn.
			continue
		case unicode.Is(unicode.Cf, r):
			continue // invisible by design (a soft hyphen, a zero-width space): nothing a reader would miss
		case marked:
			// One marker stands for a run of characters the fonts lack
			// (a word in another script, a flag's two letters, an
			// accent on a marked character).
			continue
		}
		b.WriteString(Marker)
		c.markers++
		marked = true
	}
	return b.String()
}

// simple reports whether s is printable ASCII, the common case, which
// needs no cleaning.
func (c *cleaner) simple(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

// modifies reports whether r only modifies the character before it: a zero
// width joiner, a variation selector, an emoji skin tone or a tag.
func modifies(r rune) bool {
	switch {
	case r == 0x200d, r >= 0xfe00 && r <= 0xfe0f, r >= 0xe0100 && r <= 0xe01ef:
		return true
	case r >= 0x1f3fb && r <= 0x1f3ff, r >= 0xe0020 && r <= 0xe007f:
		return true
	}
	return false
}
