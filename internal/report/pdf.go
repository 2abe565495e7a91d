package report

import (
	"math"
	"strings"
)

// pdfOut is the PDF edition of a report: the section code's content set on
// pages by [doc], which it embeds for headings, paragraphs and tables.
type pdfOut struct {
	*doc
}

// title draws the top of the cover.
func (p *pdfOut) title(t titleBlock) {
	if t.compare {
		p.compareTitle(t)
		return
	}
	d := p.doc
	d.addPage()
	d.fill(0, 0, d.w, 9, blue)
	d.setY(34)
	d.font("B", sizeSmall)
	d.textColor(blue)
	d.text(d.left(), d.y(), d.width(), 5, strings.ToUpper(t.kicker), "L")
	d.setY(d.y() + 7)
	d.bookmark(h1, d.l.Cover, 0)
	for _, s := range d.wrap(t.title, d.width(), "B", 26) {
		d.font("B", 26)
		d.textColor(ink)
		d.text(d.left(), d.y(), d.width(), 11, s, "L")
		d.setY(d.y() + 11)
	}
	d.setY(d.y() + 3)
	d.para(t.site, style{font: "B", size: 16, line: 7.5, color: blue})
	d.para(t.org, style{size: 12, line: 6, color: muted, after: 8})
	if t.draft != "" {
		d.para(t.draft, style{font: "B", size: 14, line: 7, color: vermillionInk, after: 6})
	}
}

// compareTitle draws the top of the comparison's cover.
func (p *pdfOut) compareTitle(t titleBlock) {
	d := p.doc
	d.addPage()
	d.fill(0, 0, d.w, 9, blue)
	d.setY(30)
	d.font("B", sizeSmall)
	d.textColor(blue)
	d.text(d.left(), d.y(), d.width(), 5, strings.ToUpper(t.kicker), "L")
	d.setY(d.y() + 7)
	d.bookmark(h1, t.title, 0)
	d.para(t.title, style{font: "B", size: 26, line: 11, color: ink, after: 2})
	d.para(t.subtitle, style{size: 12, line: 6, color: muted, after: 6})
}

// bullets writes a list under an optional head (in bold), keeping the
// head with the first item and the last two items together.
func (p *pdfOut) bullets(head string, items []string) {
	d := p.doc
	const indent = 5
	hs := make([]float64, len(items))
	wrapped := make([][]string, len(items))
	for i, s := range items {
		wrapped[i] = d.wrap(s, d.width()-indent, "", sizeBody)
		// A long item may break across pages: two lines of it must fit.
		hs[i] = float64(min(len(wrapped[i]), 2))*lineBody + 0.8
	}
	headH := 0.0
	if head != "" {
		headH = d.paraHeight(head, strong)
	}
	for i, lines := range wrapped {
		if need := keepNeed(i, hs, headH); need > 0 {
			d.ensure(need)
		}
		if i == 0 && head != "" {
			d.para(head, strong)
		}
		d.ensure(float64(keepLines(len(lines))) * lineBody)
		d.font("", sizeBody)
		d.textColor(blue)
		d.text(d.left()+1, d.y(), 4, lineBody, "•", "L")
		d.lines(lines, d.left()+indent, d.width()-indent, style{size: sizeBody, line: lineBody, color: ink, after: 0.8})
	}
	if len(items) == 0 && head != "" {
		d.para(head, strong)
	}
}

// plainList writes each item as an indented paragraph after a bullet.
func (p *pdfOut) plainList(items []string) {
	for _, s := range items {
		p.para("• "+s, style{size: sizeBody, line: lineBody, color: ink, indent: 4, after: 1})
	}
}

// key writes one line of a table's key for each code: the code and what
// it stands for.
func (p *pdfOut) key(codes, texts []string) {
	for i, c := range codes {
		p.para(c+"  "+texts[i], style{size: sizeSmall, line: lineSmall, color: ink, indent: 4, after: 0.6})
	}
}

// table draws t, with the bars of its columns.
func (p *pdfOut) table(t table) {
	for k := range t.cols {
		if bars := t.cols[k].bars; bars != nil {
			t.cols = append([]column(nil), t.cols...)
			t.cols[k].draw = func(i int, x, y, w, h float64) {
				if i < len(bars) {
					p.bar(bars[i], x, y, w, h)
				}
			}
		}
	}
	p.doc.table(t)
}

