package booklet

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// PDF writes the booklets of in to w as one PDF, each booklet starting on
// an odd page. The same input and options always give the same bytes.
func PDF(w io.Writer, in Input, opts Options) (Result, error) {
	d, err := booklets(in, opts)
	if err != nil {
		return Result{}, err
	}
	return d.output(w)
}

// booklets lays out and draws the booklets of in.
func booklets(in Input, opts Options) (*doc, error) {
	l, d, err := newPDF(in, &opts)
	if err != nil {
		return nil, err
	}
	if len(in.Booklets) == 0 {
		return nil, fmt.Errorf("booklet: no booklets to print")
	}
	c := newContent(in, opts, l)
	bw := &bookletWriter{d: d, c: c, opts: opts}
	d.pdf.SetHeaderFunc(bw.header)
	d.pdf.SetFooterFunc(bw.footer)
	d.meta(docDate(in.Data, opts), c.title+": "+d.clean.Line(c.site), d.clean.Line(c.partner), d.clean.Line(in.Data.Site.Organisation), c.langTag)
	for _, b := range in.Booklets {
		bw.booklet(b, len(in.Booklets) > 1)
	}
	return d, nil
}

// docDate is the PDF's date: the session's, else the day the assessment
// started, so that the same data gives the same bytes.
func docDate(d *workbook.AssessmentData, opts Options) time.Time {
	if !opts.Date.IsZero() {
		return opts.Date
	}
	if t, err := time.Parse(time.DateOnly, d.Assessment.Started); err == nil {
		return t
	}
	return time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
}

// bookletWriter writes booklets one after another into one PDF.
type bookletWriter struct {
	d    *doc
	c    *content
	opts Options
	// The page being written, for its running header and footer, and
	// the next page's, which its header takes over.
	pageState
	next *pageState
}

// pageState is what a page's header and footer say: its booklet's
// number, the booklet's first page in the file and its number of pages,
// and whether the page is the cover.
type pageState struct {
	number, first, pages int
	cover                bool
}

// booklet writes one booklet: its pages laid out first, so that every
// page can say "page 2 of 9", then drawn. With pad, a booklet of an odd
// number of pages gets a blank last page, so that the next starts on the
// front of a sheet.
func (bw *bookletWriter) booklet(b workbook.IssuedBooklet, pad bool) {
	d := bw.d
	pages := paginate(bw.groups(b), d.sz.top, d.bottom())
	n := len(pages)
	if pad && n%2 == 1 {
		pages = append(pages, []placed{{y: d.sz.top, draw: func(y float64) {
			d.cell(d.left(), y+20, d.width(), d.clean.Line(bw.c.l.T("booklet.blank_page")), "I", d.sz.body, muted, "C")
		}}})
		n++
	}
	for i, page := range pages {
		// The new page's header takes these; the footer of the page
		// before, drawn first, keeps its booklet's.
		bw.next = &pageState{number: b.Number, first: d.pdf.PageNo() + 1 - i, pages: n, cover: i == 0}
		d.pdf.AddPage()
		if i == 0 {
			d.pdf.Bookmark(bw.c.numberLabel(b.Number), 0, 0)
		}
		for _, p := range page {
			p.draw(p.y)
		}
	}
}

func (bw *bookletWriter) header() {
	d, sz := bw.d, bw.d.sz
	if bw.next != nil {
		bw.pageState, bw.next = *bw.next, nil
	}
	if bw.cover {
		return // the cover shows the number large
	}
	label := bw.c.numberLabel(bw.number)
	d.font("B", sz.furniture)
	w := d.pdf.GetStringWidth(label) + 6
	y := sz.top - line(sz.furniture) - 7
	// The number in a box at the top right of every page, where a
	// typist looks first.
	d.drawColor(ink)
	d.pdf.SetLineWidth(0.4)
	d.pdf.Rect(d.left()+d.width()-w, y-1.5, w, line(sz.furniture)+3, "D")
	d.cell(d.left()+d.width()-w, y, w, label, "B", sz.furniture, ink, "C")
	left := d.fit(d.clean.Line(bw.c.kind+" · "+bw.c.site), d.width()-w-6, "", sz.furniture)
	d.cell(d.left(), y, d.width()-w-6, left, "", sz.furniture, muted, "L")
}

func (bw *bookletWriter) footer() {
	d, sz := bw.d, bw.d.sz
	y := d.h - sz.bottom + 6
	d.drawColor(rule)
	d.pdf.SetLineWidth(0.2)
	d.pdf.Line(d.left(), y-1.5, d.left()+d.width(), y-1.5)
	page := bw.c.l.T("booklet.page", "Page", d.pdf.PageNo()-bw.first+1, "Pages", bw.pages)
	d.font("", sz.furniture)
	pw := d.pdf.GetStringWidth(page) + 2
	d.cell(d.left(), y, d.width()-pw, d.fit(bw.c.numberLabel(bw.number)+" · "+d.clean.Line(bw.c.kind), d.width()-pw-4, "", sz.furniture), "", sz.furniture, muted, "L")
	d.cell(d.left()+d.width()-pw, y, pw, page, "", sz.furniture, muted, "R")
}

