package report

import (
	"math"

	"codeberg.org/go-pdf/fpdf"
)

// scaleAxis maps scores on a 1..points scale to x positions of a plot, and
// knows the bands the plot is shaded with. The shading reaches pad beyond
// the first and last points, so that dots centred on them stay inside it.
type scaleAxis struct {
	x0, x1        float64
	pad           float64
	points        int
	improve, good float64
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

// band is one shaded band of a plot.
type band struct {
	from, to float64
	name     string
	tint     rgb
}

// bands returns the plot's bands, barrier first; an empty band (a
// questionnaire whose thresholds meet) is left out.
func (r *report) bands(a scaleAxis) []band {
	all := []band{
		{1, a.improve, r.l.BandBarrier, tintBarrier},
		{a.improve, a.good, r.l.BandImprove, tintImprove},
		{a.good, float64(a.points), r.l.BandGood, tintGood},
	}
	out := all[:0]
	for _, b := range all {
		if b.to > b.from {
			out = append(out, b)
		}
	}
	return out
}

// chartFrame is the split of the text width between the row labels, the
// plot and a column of figures on the right.
type chartFrame struct {
	labelX, labelW float64
	axis           scaleAxis
	figX, figW     float64
}

func (r *report) frame() chartFrame {
	d := r.d
	labelW := d.width() * 0.40
	figW := 24.0
	q := r.data.Questionnaire
	left, right := d.left()+labelW+4, d.left()+d.width()-figW-3
	// The padding is 0.3 of a step between points, so that a column of
	// dots (at most 0.55 of a step wide) fits inside the shading.
	pad := 0.3 * (right - left) / (float64(q.Scale.Points-1) + 0.6)
	return chartFrame{
		labelX: d.left(), labelW: labelW,
		axis: scaleAxis{
			x0: left + pad, x1: right - pad, pad: pad,
			points: q.Scale.Points, improve: q.Bands.Improve, good: q.Bands.Good,
		},
		figX: d.left() + d.width() - figW, figW: figW,
	}
}

// shadeBands fills the plot's band areas between y and y+h, with thin
// white lines at every scale point.
func (r *report) shadeBands(a scaleAxis, y, h float64) {
	p := r.d.pdf
	for _, b := range r.bands(a) {
		r.d.fill(a.bandX(b.from), y, a.bandX(b.to)-a.bandX(b.from), h, b.tint)
	}
	r.d.drawColor(white)
	p.SetLineWidth(0.25)
	for v := 1; v <= a.points; v++ {
		x := a.x(float64(v))
		p.Line(x, y, x, y+h)
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
func (r *report) axisHeader(f chartFrame, y float64, left string) float64 {
	d, a := r.d, f.axis
	const h = axisH
	low := y + bandH + 0.4 // the line of the scale's numbers and the column titles
	d.font("B", sizeTiny)
	d.textColor(ink)
	if left != "" {
		d.text(f.labelX, low, f.labelW, lineTiny, left, "L")
	}
	for _, b := range r.bands(a) {
		x0, x1 := a.bandX(b.from), a.bandX(b.to)
		d.fill(x0, y, x1-x0, bandH, b.tint)
		d.font("B", sizeTiny)
		d.text(x0, y+0.45, x1-x0, lineTiny, r.fitText(b.name, x1-x0-1, "B", sizeTiny), "C")
	}
	d.font("", sizeTick)
	d.textColor(muted)
	for v := 1; v <= a.points; v++ {
		x := a.x(float64(v))
		d.text(x-4, low, 8, lineTiny, r.num(float64(v), 0), "C")
	}
	d.font("B", sizeTiny)
	d.textColor(ink)
	d.text(f.figX, low, f.figW, lineTiny, r.l.N, "R")
	d.drawColor(grey)
	d.pdf.SetLineWidth(0.2)
	d.pdf.Line(f.labelX, y+h-0.3, f.figX+f.figW, y+h-0.3)
	return h
}

// fitText shortens s with an ellipsis until it fits w.
func (r *report) fitText(s string, w float64, style string, size float64) string {
	return r.d.fit(s, w, style, size)
}

// marker shapes: insiders are circles, outsiders triangles, so that the
// two groups differ in shape as well as colour.
func (r *report) insiderMark(x, y float64) {
	r.d.fillColor(blue)
	r.d.drawColor(black)
	r.d.pdf.SetLineWidth(0.2)
	r.d.pdf.Circle(x, y, 1.35, "FD")
}

func (r *report) outsiderMark(x, y float64) {
	r.d.fillColor(vermillion)
	r.d.drawColor(black)
	r.d.pdf.SetLineWidth(0.2)
	const s = 1.6
	r.d.pdf.Polygon([]fpdf.PointType{{X: x, Y: y - s}, {X: x + s, Y: y + s*0.8}, {X: x - s, Y: y + s*0.8}}, "FD")
}

// groupValue is one group's mean on one row of a comparison chart, or why
// it is not shown.
type groupValue struct {
	mean  float64
	n     int
	shown bool
	why   string // when not shown
	// absent is set, with shown false, on a group that was not asked:
	// nothing is drawn for it, not even n=0.
	absent bool
}

// compareRow is one row of a chart comparing insiders and outsiders.
type compareRow struct {
	label     string // clean
	bold      bool
	ins, outs groupValue
}

// legend draws the key of the comparison charts at the cursor.
func (r *report) legend() {
	legend(r.d, r.insiderMark, r.outsiderMark, r.l.Insiders, r.l.Outsiders, r.l.LegendCompare)
}

// legend draws a chart's key at the cursor: the insiders' and outsiders'
// marks with their names, then what the chart shows, wrapped beside them.
func legend(d *doc, insMark, outsMark func(x, y float64), ins, outs, what string) {
	top := d.y()
	y := top + 2.5
	x := d.left()
	d.font("", sizeSmall)
	d.textColor(ink)
	for _, k := range []struct {
		mark func(x, y float64)
		name string
	}{{insMark, ins}, {outsMark, outs}} {
		k.mark(x+1.5, y)
		w := d.pdf.GetStringWidth(k.name)
		d.text(x+4, y-lineSmall/2, w+1, lineSmall, k.name, "L")
		x += 4 + w + 6
	}
	tx, lines := legendText(d, ins, outs, what)
	d.textColor(muted)
	for i, s := range lines {
		d.text(tx, y-lineSmall/2+float64(i)*lineSmall, d.left()+d.width()-tx, lineSmall, s, "L")
	}
	d.textColor(ink)
	d.setY(top + legendHeight(len(lines)))
}

// legendText is where a legend's explanation starts, after the two
// groups' marks and names, and its wrapped lines.
func legendText(d *doc, ins, outs, what string) (x float64, lines []string) {
	d.font("", sizeSmall)
	x = d.left() + 4 + d.pdf.GetStringWidth(ins) + 6 + 4 + d.pdf.GetStringWidth(outs) + 6
	return x, d.wrap(what, d.left()+d.width()-x, "", sizeSmall)
}

// legendHeight is the height of a legend whose explanation takes n lines.
func legendHeight(n int) float64 { return 2.5 + lineSmall/2 + float64(n-1)*lineSmall + 1.5 }

// compareChart draws the legend and rows of insider and outsider means on
// the scale, with the bands shaded.
func (r *report) compareChart(title string, rows []compareRow) {
	d, f := r.d, r.frame()
	defer func() { d.setY(d.y() + paraSpacing) }()
	items := make([]rowItem, 0, len(rows))
	for _, row := range rows {
		st := ""
		if row.bold {
			st = "B"
		}
		lines := d.wrap(row.label, f.labelW, st, sizeSmall)
		h := math.Max(float64(len(lines))*lineSmall+2, 11)
		items = append(items, rowItem{h: h, draw: func(y float64) {
			r.shadeBands(f.axis, y, h)
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
			}{{row.ins, mid - 2.4, r.insiderMark}, {row.outs, mid + 2.4, r.outsiderMark}} {
				if g.v.absent {
					continue
				}
				r.compareValue(f, g.v, g.y, g.mark)
				r.markedN(f, g.y, g.v.n, g.mark)
			}
			d.drawColor(rule)
			d.pdf.SetLineWidth(0.15)
			d.pdf.Line(f.labelX, y+h, f.figX+f.figW, y+h)
		}})
	}
	// The legend goes with the chart's header and first rows.
	_, key := legendText(d, r.l.Insiders, r.l.Outsiders, r.l.LegendCompare)
	d.ensure(legendHeight(len(key)) + axisH + firstHeight(items))
	r.legend()
	d.rows(func(y float64) float64 { return r.axisHeader(f, y, title) }, axisH, items)
}

// markedN writes a group's n in the figures column, right-aligned on the
// line at y, after the group's mark, so that it reads without a key.
func (r *report) markedN(f chartFrame, y float64, n int, mark func(x, y float64)) {
	d := r.d
	s := r.l.nShort(n)
	d.font("", sizeTiny)
	w := d.pdf.GetStringWidth(s)
	mark(f.figX+f.figW-w-2.6, y)
	d.textColor(muted)
	d.text(f.figX, y-lineTiny/2, f.figW, lineTiny, s, "R")
	d.textColor(ink)
}

// compareValue draws one group's mark and value on the line at y, or says
// why it is not shown.
func (r *report) compareValue(f chartFrame, v groupValue, y float64, mark func(x, y float64)) {
	d, a := r.d, f.axis
	if !v.shown {
		d.font("I", sizeTiny)
		d.textColor(muted)
		x0, x1 := a.bandX(1), a.bandX(float64(a.points))
		d.text(x0+1, y-lineTiny/2, x1-x0-2, lineTiny, r.fitText(v.why, x1-x0-2, "I", sizeTiny), "L")
		return
	}
	x := a.x(v.mean)
	mark(x, y)
	d.font("B", sizeTiny)
	d.textColor(ink)
	label := r.mean(v.mean, 1)
	w := d.pdf.GetStringWidth(label)
	if x+2.5+w > a.bandX(float64(a.points)) {
		d.text(x-2.5-w, y-lineTiny/2, w, lineTiny, label, "R")
	} else {
		d.text(x+2.5, y-lineTiny/2, w, lineTiny, label, "L")
	}
}

// dotRow is one statement's scores as dots, with the mean marked.
type dotRow struct {
	label string // clean
	// scores are every score shown, sorted; outsiders counts, for each
	// score, how many of them are outsiders' (drawn as triangles after
	// the insiders' circles).
	scores    []int
	outsiders []int
	mean      float64
	n         int
	// whose says whose scores are drawn, under n.
	whose     string
	shown     bool
	why       string
	contested bool
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
func (r *report) dotChart(rows []dotRow) {
	d, f := r.d, r.frame()
	perLine := dotsPerLine(f.axis)
	items := make([]rowItem, 0, len(rows))
	for _, row := range rows {
		lines := d.wrap(row.label, f.labelW, "", sizeSmall)
		stacks := 1
		counts := make([]int, f.axis.points+1)
		for _, s := range row.scores {
			counts[s]++
			stacks = max(stacks, (counts[s]+perLine-1)/perLine)
		}
		figH := 1 + lineSmall + float64(len(r.whoseLines(f, row)))*lineTiny + 1.5 // mean, whose and n
		if row.contested {
			figH += lineTiny
		}
		h := max(float64(len(lines))*lineSmall+2, float64(stacks)*dotStep+4.5, figH, 10)
		items = append(items, rowItem{h: h, draw: func(y float64) {
			r.shadeBands(f.axis, y, h)
			d.font("", sizeSmall)
			d.textColor(ink)
			for i, s := range lines {
				d.text(f.labelX, y+1+float64(i)*lineSmall, f.labelW, lineSmall, s, "L")
			}
			r.dots(f, row, counts, perLine, y, h)
			d.drawColor(rule)
			d.pdf.SetLineWidth(0.15)
			d.pdf.Line(f.labelX, y+h, f.figX+f.figW, y+h)
		}})
	}
	d.rows(func(y float64) float64 { return r.axisHeader(f, y, r.l.Statement) }, axisH, items)
	d.setY(d.y() + paraSpacing)
}

// dots draws one row's dots, range, mean and figures.
func (r *report) dots(f chartFrame, row dotRow, counts []int, perLine int, y, h float64) {
	d, a := r.d, f.axis
	if !row.shown {
		x0, x1 := a.bandX(1), a.bandX(float64(a.points))
		d.font("I", sizeTiny)
		d.textColor(muted)
		d.text(x0+1, y+h/2-lineTiny/2, x1-x0-2, lineTiny, r.fitText(row.why, x1-x0-2, "I", sizeTiny), "L")
		d.text(f.figX, y+h/2-lineTiny/2, f.figW, lineTiny, r.l.nShort(row.n), "R")
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
	d.text(f.figX, y+1, f.figW, lineSmall, r.mean(row.mean, 1), "R")
	fy := y + 1 + lineSmall
	d.textColor(muted)
	for _, s := range r.whoseLines(f, row) {
		d.font("", sizeTiny)
		d.text(f.figX, fy, f.figW, lineTiny, s, "R")
		fy += lineTiny
	}
	if row.contested {
		d.font("BI", sizeTiny)
		d.textColor(vermillionInk)
		d.text(f.figX, fy, f.figW, lineTiny, r.l.Contested, "R")
	}
	d.textColor(ink)
}

// whoseLines are the lines of a dot row's figures column under its mean:
// whose scores are drawn and how many, wrapped to the column.
func (r *report) whoseLines(f chartFrame, row dotRow) []string {
	return r.d.wrap(row.whose+" "+r.l.nShort(row.n), f.figW, "", sizeTiny)
}

// bar draws a horizontal bar for count out of most (the 100% of the scale) in the box (x, y, w, h);
// hatched marks a bar that shows a gap in the data (unassigned, not
// recorded), so that it reads apart in greyscale too.
func (r *report) bar(count, most int, hatched bool, x, y, w, h float64) {
	if most <= 0 || count <= 0 {
		return
	}
	p := r.d.pdf
	bw := w * float64(count) / float64(most)
	bh := math.Min(h, 3.6)
	by := y + (h-bh)/2
	if hatched {
		r.d.fillColor(white)
		r.d.drawColor(grey)
		p.SetLineWidth(0.25)
		p.Rect(x, by, bw, bh, "D")
		p.ClipRect(x, by, bw, bh, false)
		for hx := x - bh; hx < x+bw; hx += 1.2 {
			p.Line(hx, by+bh, hx+bh, by)
		}
		p.ClipEnd()
		return
	}
	r.d.fillColor(skyBlue)
	r.d.drawColor(blue)
	p.SetLineWidth(0.25)
	p.Rect(x, by, bw, bh, "FD")
}