// statement writes one statement's figures, notes and comments. An item
// that fits in under half a page is kept on one page; a longer one starts
// with at least its figures and two comments.
func (p *pdfOut) statement(b statementBlock) {
	d := p.doc
	labelSt := style{font: "B", size: sizeBody, line: lineBody, color: ink, after: 0.5}
	headSt := style{font: "B", size: sizeBody, line: lineBody, color: ink, after: 0.5}
	commentSt := style{size: sizeBody, line: lineBody, color: ink, indent: 4, after: 0.8}

	hs := make([]float64, len(b.comments))
	commentsH := 0.0
	for i, c := range b.comments {
		h := d.paraHeight(c, commentSt)
		commentsH += h
		// A long comment may break across pages: two lines of it must fit.
		hs[i] = min(h, 2*commentSt.line+commentSt.after)
	}
	// How much room the item takes, and how much of it must start on
	// this page.
	lines := d.wrap(b.label, d.width(), labelSt.font, labelSt.size)
	top := float64(len(lines))*labelSt.line + labelSt.after + d.tableHeight(b.stats)
	if b.flags != "" {
		top += d.paraHeight(b.flags, note)
	}
	total := top
	for _, s := range b.paras {
		total += d.paraHeight(s, small)
	}
	if len(b.comments) > 0 {
		total += d.paraHeight(b.commentsHead, headSt) + commentsH
	}
	need := total
	if total > 0.5*(d.bottom()-marginTop) {
		need = top + d.paraHeight(b.commentsHead, headSt) + keepNeed(0, hs, 0)
	}
	d.gap(3)
	d.ensure(need)

	d.lines(lines, d.left(), d.width(), labelSt)
	if b.flags != "" {
		d.para(b.flags, note)
	}
	d.table(b.stats)
	for _, s := range b.paras {
		d.para(s, small)
	}
	for i, text := range b.comments {
		if need := keepNeed(i, hs, d.paraHeight(b.commentsHead, headSt)); need > 0 {
			d.ensure(need)
		}
		if i == 0 {
			d.para(b.commentsHead, headSt)
		}
		d.para(text, commentSt)
	}
}

// Measures of the comparison's grids and charts, in millimetres.
const (
	cmpSiteW   = 44.0 // the column of site names
	cmpFigW    = 40.0 // the column of figures beside a chart
	cmpRowMinH = 11.0 // the least height of a grid or chart row
)

// grid draws the sites-by-key-issues grid: each cell the headline mean,
// its band (shaded and named) and n.
func (p *pdfOut) grid(g gridChart) {
	d := p.doc
	colW := (d.width() - cmpSiteW) / float64(len(g.issues))
	heads := make([][]string, len(g.issues))
	lines := 1
	for k, is := range g.issues {
		heads[k] = d.wrap(is, colW-2*cellPad, "B", sizeTiny)
		lines = max(lines, len(heads[k]))
	}
	headH := float64(lines)*lineTiny + 2*cellPad
	header := func(y float64) float64 {
		d.fill(d.left(), y, d.width(), headH, paleGrey)
		d.font("B", sizeTiny)
		d.textColor(ink)
		d.text(d.left()+cellPad, y+cellPad, cmpSiteW-2*cellPad, lineTiny, g.siteHead, "L")
		for k, ls := range heads {
			x := d.left() + cmpSiteW + float64(k)*colW
			for j, s := range ls {
				d.text(x+cellPad, y+cellPad+float64(j)*lineTiny, colW-2*cellPad, lineTiny, s, "C")
			}
		}
		return headH
	}
	items := make([]rowItem, 0, len(g.rows))
	for _, row := range g.rows {
		name := d.wrap(row.site, cmpSiteW-2*cellPad, "B", sizeSmall)
		h := math.Max(float64(len(name))*lineSmall+2*cellPad, cmpRowMinH)
		for _, c := range row.cells {
			h = math.Max(h, p.gridCellHeight(c, colW))
		}
		items = append(items, rowItem{h: h, draw: func(y float64) {
			d.font("B", sizeSmall)
			d.textColor(ink)
			for j, s := range name {
				d.text(d.left()+cellPad, y+cellPad+float64(j)*lineSmall, cmpSiteW-2*cellPad, lineSmall, s, "L")
			}
			for k, c := range row.cells {
				x := d.left() + cmpSiteW + float64(k)*colW
				p.gridCell(c, x, y, colW, h)
			}
			d.drawColor(rule)
			d.pdf.SetLineWidth(0.15)
			d.pdf.Line(d.left(), y+h, d.left()+d.width(), y+h)
		}})
	}
	d.rows(header, headH, items)
	d.setY(d.y() + paraSpacing)
}