// groups are the booklet's contents as groups of parts: the cover, then
// each key issue's heading and statements, then the thanks.
func (bw *bookletWriter) groups(b workbook.IssuedBooklet) []group {
	d, c, sz := bw.d, bw.c, bw.d.sz
	x, w := d.left(), d.width()
	var gs []group
	add := func(g group) { gs = append(gs, g) }
	paraPart := func(p para) part { return part{h: p.height(), draw: func(y float64) { d.drawPara(p, y) }} }
	text := func(s string, style string, size float64, col rgb, after float64) part {
		return paraPart(d.newPara(d.clean.Block(s), x, w, style, size, col, after))
	}

	// The cover: the booklet's number large, what it is, for whom.
	big := c.numberLabel(b.Number)
	add(group{parts: []part{{h: line(sz.big) + 8, draw: func(y float64) {
		d.fillColor(pale)
		d.pdf.Rect(x, y, w, line(sz.big)+5, "F")
		d.cell(x+4, y+2.5, w-8, big, "B", sz.big, ink, "L")
	}}}})
	add(group{parts: []part{
		text(c.title, "B", sz.h1, ink, 1),
		text(c.kind, "B", sz.h2, accent, 1),
		text(c.qTitle.s, "", sz.body, muted, 4),
	}})
	facts := [][2]string{
		{c.l.T("booklet.partnership"), c.partner},
		{c.l.T("booklet.site"), c.site + " · " + c.org},
	}
	if name := nameOf(b, bw.opts); name != "" {
		facts = append(facts, [2]string{c.l.T("booklet.name"), name})
	}
	var fparts []part
	labelW := 0.0
	d.font("B", sz.body)
	for _, f := range facts {
		labelW = max(labelW, d.pdf.GetStringWidth(d.clean.Line(f[0]))+4)
	}
	labelW = max(labelW, d.pdf.GetStringWidth(d.clean.Line(c.dateLabel))+4)
	labelW = min(labelW, w/3)
	for _, f := range facts {
		lab := d.newPara(d.clean.Line(f[0]), x, labelW, "B", sz.body, ink, 0)
		val := d.newPara(d.clean.Line(f[1]), x+labelW, w-labelW, "", sz.body, ink, 1.5)
		fparts = append(fparts, part{h: max(lab.height(), val.height()), draw: func(y float64) {
			d.drawPara(lab, y)
			d.drawPara(val, y)
		}})
	}
	// The date: the session's, or a line to write it on.
	fparts = append(fparts, part{h: line(sz.body) + 4, draw: func(y float64) {
		d.cell(x, y, labelW, d.clean.Line(c.dateLabel), "B", sz.body, ink, "L")
		if c.date != "" {
			d.cell(x+labelW, y, w-labelW, c.date, "", sz.body, ink, "L")
			return
		}
		d.drawColor(rule)
		d.pdf.SetLineWidth(0.3)
		d.pdf.Line(x+labelW, y+line(sz.body)-0.5, x+labelW+60, y+line(sz.body)-0.5)
	}})
	add(group{parts: fparts})
	var about []part
	for _, s := range c.about {
		about = append(about, text(s, "", sz.body, ink, 3))
	}
	add(group{parts: about})
	if b.Participant.ID == "" {
		add(bw.roleQuestion())
	}
	add(bw.section(c.howTitle, c.how))
	who := append([]string(nil), c.who...)
	if nameOf(b, bw.opts) != "" {
		who = append(who, c.l.T("booklet.who_name_printed"))
	} else {
		who = append(who, c.l.T("booklet.who_no_name"))
	}
	add(bw.section(c.whoTitle, who))

	// The statements under their key issues.
	for _, is := range c.issues {
		head := []part{text(c.keyIssueFmt(is.n, is.title.s), "B", sz.h2, accent, 1.5)}
		if is.description.s != "" {
			head = append(head, text(is.description.s, "I", sz.help, muted, 3))
		}
		head = append(head, part{h: 1, draw: func(y float64) {
			d.drawColor(accent)
			d.pdf.SetLineWidth(0.5)
			d.pdf.Line(x, y, x+w, y)
		}}, part{h: 4, draw: func(float64) {}})
		add(group{parts: head, keepNext: true})
		for _, it := range is.items {
			add(bw.statement(it))
		}
	}
	add(group{parts: []part{{h: 6, draw: func(float64) {}}, text(c.thanks, "B", sz.body, ink, 0)}})
	return gs
}

