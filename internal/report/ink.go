package report

// inkLog records the pairs of text colour and background a document draws,
// so that tests can check every pair against [textOn]. The background of
// text is what the filled rectangles drawn through [doc.fill] put under it
// on its page, else the white page.
type inkLog struct {
	text  rgb        // the colour text is set in now
	fills []fillRect // the filled rectangles of the page, in drawing order
	pairs map[inkPair]bool
}

// inkPair is a text colour on a background.
type inkPair struct{ text, on rgb }

// fillRect is a filled rectangle of a page.
type fillRect struct {
	x0, y0, x1, y1 float64
	c              rgb
}

// newPage forgets the fills of the page before.
func (l *inkLog) newPage() { l.fills = l.fills[:0] }

// drawn records text in the current colour set from x0 to x1 on the line
// whose middle is at y: every background under it, looked at each
// millimetre or so.
func (l *inkLog) drawn(x0, x1, y float64) {
	if l.pairs == nil {
		l.pairs = map[inkPair]bool{}
	}
	n := max(1, int(x1-x0))
	for i := 0; i <= n; i++ {
		l.pairs[inkPair{l.text, l.background(x0+(x1-x0)*float64(i)/float64(n), y)}] = true
	}
}

// background is the colour at (x, y): the last fill drawn there, else the
// page.
func (l *inkLog) background(x, y float64) rgb {
	for i := len(l.fills) - 1; i >= 0; i-- {
		f := l.fills[i]
		if x >= f.x0 && x <= f.x1 && y >= f.y0 && y <= f.y1 {
			return f.c
		}
	}
	return white
}

// fill draws a filled rectangle in c that text may be set on.
func (d *doc) fill(x, y, w, h float64, c rgb) {
	d.fillColor(c)
	d.pdf.Rect(x, y, w, h, "F")
	d.inks.fills = append(d.inks.fills, fillRect{x, y, x + w, y + h, c})
}
