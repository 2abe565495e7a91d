package report

import (
	"codeberg.org/go-pdf/fpdf"

	"github.com/engage-toolkit/engage/internal/pdffont"
)

// Type sizes in points and the measures of the page in millimetres. Text
// a reader reads is 10.5 pt (body), 9.5 pt (notes, table cells, chart
// labels) or 9 pt (the figures inside charts and dense tables); only the
// numbers of a chart's scale (8.5 pt) and the running header and footer
// (8 pt), which repeat what the page says elsewhere, are smaller.
const (
	sizeBody      = 10.5
	sizeSmall     = 9.5
	sizeTiny      = 9 // the least size of anything a reader needs
	sizeTick      = 8.5
	sizeFurniture = 8 // running header and footer
	sizeH1        = 18
	sizeH2        = 14
	sizeH3        = 12
	lineBody      = 5.3 // line height of body text
	lineSmall     = 4.7
	lineTiny      = 4.1
	marginSide    = 20.0
	marginTop     = 22.0
	marginFoot    = 20.0
	cellPad       = 1.4 // padding inside table cells
	paraSpacing   = 2.5
)

// rgb is a colour.
type rgb struct{ r, g, b int }

// The palette: Okabe and Ito's colour-blind-safe colours, used with shapes
// and labels so that nothing depends on colour alone, and greys. Marks
// (dots, bars, lines) are in the palette's own hues; text is in ink, muted
// or a hue darkened until it has a contrast of at least 4.5:1 (WCAG 2.2 AA)
// on every background it is set on ([textOn] lists them).
var (
	black      = rgb{0, 0, 0}
	ink        = rgb{33, 33, 33}
	muted      = rgb{80, 80, 80} // secondary text: notes, n, reasons
	grey       = rgb{102, 102, 102}
	rule       = rgb{190, 190, 190}
	paleGrey   = rgb{238, 238, 238}
	blue       = rgb{0, 114, 178}   // insiders; headings
	vermillion = rgb{213, 94, 0}    // outsiders
	skyBlue    = rgb{86, 180, 233}  // bars
	white      = rgb{255, 255, 255} // the page
	// vermillionInk is vermillion darkened (each channel times 0.78, the
	// same hue) for text: "contested", "DRAFT".
	vermillionInk = rgb{166, 73, 0}
	// Band tints of Okabe and Ito's vermillion, yellow and bluish green:
	// barrier, area to improve, good area. Their lightness falls from good
	// to barrier, so that they stay apart in greyscale too.
	tintBarrier = rgb{240, 190, 158}
	tintImprove = rgb{248, 232, 168}
	tintGood    = rgb{230, 245, 240}
)

// textInk is a colour text is set in and the backgrounds it is set on.
type textInk struct {
	text rgb
	on   []rgb
}

// textOn lists every colour text is set in, with each background it is set
// on: the page, a table's header, the band tints of charts and grid cells.
// The document records every pair it draws ([inkLog]); the tests check
// that each is listed here and that each listed pair has a WCAG contrast
// ratio of at least 4.5:1.
var textOn = []textInk{
	{ink, []rgb{white, paleGrey, tintBarrier, tintImprove, tintGood}},
	{muted, []rgb{white, paleGrey, tintBarrier, tintImprove, tintGood}},
	{blue, []rgb{white}},
	{vermillionInk, []rgb{white}},
}

// doc is the PDF being written with the report's page furniture: running
// header and footer, headings kept with what follows, wrapped paragraphs
// and tables that split across pages.
type doc struct {
	pdf   *fpdf.Fpdf
	l     *labels
	clean *cleaner
	w, h  float64 // page size
	// header is the running header's text (site name), footer the text
	// of the footer's left side (site and date).
	header, footer string
	// inks records the colours of the text drawn and what it is drawn on.
	inks inkLog
	// outline holds the level of each outline item, in order, and open
	// the level of the last h1, h2 and h3 still open, -1 for none
	// ([doc.bookmark]).
	outline []int
	open    [3]int
	// toc is the contents page ([doc.reserveContents]).
	toc contents
}

// newDoc starts a document on paper ("a4" or "letter").
func newDoc(paper string, l *labels, c *cleaner) *doc {
	pdf := pdffont.New(paper)
	pdf.AliasNbPages(pdffont.PagesAlias)
	pdf.SetMargins(marginSide, marginTop, marginSide)
	pdf.SetAutoPageBreak(false, marginFoot)
	d := &doc{pdf: pdf, l: l, clean: c, open: [3]int{-1, -1, -1}, toc: contents{pages: 1}}
	d.w, d.h = pdf.GetPageSize()
	pdf.SetHeaderFunc(d.drawHeader)
	pdf.SetFooterFunc(d.drawFooter)
	return d
}

