package report

import (
	"math"

	"codeberg.org/go-pdf/fpdf"
)

// scaleAxis maps scores on a 1..points scale to x positions of a plot, and
// knows the bands the plot is shaded with. The shading reaches pad beyond
// the first and last points, so that dots centred on them stay inside it.
type scaleAxis struct {
	x0, x1 float64
	pad    float64
	points int
	scale  plotScale
}

func (a scaleAxis) x(v float64) float64 {
	v = math.Max(1, math.Min(float64(a.points), v))
	return a.x0 + (v-1)/float64(a.points-1)*(a.x1-a.x0)
}

// step is the distance between two points of the scale.
func (a scaleAxis) step() float64 { return (a.x1 - a.x0) / float64(a.points-1) }

// bandX is the x of a band edge: the scale's ends take the padding.
func (a scaleAxis) bandX(v float64) float64 {
	switch {
	case v <= 1:
		return a.x(1) - a.pad
	case v >= float64(a.points):
		return a.x(float64(a.points)) + a.pad
	}
	return a.x(v)
}

// chartFrame is the split of the text width between the row labels, the
// plot and a column of figures on the right.
type chartFrame struct {
	labelX, labelW float64
	axis           scaleAxis
	figX, figW     float64
}

func (p *pdfOut) frame(s plotScale) chartFrame {
	d := p.doc
	labelW := d.width() * 0.40
	figW := 24.0
	left, right := d.left()+labelW+4, d.left()+d.width()-figW-3
	// The padding is 0.3 of a step between points, so that a column of
	// dots (at most 0.55 of a step wide) fits inside the shading.
	pad := 0.3 * (right - left) / (float64(s.points-1) + 0.6)
	return chartFrame{
		labelX: d.left(), labelW: labelW,
		axis: scaleAxis{
			x0: left + pad, x1: right - pad, pad: pad,
			points: s.points, scale: s,
		},
		figX: d.left() + d.width() - figW, figW: figW,
	}
}

// shadeBands fills the plot's band areas between y and y+h, with thin
// white lines at every scale point.
func (p *pdfOut) shadeBands(a scaleAxis, y, h float64) {
	pdf := p.pdf
	for _, b := range a.scale.bands() {
		p.fill(a.bandX(b.from), y, a.bandX(b.to)-a.bandX(b.from), h, b.tint)
	}
	p.drawColor(white)
	pdf.SetLineWidth(0.25)
	for v := 1; v <= a.points; v++ {
		x := a.x(float64(v))
		pdf.Line(x, y, x, y+h)
	}
}

// axisH and legendH are the heights of a chart's header and legend (of
// one line), bandH that of the strip of band names at the header's top.
const (
	axisH   = 11.0
	legendH = 7.0
	bandH   = lineTiny + 0.9
)

// axisHeader draws the band names and the scale's numbers above a plot and
// returns its height.
func (p *pdfOut) axisHeader(f chartFrame, y float64, left, nHead string) float64 {
	d, a := p.doc, f.axis
	const h = axisH
	low := y + bandH + 0.4 // the line of the scale's numbers and the column titles
	d.font("B", sizeTiny)
	d.textColor(ink)
	if left != "" {
		d.text(f.labelX, low, f.labelW, lineTiny, left, "L")
	}
	for _, b := range a.scale.bands() {
		x0, x1 := a.bandX(b.from), a.bandX(b.to)
		d.fill(x0, y, x1-x0, bandH, b.tint)
		d.font("B", sizeTiny)
		d.text(x0, y+0.45, x1-x0, lineTiny, d.fit(b.name, x1-x0-1, "B", sizeTiny), "C")
	}
	d.font("", sizeTick)
	d.textColor(muted)
	for v := 1; v <= a.points; v++ {
		x := a.x(float64(v))
		d.text(x-4, low, 8, lineTiny, a.scale.ticks[v-1], "C")
	}
	d.font("B", sizeTiny)
	d.textColor(ink)
	d.text(f.figX, low, f.figW, lineTiny, nHead, "R")
	d.drawColor(grey)
	d.pdf.SetLineWidth(0.2)
	d.pdf.Line(f.labelX, y+h-0.3, f.figX+f.figW, y+h-0.3)
	return h
}

