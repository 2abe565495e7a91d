package report

import "strconv"

// The contents page: after the cover, the report's parts (h1) and their
// sections (h2) with the page each starts on, each entry a link to it.
//
// Page numbers are known only once the report is laid out, and fpdf
// cannot insert a page before others. So the report keeps its contents
// pages empty after the cover ([doc.reserveContents]), every heading
// after them records where it is and sets a link there, and
// [doc.writeContents] goes back to the kept pages and writes the entries
// when everything else is laid out. One page holds about forty entries;
// when the entries need more pages than were kept, the report is laid out
// again with as many kept (the entries do not depend on the page numbers,
// so the second layout is the last).

// contents is a document's contents pages and entries.
type contents struct {
	// pages is how many pages to keep for the contents; first is the
	// first of them, 0 until they are kept; top is where the entries
	// start on the first, under the heading.
	pages, first int
	top          float64
	entries      []contentsEntry
}

// contentsEntry is one heading listed in the contents.
type contentsEntry struct {
	level int // h1 or h2
	text  string
	page  int
	link  int
}

// Measures of the contents' entries, in millimetres.
const (
	contentsNumW    = 14.0 // the column of page numbers
	contentsIndent  = 7.0  // a section's indent under its part
	contentsPartGap = 2.5  // the space above a part
)

// reserveContents keeps the contents pages after what is laid out so far
// (the cover), with the heading title on the first.
func (d *doc) reserveContents(title string) {
	d.addPage()
	d.heading(h1, title, 0)
	d.toc.first, d.toc.top = d.pageNo(), d.y()
	for range d.toc.pages - 1 {
		d.addPage()
	}
	d.setY(d.bottom()) // the last page kept is full: what follows starts a new one
}

// listHeading records a heading just laid out at the cursor, when it is a
// part or a section after the contents pages, and links it.
func (d *doc) listHeading(level int, text string) {
	if d.toc.first == 0 || level > h2 {
		return
	}
	link := d.pdf.AddLink()
	d.pdf.SetLink(link, d.y(), -1)
	d.toc.entries = append(d.toc.entries, contentsEntry{level: level, text: text, page: d.pageNo(), link: link})
}

// contentsEntryLines is how an entry is set: its font style, its indent
// and its wrapped text.
func (d *doc) contentsEntryLines(e contentsEntry) (style string, indent float64, lines []string) {
	if e.level == h1 {
		style = "B"
	} else {
		indent = contentsIndent
	}
	return style, indent, d.wrap(e.text, d.width()-indent-contentsNumW-4, style, sizeBody)
}

// contentsEntryHeight is the height an entry takes, with the space above
// it.
func (d *doc) contentsEntryHeight(e contentsEntry, lines int) float64 {
	h := float64(lines) * lineBody
	if e.level == h1 {
		h += contentsPartGap
	}
	return h
}

// contentsPlace is where an entry goes: on the contents' page-th page
// (from 0), at y.
type contentsPlace struct {
	page int
	y    float64
}

// contentsLayout places the entries one under another over as many pages
// as they need, a part never last on a page without its first section.
func (d *doc) contentsLayout() []contentsPlace {
	hs := make([]float64, len(d.toc.entries))
	for i, e := range d.toc.entries {
		_, _, lines := d.contentsEntryLines(e)
		hs[i] = d.contentsEntryHeight(e, len(lines))
	}
	places := make([]contentsPlace, len(hs))
	page, y := 0, d.toc.top
	for i, e := range d.toc.entries {
		need := hs[i]
		if e.level == h1 && i+1 < len(hs) && d.toc.entries[i+1].level == h2 {
			need += hs[i+1]
		}
		if y+need > d.bottom() && y > marginTop {
			page++
			y = marginTop
		}
		places[i] = contentsPlace{page, y}
		y += hs[i]
	}
	return places
}

// contentsPagesNeeded is how many pages the entries take.
func (d *doc) contentsPagesNeeded() int {
	places := d.contentsLayout()
	if len(places) == 0 {
		return 1
	}
	return places[len(places)-1].page + 1
}

// writeContents writes the entries on the pages kept for them and returns
// to the last page. It reports false, writing nothing, when they need
// more pages than were kept.
func (d *doc) writeContents() bool {
	if d.toc.first == 0 {
		return true
	}
	if d.contentsPagesNeeded() > d.toc.pages {
		return false
	}
	last, page := d.pageNo(), -1
	for i, place := range d.contentsLayout() {
		e := d.toc.entries[i]
		if place.page != page {
			page = place.page
			d.resumePage(d.toc.first + page)
		}
		style, indent, lines := d.contentsEntryLines(e)
		top, y := place.y, place.y
		if e.level == h1 {
			y += contentsPartGap
		}
		x := d.left() + indent
		d.font(style, sizeBody)
		d.textColor(ink)
		for _, s := range lines {
			d.text(x, y, d.width()-indent-contentsNumW, lineBody, s, "L")
			y += lineBody
		}
		// Dotted leaders from the text's end to the page number.
		end := x + d.pdf.GetStringWidth(lines[len(lines)-1]) + 2
		numX := d.left() + d.width() - contentsNumW
		if end < numX-2 {
			base := y - lineBody*0.3
			d.drawColor(grey)
			d.pdf.SetLineWidth(0.3)
			d.pdf.SetDashPattern([]float64{0.3, 1.2}, 0)
			d.pdf.Line(end, base, numX-1, base)
			d.pdf.SetDashPattern(nil, 0)
		}
		d.font(style, sizeBody)
		d.text(numX, y-lineBody, contentsNumW, lineBody, strconv.Itoa(e.page), "R")
		d.pdf.Link(d.left(), top, d.width(), y-top, e.link)
	}
	d.resumePage(last)
	d.textColor(ink)
	return true
}

// resumePage makes page n the one drawn on. fpdf leaves the font as it
// was on the page drawn last, not as the content of page n left it, so
// the font is set anew before anything is written.
func (d *doc) resumePage(n int) {
	d.pdf.SetPage(n)
	d.inks.newPage()
	d.pdf.SetFont(family, "", 1) // a size no text has: the next font is written out
}