// gridCell draws one site's figures for one key issue in the box: its
// headline score (everyone's, or the insiders' where the outsiders are too
// few to pool), its band and whose it is, centred.
func (p *pdfOut) gridCell(c gridCell, x, y, w, h float64) {
	d := p.doc
	if c.none {
		return
	}
	lines := p.gridCellLines(c, w)
	ty := y + (h-p.gridCellHeight(c, w))/2 + cellPad
	if !c.shown {
		d.font("I", sizeTiny)
		d.textColor(muted)
		for j, line := range lines {
			d.text(x+cellPad, ty+float64(j)*lineTiny, w-2*cellPad, lineTiny, line, "C")
		}
		d.textColor(ink)
		return
	}
	// The tint stops 0.3 mm short of each edge: a white line between
	// cells.
	d.fill(x+0.3, y+0.3, w-0.6, h-0.6, bandTint(c.band))
	d.font("B", sizeBody)
	d.textColor(ink)
	d.text(x, ty, w, lineBody, c.mean, "C")
	d.font("", sizeTiny)
	for j, line := range lines {
		d.text(x+cellPad, ty+lineBody+float64(j)*lineTiny, w-2*cellPad, lineTiny, line, "C")
	}
}

// gridCellLines are the lines of a grid cell of width w under its mean:
// its band and whose it is with n, or why it is not shown.
func (p *pdfOut) gridCellLines(c gridCell, w float64) []string {
	if !c.shown {
		return p.wrap(c.why, w-2*cellPad, "I", sizeTiny)
	}
	return p.wrap(c.sub, w-2*cellPad, "", sizeTiny)
}

// gridCellHeight is the height a grid cell's text takes with its padding.
func (p *pdfOut) gridCellHeight(c gridCell, w float64) float64 {
	if c.none {
		return 0
	}
	h := float64(len(p.gridCellLines(c, w)))*lineTiny + 2*cellPad
	if c.shown {
		h += lineBody
	}
	return h
}

// spreadLegend draws the key of the spread charts at the cursor.
func (p *pdfOut) spreadLegend(insiders, outsiders, text string) {
	p.ensure(p.keyHeight(insiders, outsiders, text))
	p.legend(insiders, outsiders, text)
}

// spreadAxis is the plot of a spread chart on a site's scale.
func (p *pdfOut) spreadAxis(s plotScale) scaleAxis {
	d := p.doc
	return scaleAxis{
		x0: d.left() + cmpSiteW + 4, x1: d.left() + d.width() - cmpFigW - 4,
		points: s.points, scale: s,
	}
}

// spreadHeader draws the band names and scale points over a spread chart
// and returns its height.
func (p *pdfOut) spreadHeader(c spreadChart, a scaleAxis, y float64) float64 {
	d := p.doc
	const h = axisH
	low := y + bandH + 0.4 // the line of the scale's numbers and the column titles
	for _, b := range a.scale.bands() {
		d.fill(a.x(b.from), y, a.x(b.to)-a.x(b.from), bandH, b.tint)
		d.font("B", sizeTiny)
		d.textColor(ink)
		d.text(a.x(b.from), y+0.45, a.x(b.to)-a.x(b.from), lineTiny, d.fit(b.name, a.x(b.to)-a.x(b.from)-1, "B", sizeTiny), "C")
	}
	d.font("", sizeTick)
	d.textColor(muted)
	for v := 1; v <= a.points; v++ {
		d.text(a.x(float64(v))-4, low, 8, lineTiny, a.scale.ticks[v-1], "C")
	}
	d.font("B", sizeTiny)
	d.textColor(ink)
	d.text(d.left(), low, cmpSiteW, lineTiny, c.head, "L")
	d.text(d.left()+d.width()-cmpFigW, low, cmpFigW, lineTiny, c.figHead, "R")
	d.drawColor(grey)
	d.pdf.SetLineWidth(0.2)
	d.pdf.Line(d.left(), y+h-0.3, d.left()+d.width(), y+h-0.3)
	return h
}