// marker shapes: insiders are circles, outsiders triangles, so that the
// two groups differ in shape as well as colour.
func (p *pdfOut) insiderMark(x, y float64) {
	p.fillColor(blue)
	p.drawColor(black)
	p.pdf.SetLineWidth(0.2)
	p.pdf.Circle(x, y, 1.35, "FD")
}

func (p *pdfOut) outsiderMark(x, y float64) {
	p.fillColor(vermillion)
	p.drawColor(black)
	p.pdf.SetLineWidth(0.2)
	const s = 1.6
	p.pdf.Polygon([]fpdf.PointType{{X: x, Y: y - s}, {X: x + s, Y: y + s*0.8}, {X: x - s, Y: y + s*0.8}}, "FD")
}

// legend draws a chart's key at the cursor: the insiders' and outsiders'
// marks with their names, then what the chart shows, wrapped beside them.
func (p *pdfOut) legend(ins, outs, what string) {
	d := p.doc
	top := d.y()
	y := top + 2.5
	x := d.left()
	d.font("", sizeSmall)
	d.textColor(ink)
	for _, k := range []struct {
		mark func(x, y float64)
		name string
	}{{p.insiderMark, ins}, {p.outsiderMark, outs}} {
		k.mark(x+1.5, y)
		w := d.pdf.GetStringWidth(k.name)
		d.text(x+4, y-lineSmall/2, w+1, lineSmall, k.name, "L")
		x += 4 + w + 6
	}
	tx, lines := p.legendText(ins, outs, what)
	d.textColor(muted)
	for i, s := range lines {
		d.text(tx, y-lineSmall/2+float64(i)*lineSmall, d.left()+d.width()-tx, lineSmall, s, "L")
	}
	d.textColor(ink)
	d.setY(top + legendHeight(len(lines)))
}

// legendText is where a legend's explanation starts, after the two
// groups' marks and names, and its wrapped lines.
func (p *pdfOut) legendText(ins, outs, what string) (x float64, lines []string) {
	d := p.doc
	d.font("", sizeSmall)
	x = d.left() + 4 + d.pdf.GetStringWidth(ins) + 6 + 4 + d.pdf.GetStringWidth(outs) + 6
	return x, d.wrap(what, d.left()+d.width()-x, "", sizeSmall)
}

// legendHeight is the height of a legend whose explanation takes n lines.
func legendHeight(n int) float64 { return 2.5 + lineSmall/2 + float64(n-1)*lineSmall + 1.5 }

// keyHeight is the height of the legend of insiders and outsiders with
// what the chart shows.
func (p *pdfOut) keyHeight(ins, outs, what string) float64 {
	_, key := p.legendText(ins, outs, what)
	return legendHeight(len(key))
}

// meansChart draws the legend and rows of insider and outsider means on
// the scale, with the bands shaded.
func (p *pdfOut) meansChart(c meansChart) {
	d, f := p.doc, p.frame(c.scale)
	defer func() { d.setY(d.y() + paraSpacing) }()
	items := make([]rowItem, 0, len(c.rows))
	for _, row := range c.rows {
		st := ""
		if row.bold {
			st = "B"
		}
		lines := d.wrap(row.label, f.labelW, st, sizeSmall)
		h := math.Max(float64(len(lines))*lineSmall+2, 11)
		items = append(items, rowItem{h: h, draw: func(y float64) {
			p.shadeBands(f.axis, y, h)
			d.font(st, sizeSmall)
			d.textColor(ink)
			for i, s := range lines {
				d.text(f.labelX, y+1+float64(i)*lineSmall, f.labelW, lineSmall, s, "L")
			}
			mid := y + h/2
			for _, g := range []struct {
				v    groupValue
				y    float64
				mark func(x, y float64)
			}{{row.ins, mid - 2.4, p.insiderMark}, {row.outs, mid + 2.4, p.outsiderMark}} {
				if g.v.absent {
					continue
				}
				p.compareValue(f, g.v, g.y, g.mark)
				p.markedN(f, g.y, g.v.nText, g.mark)
			}
			d.drawColor(rule)
			d.pdf.SetLineWidth(0.15)
			d.pdf.Line(f.labelX, y+h, f.figX+f.figW, y+h)
		}})
	}
	// The legend goes with the chart's header and first rows.
	d.ensure(p.keyHeight(c.insiders, c.outsiders, c.legend) + axisH + firstHeight(items))
	p.legend(c.insiders, c.outsiders, c.legend)
	d.rows(func(y float64) float64 { return p.axisHeader(f, y, c.head, c.nHead) }, axisH, items)
}