// left, width and bottom are the text block's left edge, width and lowest
// y.
func (d *doc) left() float64   { return marginSide }
func (d *doc) width() float64  { return d.w - 2*marginSide }
func (d *doc) bottom() float64 { return d.h - marginFoot }
func (d *doc) y() float64      { return d.pdf.GetY() }
func (d *doc) setY(y float64)  { d.pdf.SetXY(d.left(), y) }
func (d *doc) pageNo() int     { return d.pdf.PageNo() }

func (d *doc) font(style string, size float64) { d.pdf.SetFont(family, style, size) }
func (d *doc) textColor(c rgb) {
	d.pdf.SetTextColor(c.r, c.g, c.b)
	d.inks.text = c
}
func (d *doc) fillColor(c rgb) { d.pdf.SetFillColor(c.r, c.g, c.b) }
func (d *doc) drawColor(c rgb) { d.pdf.SetDrawColor(c.r, c.g, c.b) }

// addPage starts a new page with the cursor at the top of the text block.
func (d *doc) addPage() {
	d.inks.newPage()
	d.pdf.AddPage()
	d.setY(marginTop)
}

// atTop reports whether nothing has been written on the page yet.
func (d *doc) atTop() bool { return d.y() <= marginTop+0.01 }

// ensure starts a new page unless h millimetres fit below the cursor. It
// reports whether it started one.
func (d *doc) ensure(h float64) bool {
	if d.y()+h <= d.bottom() || d.atTop() {
		return false
	}
	d.addPage()
	return true
}

// gap moves the cursor down by h, unless it is at the top of a page.
func (d *doc) gap(h float64) {
	if !d.atTop() {
		d.setY(d.y() + h)
	}
}

func (d *doc) drawHeader() {
	if d.pageNo() == 1 {
		return // the cover has none
	}
	d.font("", sizeFurniture)
	d.textColor(muted)
	title := d.fit(d.l.ReportTitle, d.width()/2-2, "", sizeFurniture)
	d.text(d.left(), 11, d.width()/2, 4, title, "L")
	d.text(d.left()+d.width()/2, 11, d.width()/2, 4, d.fit(d.header, d.width()/2-2, "", sizeFurniture), "R")
	d.drawColor(rule)
	d.pdf.SetLineWidth(0.2)
	d.pdf.Line(d.left(), 15.5, d.left()+d.width(), 15.5)
	d.textColor(ink)
}

func (d *doc) drawFooter() {
	y := d.h - 13
	d.drawColor(rule)
	d.pdf.SetLineWidth(0.2)
	d.pdf.Line(d.left(), y-1.5, d.left()+d.width(), y-1.5)
	d.font("", sizeFurniture)
	d.textColor(muted)
	d.text(d.left(), y, d.width()*0.7, 4, d.fit(d.footer, d.width()*0.7-2, "", sizeFurniture), "L")
	d.text(d.left()+d.width()*0.7, y, d.width()*0.3, 4, d.l.page(d.pageNo(), pdffont.PagesAlias), "R")
	d.textColor(ink)
}

// fit shortens s with an ellipsis until it fits w in the given font
// ([pdffont.Fit]).
func (d *doc) fit(s string, w float64, style string, size float64) string {
	d.font(style, size)
	return pdffont.Fit(d.pdf, s, w)
}

// wrap splits text into lines no wider than w in the given font
// ([pdffont.Wrap]). Text must be clean already.
func (d *doc) wrap(text string, w float64, style string, size float64) []string {
	d.font(style, size)
	return pdffont.Wrap(d.pdf, text, w)
}

// text writes one line at (x, y) with the top of the line box at y.
func (d *doc) text(x, y, w, h float64, s, align string) {
	d.pdf.SetXY(x, y)
	d.pdf.CellFormat(w, h, s, "", 0, align, false, 0, "")
	if s != "" {
		tw := d.pdf.GetStringWidth(s)
		switch align {
		case "R":
			x += w - tw
		case "C":
			x += (w - tw) / 2
		}
		d.inks.drawn(x, x+tw, y+h/2)
	}
}

// style is how a paragraph is set.
type style struct {
	font   string // "", "B", "I", "BI"
	size   float64
	line   float64
	color  rgb
	indent float64
	after  float64 // space after
}

// The paragraph styles. small is running text of less weight (a site's
// context, the dialogue's notes): once set smaller, it is at body size,
// the least for reading, and differs from body by the space after it. note
// is a note on a chart or table, like a caption.
var (
	body   = style{size: sizeBody, line: lineBody, color: ink, after: paraSpacing}
	small  = style{size: sizeBody, line: lineBody, color: ink, after: 1.5}
	note   = style{font: "I", size: sizeSmall, line: lineSmall, color: muted, after: 1.5}
	strong = style{font: "B", size: sizeBody, line: lineBody, color: ink, after: 1}
)

// para writes a wrapped paragraph of clean text. A paragraph that breaks
// across pages keeps at least two lines on each.
func (d *doc) para(text string, st style) {
	w := d.width() - st.indent
	lines := d.wrap(text, w, st.font, st.size)
	d.lines(lines, d.left()+st.indent, w, st)
}