// spreadChart draws one compared key issue: a row per site with the
// insiders' and outsiders' means, each with a line one standard deviation
// either side, on the site's own bands.
func (p *pdfOut) spreadChart(c spreadChart) {
	d := p.doc
	first := p.spreadAxis(c.rows[0].scale)
	items := make([]rowItem, 0, len(c.rows))
	for _, row := range c.rows {
		a := p.spreadAxis(row.scale)
		name := d.wrap(row.site, cmpSiteW, "", sizeSmall)
		h := p.spreadRowHeight(row.site)
		items = append(items, rowItem{h: h, draw: func(y float64) {
			p.shadeBands(a, y, h)
			d.font("", sizeSmall)
			d.textColor(ink)
			for j, s := range name {
				d.text(d.left(), y+1+float64(j)*lineSmall, cmpSiteW, lineSmall, s, "L")
			}
			if !row.none {
				mid := y + h/2
				p.spreadValue(a, row.ins, mid-2.4, p.insiderMark)
				p.spreadValue(a, row.outs, mid+2.4, p.outsiderMark)
			}
			d.drawColor(rule)
			d.pdf.SetLineWidth(0.15)
			d.pdf.Line(d.left(), y+h, d.left()+d.width(), y+h)
		}})
	}
	d.rows(func(y float64) float64 { return p.spreadHeader(c, first, y) }, axisH, items)
	d.setY(d.y() + paraSpacing)
}

// spreadRowHeight is the height of a site's row in a spread chart.
func (p *pdfOut) spreadRowHeight(site string) float64 {
	return math.Max(float64(len(p.wrap(site, cmpSiteW, "", sizeSmall)))*lineSmall+2, cmpRowMinH)
}

// spreadKeep is the room a spread chart's heading keeps below it: the
// whole chart when it takes less than half a page, so that a short chart
// is never split, else its header and first two rows.
func (p *pdfOut) spreadKeep(sites []string) float64 {
	all, first := axisH, axisH
	for i, s := range sites {
		h := p.spreadRowHeight(s)
		all += h
		if i < leadRows(len(sites)) {
			first += h
		}
	}
	if all <= 0.5*(p.bottom()-marginTop) {
		return all
	}
	return first
}

// contents keeps the page of the contents list after the cover.
func (p *pdfOut) contents(title string) { p.reserveContents(title) }

// spreadValue draws one group's mean with its spread on the line at y, and
// its figures on the right; or why it is not shown.
func (p *pdfOut) spreadValue(a scaleAxis, s spreadValue, y float64, mark func(x, y float64)) {
	d := p.doc
	figX := d.left() + d.width() - cmpFigW
	d.font("", sizeTiny)
	d.textColor(muted)
	if !s.shown {
		d.text(figX, y-lineTiny/2, cmpFigW, lineTiny, s.figs, "R")
		d.font("I", sizeTiny)
		d.text(a.x0+1, y-lineTiny/2, a.x1-a.x0-2, lineTiny, d.fit(s.why, a.x1-a.x0-2, "I", sizeTiny), "L")
		d.textColor(ink)
		return
	}
	d.textColor(ink)
	d.text(figX, y-lineTiny/2, cmpFigW, lineTiny, s.figs, "R")
	if s.sd > 0 {
		d.drawColor(ink)
		d.pdf.SetLineWidth(0.35)
		lo, hi := a.x(s.mean-s.sd), a.x(s.mean+s.sd)
		d.pdf.Line(lo, y, hi, y)
		d.pdf.Line(lo, y-0.8, lo, y+0.8)
		d.pdf.Line(hi, y-0.8, hi, y+0.8)
	}
	mark(a.x(s.mean), y)
}
