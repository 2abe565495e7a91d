package tui

import "strings"

// Block letters for the projector view: a statement's number ("4.6") and
// a mean ("3.40", "3,40") drawn large enough to read from the back of a
// room. Only figures and their separators have glyphs: words stay text,
// in the language's own letters.

// bigFont is how large block letters are drawn.
type bigFont int

const (
	// fontNone draws no block letters: the text as it is.
	fontNone bigFont = iota
	// fontSmall draws each glyph 3 rows high with half blocks (two
	// pixels to a cell, top and bottom), 4 cells wide.
	fontSmall
	// fontLarge draws each glyph 5 rows high with two full blocks to a
	// pixel, 8 cells wide.
	fontLarge
)

// bigGlyphs are the glyphs, 5 pixels high; '#' is ink.
var bigGlyphs = map[rune][5]string{
	'0': {"####", "#..#", "#..#", "#..#", "####"},
	'1': {".#..", "##..", ".#..", ".#..", "###."},
	'2': {"####", "...#", "####", "#...", "####"},
	'3': {"####", "...#", ".###", "...#", "####"},
	'4': {"#..#", "#..#", "####", "...#", "...#"},
	'5': {"####", "#...", "####", "...#", "####"},
	'6': {"####", "#...", "####", "#..#", "####"},
	'7': {"####", "...#", "..#.", ".#..", ".#.."},
	'8': {"####", "#..#", "####", "#..#", "####"},
	'9': {"####", "#..#", "####", "...#", "####"},
	'.': {".", ".", ".", ".", "#"},
	',': {"..", "..", "..", ".#", "#."},
	'-': {"...", "...", "###", "...", "..."},
}

// bigText draws s in block letters of font f, one string per row, all of
// the same width. It reports false, drawing nothing, when f is fontNone
// or s has a character without a glyph.
func bigText(s string, f bigFont) ([]string, bool) {
	if f == fontNone || s == "" {
		return nil, false
	}
	var glyphs [][5]string
	for _, r := range s {
		g, ok := bigGlyphs[r]
		if !ok {
			return nil, false
		}
		glyphs = append(glyphs, g)
	}
	// Pixel rows of the whole text, one pixel column of space between
	// glyphs.
	var px [5]string
	for i, g := range glyphs {
		for row := range px {
			if i > 0 {
				px[row] += "."
			}
			px[row] += g[row]
		}
	}
	if f == fontLarge {
		out := make([]string, len(px))
		for row, p := range px {
			out[row] = strings.NewReplacer("#", "██", ".", "  ").Replace(p)
		}
		return out, true
	}
	// Two pixel rows to a cell: 0-1, 2-3, and 4 over nothing.
	var out []string
	for top := 0; top < len(px); top += 2 {
		var b strings.Builder
		for col := range len(px[top]) {
			upper := px[top][col] == '#'
			lower := top+1 < len(px) && px[top+1][col] == '#'
			switch {
			case upper && lower:
				b.WriteString("█")
			case upper:
				b.WriteString("▀")
			case lower:
				b.WriteString("▄")
			default:
				b.WriteString(" ")
			}
		}
		out = append(out, b.String())
	}
	return out, true
}