// lines writes wrapped lines, breaking pages between them without leaving
// a single line alone at a page's foot or head.
func (d *doc) lines(lines []string, x, w float64, st style) {
	d.font(st.font, st.size)
	d.textColor(st.color)
	n := len(lines)
	d.ensure(float64(keepLines(n)) * st.line)
	for i, s := range lines {
		left := n - i
		need := st.line
		if left == 2 {
			need = 2 * st.line // no widow
		}
		if i > 0 && d.y()+need > d.bottom() {
			d.addPage()
			d.font(st.font, st.size)
			d.textColor(st.color)
		}
		d.text(x, d.y(), w, st.line, s, "L")
		d.setY(d.y() + st.line)
	}
	d.textColor(ink)
	d.setY(d.y() + st.after)
}

// keepLines is how many of a paragraph's n lines must start on the same
// page: two, or all three of a three-line paragraph, so that a page break
// never leaves one line alone.
func keepLines(n int) int {
	if n == 3 {
		return 3
	}
	return min(n, 2)
}

// Heading levels.
const (
	h1 = 1 // a part of the report: starts a page, in the outline
	h2 = 2 // a section
	h3 = 3 // a sub-section
)

// heading writes a heading, moving it to the next page unless keep
// millimetres of what follows fit below it.
func (d *doc) heading(level int, text string, keep float64) {
	size, line, before := float64(sizeH3), 6.0, 3.0
	switch level {
	case h1:
		size, line, before = sizeH1, 9, 0
	case h2:
		size, line, before = sizeH2, 7, 4
	}
	lines := d.wrap(text, d.width(), "B", size)
	h := float64(len(lines)) * line
	if level == h1 && !d.atTop() {
		d.addPage()
	} else {
		d.gap(before)
		d.ensure(h + keep + 1)
	}
	// The outline nests sections under parts and sub-sections under
	// sections; the contents list parts and sections.
	d.bookmark(level, text, d.y())
	d.listHeading(level, text)
	d.font("B", size)
	d.textColor(ink)
	if level == h1 {
		d.textColor(blue)
	}
	for _, s := range lines {
		d.text(d.left(), d.y(), d.width(), line, s, "L")
		d.setY(d.y() + line)
	}
	if level == h1 {
		d.drawColor(blue)
		d.pdf.SetLineWidth(0.6)
		d.pdf.Line(d.left(), d.y()+0.5, d.left()+d.width(), d.y()+0.5)
		d.setY(d.y() + 4)
	} else {
		d.setY(d.y() + 1)
	}
	d.textColor(ink)
}

// paraHeight is the height a paragraph of clean text takes.
func (d *doc) paraHeight(text string, st style) float64 {
	return float64(len(d.wrap(text, d.width()-st.indent, st.font, st.size)))*st.line + st.after
}

// rowItem is one row of a chart: its height and how to draw it with its
// top at y.
type rowItem struct {
	h    float64
	draw func(y float64)
}

// rows draws chart rows one under another, starting a new page (and
// drawing the chart's header again) when a row does not fit. The last two
// rows of a chart of three or more are kept together, so that a page never
// starts with a lone last row. header draws the header with its top at y
// and returns its height; it may be nil.
func (d *doc) rows(header func(y float64) float64, headerH float64, items []rowItem) {
	if header != nil {
		d.ensure(headerH + firstHeight(items))
		y := d.y()
		d.setY(y + header(y))
	}
	onPage := 0
	for i, it := range items {
		need := it.h
		if i == len(items)-2 && len(items) >= 3 {
			need += items[i+1].h
		}
		if onPage > 0 && d.y()+need > d.bottom() {
			d.addPage()
			onPage = 0
			if header != nil {
				y := d.y()
				d.setY(y + header(y))
			}
		}
		// Drawing moves the cursor: the next row goes under this one's
		// box, wherever the drawing left it.
		y := d.y()
		it.draw(y)
		d.setY(y + it.h)
		onPage++
	}
}

// firstHeight is the height of a chart's first rows that must start on
// the same page as its header: two (all three of three, since the last
// two stay together), so that a header never sits over a lone row.
func firstHeight(items []rowItem) float64 {
	h := 0.0
	for _, it := range items[:leadRows(len(items))] {
		h += it.h
	}
	return h
}

// leadRows is how many of n rows start on the same page as their header.
func leadRows(n int) int {
	if n == 3 {
		return 3
	}
	return min(2, n)
}

// keepNeed is the room item i of a list needs below the cursor before it
// is written, so that the list's head (headH high, 0 for none) stays with
// its first item and the last two items stay together: no item or head
// is left alone at a page's foot or head. hs are the items' heights.
func keepNeed(i int, hs []float64, headH float64) float64 {
	n := len(hs)
	switch {
	case n == 0:
		return headH
	case i == 0 && n == 2:
		return headH + hs[0] + hs[1]
	case i == 0:
		return headH + hs[0]
	case i == n-2:
		return hs[i] + hs[i+1]
	}
	return 0
}