// section is a heading with a bulleted list.
func (bw *bookletWriter) section(title string, items []string) group {
	d, sz := bw.d, bw.d.sz
	x, w := d.left(), d.width()
	h := d.newPara(d.clean.Line(title), x, w, "B", sz.h2, accent, 2)
	g := group{parts: []part{{h: 3 + h.height(), draw: func(y float64) { d.drawPara(h, y+3) }}}}
	for _, s := range items {
		p := d.newBullet(d.clean.Block(s), x, w, sz.body, 1.8)
		g.parts = append(g.parts, part{h: p.height(), draw: func(y float64) { d.drawPara(p, y) }})
	}
	return g
}

// roleQuestion asks the person filling in a blank booklet which group
// they are in, so that the typist can give the new participant their
// role level.
func (bw *bookletWriter) roleQuestion() group {
	d, c, sz := bw.d, bw.c, bw.d.sz
	x, w := d.left(), d.width()
	q := d.newPara(d.clean.Line(c.role), x+3, w-6, "B", sz.body, ink, 2)
	opts := make([]string, len(c.roleOptions))
	for i, o := range c.roleOptions {
		opts[i] = d.clean.Line(o)
	}
	rows := bw.choiceRows(opts, w-6)
	h := 3 + q.height() + rows.h + 3
	return group{parts: []part{{h: h + 4, draw: func(y float64) {
		d.drawColor(ink)
		d.pdf.SetLineWidth(0.3)
		d.pdf.Rect(x, y, w, h, "D")
		d.drawPara(q, y+3)
		rows.draw(x+3, y+3+q.height())
	}}}}
}

// choices are tick boxes laid out in rows, each with its label beside it.
type choices struct {
	h    float64
	draw func(x, y float64)
}

// choiceRows lays out labelled tick boxes in as many columns as fit w.
func (bw *bookletWriter) choiceRows(labels []string, w float64) choices {
	d, sz := bw.d, bw.d.sz
	box, gap := sz.box, 2.5
	cols := 3
	if bw.opts.LargePrint {
		cols = 1
	}
	colW := w / float64(cols)
	type cell struct {
		lines []string
	}
	cells := make([]cell, len(labels))
	rowH := make([]float64, (len(labels)+cols-1)/cols)
	for i, lb := range labels {
		cells[i].lines = d.wrap(lb, colW-box-gap-2, "", sz.label)
		h := max(box, float64(len(cells[i].lines))*line(sz.label)) + 3
		rowH[i/cols] = max(rowH[i/cols], h)
	}
	total := 0.0
	for _, h := range rowH {
		total += h
	}
	return choices{h: total, draw: func(x, y float64) {
		ry := y
		for r, h := range rowH {
			for k := 0; k < cols; k++ {
				i := r*cols + k
				if i >= len(cells) {
					break
				}
				cx := x + float64(k)*colW
				d.tickBox(cx, ry, box)
				ty := ry + (box-line(sz.label))/2
				if len(cells[i].lines) > 1 {
					ty = ry
				}
				for j, s := range cells[i].lines {
					d.cell(cx+box+gap, ty+float64(j)*line(sz.label), colW-box-gap, s, "", sz.label, ink, "L")
				}
			}
			ry += h
		}
	}}
}

// tickBox draws an empty box to tick with a pen.
func (d *doc) tickBox(x, y, side float64) {
	if d.used.minBox == 0 || side < d.used.minBox {
		d.used.minBox = side
	}
	d.drawColor(ink)
	d.pdf.SetLineWidth(0.45)
	d.fillColor(white)
	d.pdf.Rect(x, y, side, side, "FD")
}

