// Package pdffont holds the fonts every PDF of Engage is set in (the Go
// fonts: regular, bold, italic, bold italic, embedded in the binary) and
// the one rule for drawing user text with them: text goes through
// textsafe first, and each run of characters the fonts cannot draw (an
// emoji, a word in Chinese, ...) becomes one visible [Marker].
//
// The site report, the comparison and the printed booklet all use it, so
// that a text looks the same in each; and they are set on the same paper
// sizes ([Papers]).
package pdffont

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

// Family is the name the Go fonts are registered under in a PDF.
const Family = "go"

// Marker stands in for the characters the fonts cannot draw, one marker
// for each run of them: a visible white square, so that a reader sees
// that something was there.
const Marker = "□"

// styles are the Go fonts, by fpdf style.
var styles = []struct {
	style string
	ttf   []byte
}{
	{"", goregular.TTF},
	{"B", gobold.TTF},
	{"I", goitalic.TTF},
	{"BI", gobolditalic.TTF},
}

// Add embeds the Go fonts in pdf under [Family], in the styles "", "B",
// "I" and "BI".
func Add(pdf *fpdf.Fpdf) {
	for _, s := range styles {
		pdf.AddUTF8FontFromBytes(Family, s.style, s.ttf)
	}
}

// Coverage is the set of characters every embedded style can draw, in the
// Basic Multilingual Plane (the Go fonts have nothing beyond it).
type Coverage [0x10000 / 64]uint64

// Has reports whether every style can draw r.
func (c *Coverage) Has(r rune) bool {
	return r >= 0 && r < 0x10000 && c[r/64]&(1<<(uint(r)%64)) != 0
}

// Covered returns the characters all four Go fonts can draw. It is
// computed once; the result must not be changed.
var Covered = sync.OnceValues(func() (*Coverage, error) {
	c := new(Coverage)
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

// Cleaner makes user text safe to draw with the fonts of Cov and counts
// the markers it puts in.
type Cleaner struct {
	Cov     *Coverage
	Markers int
}

// Line cleans a one-line text: line breaks and tabs become spaces.
func (c *Cleaner) Line(s string) string { return c.add(Clean(c.Cov, textsafe.Line(s), false)) }

// Block cleans a text that may hold line breaks.
func (c *Cleaner) Block(s string) string { return c.add(Clean(c.Cov, textsafe.Block(s), true)) }

func (c *Cleaner) add(s string, markers int) string {
	c.Markers += markers
	return s
}

// Clean draws s, already through textsafe, with the fonts of cov: each
// run of characters they lack becomes one [Marker]. It returns the text
// and the number of markers put in. With multiline, line breaks are kept;
// tabs always become spaces.
func Clean(cov *Coverage, s string, multiline bool) (string, int) {
	if simple(s) {
		return s, 0
	}
	var b strings.Builder
	b.Grow(len(s))
	markers := 0
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
		case cov.Has(r) && !unicode.IsControl(r):
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
		markers++
		marked = true
	}
	return b.String(), markers
}

// simple reports whether s is printable ASCII, the common case, which
// needs no cleaning.
func simple(s string) bool {
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