// markedN writes a group's n in the figures column, right-aligned on the
// line at y, after the group's mark, so that it reads without a key.
func (p *pdfOut) markedN(f chartFrame, y float64, s string, mark func(x, y float64)) {
	d := p.doc
	d.font("", sizeTiny)
	w := d.pdf.GetStringWidth(s)
	mark(f.figX+f.figW-w-2.6, y)
	d.textColor(muted)
	d.text(f.figX, y-lineTiny/2, f.figW, lineTiny, s, "R")
	d.textColor(ink)
}

// compareValue draws one group's mark and value on the line at y, or says
// why it is not shown.
func (p *pdfOut) compareValue(f chartFrame, v groupValue, y float64, mark func(x, y float64)) {
	d, a := p.doc, f.axis
	if !v.shown {
		d.font("I", sizeTiny)
		d.textColor(muted)
		x0, x1 := a.bandX(1), a.bandX(float64(a.points))
		d.text(x0+1, y-lineTiny/2, x1-x0-2, lineTiny, d.fit(v.why, x1-x0-2, "I", sizeTiny), "L")
		return
	}
	x := a.x(v.mean)
	mark(x, y)
	d.font("B", sizeTiny)
	d.textColor(ink)
	label := v.text
	w := d.pdf.GetStringWidth(label)
	if x+2.5+w > a.bandX(float64(a.points)) {
		d.text(x-2.5-w, y-lineTiny/2, w, lineTiny, label, "R")
	} else {
		d.text(x+2.5, y-lineTiny/2, w, lineTiny, label, "L")
	}
}

const (
	dotR    = 0.8 // dot radius
	dotStep = 1.9 // distance between dot centres
)

// dotsPerLine is how many dots sit side by side over one score: a column
// at most 0.55 of a step wide, so that the columns of neighbouring scores
// stay apart and each reads as one score.
func dotsPerLine(a scaleAxis) int {
	return max(1, int(0.55*a.step()/dotStep))
}

// dotChart draws, for each statement, every score as a dot in a column over
// its value (a dot plot), the range they span and the mean as a line.
func (p *pdfOut) dotChart(c dotChart) {
	d, f := p.doc, p.frame(c.scale)
	perLine := dotsPerLine(f.axis)
	items := make([]rowItem, 0, len(c.rows))
	for _, row := range c.rows {
		lines := d.wrap(row.label, f.labelW, "", sizeSmall)
		stacks := 1
		counts := make([]int, f.axis.points+1)
		for _, s := range row.scores {
			counts[s]++
			stacks = max(stacks, (counts[s]+perLine-1)/perLine)
		}
		figH := 1 + lineSmall + float64(len(p.whoseLines(f, row)))*lineTiny + 1.5 // mean, whose and n
		if row.contested {
			figH += lineTiny
		}
		h := max(float64(len(lines))*lineSmall+2, float64(stacks)*dotStep+4.5, figH, 10)
		items = append(items, rowItem{h: h, draw: func(y float64) {
			p.shadeBands(f.axis, y, h)
			d.font("", sizeSmall)
			d.textColor(ink)
			for i, s := range lines {
				d.text(f.labelX, y+1+float64(i)*lineSmall, f.labelW, lineSmall, s, "L")
			}
			p.dots(f, row, counts, perLine, y, h)
			d.drawColor(rule)
			d.pdf.SetLineWidth(0.15)
			d.pdf.Line(f.labelX, y+h, f.figX+f.figW, y+h)
		}})
	}
	d.rows(func(y float64) float64 { return p.axisHeader(f, y, c.head, c.nHead) }, axisH, items)
	d.setY(d.y() + paraSpacing)
}