// statement is one statement with its help, its boxes and the room for a
// comment: one group, never split across pages when it fits on one.
func (bw *bookletWriter) statement(it item) group {
	d, c, sz := bw.d, bw.c, bw.d.sz
	x, w := d.left(), d.width()
	numW := 0.0
	d.font("B", sz.statement)
	numW = d.pdf.GetStringWidth("00.00") + 3
	num := d.clean.Line(it.number)
	st := d.newPara(d.clean.Block(it.text.s), x+numW, w-numW, "B", sz.statement, ink, 1.5)
	parts := []part{{h: st.height() + 2, draw: func(y float64) {
		d.cell(x, y+2, numW, num, "B", sz.statement, accent, "L")
		d.drawPara(st, y+2)
	}}}
	if it.reversed {
		p := d.newPara(d.clean.Line(c.reversed), x+numW, w-numW, "I", sz.help, ink, 1.5)
		parts = append(parts, part{h: p.height(), draw: func(y float64) { d.drawPara(p, y) }})
	}
	if it.help.s != "" {
		p := d.newPara(d.clean.Block(it.help.s), x+numW, w-numW, "I", sz.help, muted, 2.5)
		parts = append(parts, part{h: p.height(), draw: func(y float64) { d.drawPara(p, y) }})
	}
	parts = append(parts, bw.scaleBoxes(x+numW, w-numW))
	// Room for a comment: the label on the first ruled line, then more.
	lab := d.clean.Line(c.comment)
	d.font("", sz.label)
	labW := min(d.pdf.GetStringWidth(lab)+3, (w-numW)/2)
	ch := float64(sz.commentLines)*sz.commentGap + 3.5
	parts = append(parts, part{h: ch, draw: func(y float64) {
		d.cell(x+numW, y+sz.commentGap-line(sz.label), labW, d.fit(lab, labW, "", sz.label), "", sz.label, muted, "L")
		d.drawColor(rule)
		d.pdf.SetLineWidth(0.3)
		for i := 1; i <= sz.commentLines; i++ {
			ly := y + float64(i)*sz.commentGap
			lx := x + numW
			if i == 1 {
				lx += labW
			}
			d.pdf.Line(lx, ly, x+w, ly)
		}
	}})
	// A thin rule ends the statement.
	parts = append(parts, part{h: 3, draw: func(y float64) {
		d.drawColor(rgb{200, 200, 200})
		d.pdf.SetLineWidth(0.2)
		d.pdf.Line(x, y, x+w, y)
	}})
	return group{parts: parts}
}

// scaleBoxes is the row of boxes of a statement: one for each point of
// the scale, each with its number and label, then "don't know" set apart.
// Don't know goes in a row of its own when the labels need the width (in
// large print), and the boxes one under another when even that is too
// narrow for a word of a label.
func (bw *bookletWriter) scaleBoxes(x, w float64) part {
	d, c, sz := bw.d, bw.c, bw.d.sz
	scale := make([]string, len(c.scale))
	for i, s := range c.scale {
		scale[i] = d.clean.Line(s.s)
	}
	dk := d.clean.Line(c.dontKnow.s)
	gap := 5.0
	if colW := (w - gap) / float64(len(scale)+1); wordsFit(d, append(slices.Clone(scale), dk), colW-2, sz.label) {
		row := bw.boxRow(append(slices.Clone(scale), dk), colW, gap)
		return part{h: row.h, draw: func(y float64) {
			row.draw(x, y)
			// The line between the scale and don't know.
			d.drawColor(rule)
			d.pdf.SetLineWidth(0.2)
			lx := x + float64(len(scale))*colW + gap/2
			d.pdf.Line(lx, y, lx, y+row.h-2)
		}}
	}
	dkRow := bw.choiceRows([]string{dk}, w)
	if colW := w / float64(len(scale)); wordsFit(d, scale, colW-2, sz.label) {
		row := bw.boxRow(scale, colW, 0)
		return part{h: row.h + 2 + dkRow.h, draw: func(y float64) {
			row.draw(x, y)
			dkRow.draw(x, y+row.h+2)
		}}
	}
	labels := make([]string, len(scale))
	for i, s := range scale {
		labels[i] = strconv.Itoa(i+1) + " " + s
	}
	rows := bw.choiceRows(labels, w)
	return part{h: rows.h + 3 + dkRow.h, draw: func(y float64) {
		rows.draw(x, y)
		dkRow.draw(x, y+rows.h+3)
	}}
}

// boxRow lays out boxes side by side, colW wide each, with their labels
// under them: the scale's points numbered from 1, and after them, gap
// further on, one more unnumbered (don't know) when labels has more than
// the scale's points.
func (bw *bookletWriter) boxRow(labels []string, colW, gap float64) choices {
	d, sz := bw.d, bw.d.sz
	points := len(bw.c.scale)
	cols := make([][]string, len(labels))
	tallest := 0
	for i, s := range labels {
		cols[i] = d.wrap(s, colW-2, "", sz.label)
		tallest = max(tallest, len(cols[i]))
	}
	box, numH := sz.box, line(sz.label)
	h := box + 1 + numH + float64(tallest)*line(sz.label) + 2
	return choices{h: h, draw: func(x, y float64) {
		for i := range labels {
			cx := x + float64(i)*colW
			if i >= points {
				cx += gap
			}
			d.tickBox(cx+(colW-box)/2, y, box)
			if i < points {
				d.cell(cx, y+box+1, colW, strconv.Itoa(i+1), "B", sz.label, ink, "C")
			}
			for j, s := range cols[i] {
				d.cell(cx, y+box+1+numH+float64(j)*line(sz.label), colW, s, "", sz.label, ink, "C")
			}
		}
	}}
}

// wordsFit reports whether every word of labels fits w at size points.
func wordsFit(d *doc, labels []string, w, size float64) bool {
	d.font("", size)
	for _, lb := range labels {
		for _, word := range strings.Fields(lb) {
			if d.pdf.GetStringWidth(word) > w {
				return false
			}
		}
	}
	return true
}