// dots draws one row's dots, range, mean and figures.
func (p *pdfOut) dots(f chartFrame, row dotRow, counts []int, perLine int, y, h float64) {
	d, a := p.doc, f.axis
	if !row.shown {
		x0, x1 := a.bandX(1), a.bandX(float64(a.points))
		d.font("I", sizeTiny)
		d.textColor(muted)
		d.text(x0+1, y+h/2-lineTiny/2, x1-x0-2, lineTiny, d.fit(row.why, x1-x0-2, "I", sizeTiny), "L")
		d.text(f.figX, y+h/2-lineTiny/2, f.figW, lineTiny, row.nText, "R")
		return
	}
	base := y + h - 2.2 // centre of the lowest line of dots
	lo, hi := row.scores[0], row.scores[len(row.scores)-1]
	d.drawColor(grey)
	d.pdf.SetLineWidth(0.3)
	d.pdf.Line(a.x(float64(lo)), base, a.x(float64(hi)), base)
	d.drawColor(white)
	d.pdf.SetLineWidth(0.15)
	for v := 1; v < len(counts); v++ {
		c := counts[v]
		outs := 0
		if v < len(row.outsiders) {
			outs = row.outsiders[v]
		}
		for i := range c {
			line, pos := i/perLine, i%perLine
			inLine := min(perLine, c-line*perLine)
			x := a.x(float64(v)) + (float64(pos)-float64(inLine-1)/2)*dotStep
			y := base - float64(line)*dotStep
			if i >= c-outs {
				// An outsider's score: a triangle, as in the legend.
				d.fillColor(vermillion)
				s := dotR * 1.25
				d.pdf.Polygon([]fpdf.PointType{{X: x, Y: y - s}, {X: x + s, Y: y + s*0.8}, {X: x - s, Y: y + s*0.8}}, "FD")
				continue
			}
			d.fillColor(ink)
			d.pdf.Circle(x, y, dotR, "FD")
		}
	}
	// The mean: a vertical line through the row with a notch on top, in
	// white-edged black so that it stands out over the dots.
	mx := a.x(row.mean)
	d.drawColor(white)
	d.pdf.SetLineWidth(1.1)
	d.pdf.Line(mx, y+1.8, mx, y+h-0.8)
	d.drawColor(black)
	d.pdf.SetLineWidth(0.55)
	d.pdf.Line(mx, y+1.2, mx, y+h-0.8)
	d.fillColor(black)
	d.pdf.Polygon([]fpdf.PointType{{X: mx - 1.3, Y: y + 0.3}, {X: mx + 1.3, Y: y + 0.3}, {X: mx, Y: y + 1.9}}, "F")

	d.font("B", sizeSmall)
	d.textColor(ink)
	d.text(f.figX, y+1, f.figW, lineSmall, row.meanText, "R")
	fy := y + 1 + lineSmall
	d.textColor(muted)
	for _, s := range p.whoseLines(f, row) {
		d.font("", sizeTiny)
		d.text(f.figX, fy, f.figW, lineTiny, s, "R")
		fy += lineTiny
	}
	if row.contested {
		d.font("BI", sizeTiny)
		d.textColor(vermillionInk)
		d.text(f.figX, fy, f.figW, lineTiny, row.contestedText, "R")
	}
	d.textColor(ink)
}

// whoseLines are the lines of a dot row's figures column under its mean:
// whose scores are drawn and how many, wrapped to the column.
func (p *pdfOut) whoseLines(f chartFrame, row dotRow) []string {
	return p.wrap(row.whose+" "+row.nText, f.figW, "", sizeTiny)
}

// bar draws a horizontal bar for count out of most (the 100% of the scale) in the box (x, y, w, h);
// hatched marks a bar that shows a gap in the data (unassigned, not
// recorded), so that it reads apart in greyscale too.
func (p *pdfOut) bar(b barValue, x, y, w, h float64) {
	count, most, hatched := b.count, b.most, b.hatched
	if most <= 0 || count <= 0 {
		return
	}
	pdf := p.pdf
	bw := w * float64(count) / float64(most)
	bh := math.Min(h, 3.6)
	by := y + (h-bh)/2
	if hatched {
		p.fillColor(white)
		p.drawColor(grey)
		pdf.SetLineWidth(0.25)
		pdf.Rect(x, by, bw, bh, "D")
		pdf.ClipRect(x, by, bw, bh, false)
		for hx := x - bh; hx < x+bw; hx += 1.2 {
			pdf.Line(hx, by+bh, hx+bh, by)
		}
		pdf.ClipEnd()
		return
	}
	p.fillColor(skyBlue)
	p.drawColor(blue)
	pdf.SetLineWidth(0.25)
	pdf.Rect(x, by, bw, bh, "FD")
}
