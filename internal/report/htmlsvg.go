package report

import (
	"fmt"
	"html"
	"strings"

	"github.com/engage-toolkit/engage/internal/textsafe"
)

// The HTML edition's charts: each an inline SVG that a screen reader
// meets as one image with a text alternative (role="img", a <title> and
// a <desc> saying what it shows and on which scale and bands), followed by
// a table of the same figures. Bands are named in the drawing and in the
// alternative, never told by colour alone; insiders are circles and
// outsiders triangles, as in the PDF.

// Measures of the drawings, in SVG user units (about a CSS pixel at the
// drawing's widest).
const (
	svgW      = 400.0
	svgHeadH  = 38.0 // band names and scale points
	svgRowH   = 36.0
	svgFont   = 12.0
	svgLabelW = 46.0 // the short labels of a site report's chart
	svgFigW   = 60.0 // the column of figures on the right
	svgSiteW  = 124.0
	svgDotR   = 3.0
	svgDotGap = 7.5 // distance between dot centres
)

func (c rgb) hex() string { return fmt.Sprintf("#%02x%02x%02x", c.r, c.g, c.b) }

// svgText escapes text for an SVG <text>: one line, no marks.
func svgText(s string) string { return html.EscapeString(textsafe.Line(stripLang(s))) }

// svgFit shortens s with an ellipsis to about what fits w units at the
// drawing's font size; the full text is in the table beside the chart.
func svgFit(s string, w float64) string {
	s = textsafe.Line(stripLang(s))
	most := int(w / (svgFont * 0.56))
	rs := []rune(s)
	if len(rs) <= most || most < 2 {
		return s
	}
	return strings.TrimSpace(string(rs[:most-1])) + "…"
}

// svg is a drawing being written.
type svg struct {
	b strings.Builder
}

func (s *svg) f(format string, args ...any) { fmt.Fprintf(&s.b, format, args...) }

func (s *svg) rect(x, y, w, h float64, fill rgb) {
	s.f(`<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"/>`, x, y, w, h, fill.hex())
}

func (s *svg) line(x1, y1, x2, y2 float64, stroke rgb, width float64) {
	s.f(`<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s" stroke-width="%.2f"/>`, x1, y1, x2, y2, stroke.hex(), width)
}

// text writes one line; anchor is start, middle or end; class bold or
// italic or empty.
func (s *svg) text(x, y float64, anchor, class, text string) {
	cl := ""
	if class != "" {
		cl = ` class="` + class + `"`
	}
	s.f(`<text x="%.1f" y="%.1f" text-anchor="%s"%s>%s</text>`, x, y, anchor, cl, svgText(text))
}

func (s *svg) circle(x, y, r float64, fill, stroke rgb) {
	s.f(`<circle cx="%.1f" cy="%.1f" r="%.1f" fill="%s" stroke="%s" stroke-width="0.8"/>`, x, y, r, fill.hex(), stroke.hex())
}

func (s *svg) triangle(x, y, r float64, fill, stroke rgb) {
	s.f(`<polygon points="%.1f,%.1f %.1f,%.1f %.1f,%.1f" fill="%s" stroke="%s" stroke-width="0.8"/>`,
		x, y-r, x+r, y+r*0.8, x-r, y+r*0.8, fill.hex(), stroke.hex())
}

// insider and outsider draw the two groups' marks.
func (s *svg) insider(x, y float64)  { s.circle(x, y, 4.2, blue, black) }
func (s *svg) outsider(x, y float64) { s.triangle(x, y, 5, vermillion, black) }

// markSVG is the key's mark of insiders (a circle) or outsiders (a
// triangle), a decoration beside the group's name.
func markSVG(insider bool) string {
	var s svg
	if insider {
		s.insider(7, 7)
	} else {
		s.outsider(7, 7.5)
	}
	return `<svg class="mark" width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false">` + s.b.String() + `</svg>`
}

// openSVG starts the drawing of a chart h units high; caption and alt are
// its text alternative. On a narrow screen the drawing keeps a width at
// which its words can be read, in a region that scrolls sideways (a
// chart's two dimensions are its meaning); its figures follow in a table
// that reflows.
func (h *htmlOut) openSVG(s *svg, height float64, caption, alt string) {
	id := h.id("c")
	s.f(`<div class="scroll plotwrap" role="region" tabindex="0" aria-labelledby="%s-t">`, id)
	s.f(`<svg class="plot" role="img" viewBox="0 0 %.0f %.0f" aria-labelledby="%s-t %s-d">`, svgW, height, id, id)
	s.f(`<title id="%s-t">%s</title><desc id="%s-d">%s</desc>`, id, svgText(caption), id, svgText(alt))
}

// plotAxis is the plot between x0 and x1 on scale s, with the shading
// reaching 0.3 of a step beyond the end points.
func plotAxis(x0, x1 float64, s plotScale) scaleAxis {
	pad := 0.3 * (x1 - x0) / (float64(s.points-1) + 0.6)
	return scaleAxis{x0: x0 + pad, x1: x1 - pad, pad: pad, points: s.points, scale: s}
}

// svgHeader draws the band names over their shading and the scale's
// points, with left and right titling the columns beside the plot.
func (s *svg) header(a scaleAxis, left, right string, leftX, rightX float64) {
	for _, b := range a.scale.bands() {
		x0, x1 := a.bandX(b.from), a.bandX(b.to)
		s.rect(x0, 0, x1-x0, 18, b.tint)
		s.text((x0+x1)/2, 13, "middle", "bold", svgFit(b.name, x1-x0-2))
	}
	for v := 1; v <= a.points; v++ {
		s.text(a.x(float64(v)), 31, "middle", "", a.scale.ticks[v-1])
	}
	if left != "" {
		s.text(leftX, 31, "start", "bold", svgFit(left, a.bandX(1)-leftX-4))
	}
	if right != "" {
		s.text(rightX, 31, "end", "bold", right)
	}
	s.line(0, svgHeadH-1, svgW, svgHeadH-1, grey, 0.6)
}

// shade fills the bands of a row between y and y+h, with white lines at
// the scale's points and a rule under the row.
func (s *svg) shade(a scaleAxis, y, h float64) {
	for _, b := range a.scale.bands() {
		s.rect(a.bandX(b.from), y, a.bandX(b.to)-a.bandX(b.from), h, b.tint)
	}
	for v := 1; v <= a.points; v++ {
		x := a.x(float64(v))
		s.line(x, y, x, y+h, white, 0.8)
	}
	s.line(0, y+h, svgW, y+h, rule, 0.5)
}

func (h *htmlOut) meansChart(c meansChart) {
	caption := h.figureTitle()
	h.legendHTML(c.insiders, c.outsiders, c.legend)
	height := svgHeadH + float64(len(c.rows))*svgRowH
	var s svg
	h.openSVG(&s, height, caption, c.alt)
	a := plotAxis(svgLabelW+4, svgW-svgFigW-4, c.scale)
	s.header(a, "", c.nHead, 2, svgW-2)
	for i, row := range c.rows {
		y := svgHeadH + float64(i)*svgRowH
		s.shade(a, y, svgRowH)
		cl := ""
		if row.bold {
			cl = "bold"
		}
		s.text(2, y+svgRowH/2+4, "start", cl, svgFit(row.short, svgLabelW))
		mid := y + svgRowH/2
		for _, g := range []struct {
			v       groupValue
			y       float64
			insider bool
		}{{row.ins, mid - 7, true}, {row.outs, mid + 7, false}} {
			if g.v.absent {
				continue
			}
			mark := s.outsider
			if g.insider {
				mark = s.insider
			}
			if g.v.shown {
				x := a.x(g.v.mean)
				mark(x, g.y)
				if x+8+18 > a.bandX(float64(a.points)) {
					s.text(x-8, g.y+4, "end", "bold", g.v.text)
				} else {
					s.text(x+8, g.y+4, "start", "bold", g.v.text)
				}
			} else {
				s.text(a.bandX(1)+4, g.y+4, "start", "italic", svgFit(g.v.why, a.bandX(float64(a.points))-a.bandX(1)-8))
			}
			mark(svgW-svgFigW+8, g.y)
			s.text(svgW-2, g.y+4, "end", "", g.v.nText)
		}
	}
	s.f("</svg></div>")
	h.w(`<div class="chart">`+"\n", s.b.String(), "\n")
	// The figures, as a table.
	rows := make([]tableRow, 0, len(c.rows))
	for _, row := range c.rows {
		rows = append(rows, tableRow{cells: []string{row.label, chartCell(row.ins), chartCell(row.outs)}})
	}
	h.table(table{caption: h.hl.FiguresOf(caption), cols: []column{
		{title: c.head}, {title: c.insiders, align: "R"}, {title: c.outsiders, align: "R"},
	}, rows: rows})
	h.w("</div>\n")
}

// chartCell is a group's figures in a chart's table: its mean, band and
// n, or why the mean is not shown.
func chartCell(v groupValue) string {
	switch {
	case v.absent:
		return "–"
	case !v.shown:
		return v.why + "\n" + v.nText
	}
	return v.text + "\n" + v.bandText + "\n" + v.nText
}

func (h *htmlOut) dotChart(c dotChart) {
	caption := h.figureTitle()
	a := plotAxis(svgLabelW+4, svgW-svgFigW-4, c.scale)
	perLine := max(1, int(0.55*a.step()/svgDotGap))
	heights := make([]float64, len(c.rows))
	height := svgHeadH
	for i, row := range c.rows {
		stacks := 1
		for _, n := range row.counts(c.scale.points) {
			stacks = max(stacks, (n+perLine-1)/perLine)
		}
		heights[i] = max(svgRowH, float64(stacks)*svgDotGap+16)
		if row.contested {
			heights[i] = max(heights[i], 44)
		}
		height += heights[i]
	}
	var s svg
	h.openSVG(&s, height, caption, c.alt)
	s.header(a, "", c.meanHead, 2, svgW-2)
	y := svgHeadH
	for i, row := range c.rows {
		rh := heights[i]
		s.shade(a, y, rh)
		s.text(2, y+16, "start", "", svgFit(row.short, svgLabelW))
		h.dotRowSVG(&s, a, row, c.scale.points, perLine, y, rh)
		y += rh
	}
	s.f("</svg></div>")
	h.w(`<div class="chart">`+"\n", s.b.String(), "\n")
	cols := []column{{title: c.head}, {title: c.meanHead, align: "R"}, {title: c.nHead, align: "R"}}
	for v := 1; v <= c.scale.points; v++ {
		cols = append(cols, column{title: h.hl.Scored(c.scale.ticks[v-1]), align: "R"})
	}
	rows := make([]tableRow, 0, len(c.rows))
	for _, row := range c.rows {
		cells := []string{row.label}
		if !row.shown {
			cells = append(cells, row.why, row.nText)
			for range c.scale.points {
				cells = append(cells, "–")
			}
			rows = append(rows, tableRow{cells: cells})
			continue
		}
		m := row.meanText + "\n" + row.bandText
		if row.contested {
			m += "\n" + row.contestedText
		}
		cells = append(cells, m, row.nText+"\n"+row.whose)
		counts := row.counts(c.scale.points)
		for v := 1; v <= c.scale.points; v++ {
			cell := itoa(counts[v])
			if v < len(row.outsiders) && row.outsiders[v] > 0 {
				cell += "\n" + c.outsidersOf(row.outsiders[v])
			}
			cells = append(cells, cell)
		}
		rows = append(rows, tableRow{cells: cells})
	}
	h.table(table{caption: h.hl.FiguresOf(caption), cols: cols, rows: rows})
	h.w("</div>\n")
}

// dotRowSVG draws one statement's dots, range and mean, and its figures on
// the right.
func (h *htmlOut) dotRowSVG(s *svg, a scaleAxis, row dotRow, points, perLine int, y, rh float64) {
	if !row.shown {
		s.text(a.bandX(1)+4, y+rh/2+4, "start", "italic", svgFit(row.why, a.bandX(float64(points))-a.bandX(1)-8))
		s.text(svgW-2, y+rh/2+4, "end", "", row.nText)
		return
	}
	base := y + rh - 7
	lo, hi := row.scores[0], row.scores[len(row.scores)-1]
	s.line(a.x(float64(lo)), base, a.x(float64(hi)), base, grey, 1.2)
	counts := row.counts(points)
	for v := 1; v <= points; v++ {
		c, outs := counts[v], 0
		if v < len(row.outsiders) {
			outs = row.outsiders[v]
		}
		for i := range c {
			line, pos := i/perLine, i%perLine
			inLine := min(perLine, c-line*perLine)
			x := a.x(float64(v)) + (float64(pos)-float64(inLine-1)/2)*svgDotGap
			dy := base - float64(line)*svgDotGap
			if i >= c-outs {
				s.triangle(x, dy, svgDotR*1.3, vermillion, black)
				continue
			}
			s.circle(x, dy, svgDotR, ink, white)
		}
	}
	mx := a.x(row.mean)
	s.line(mx, y+6, mx, y+rh-2, white, 3.2)
	s.line(mx, y+4, mx, y+rh-2, black, 1.6)
	s.f(`<polygon points="%.1f,%.1f %.1f,%.1f %.1f,%.1f" fill="#000000"/>`, mx-4, y+1, mx+4, y+1, mx, y+6)
	s.text(svgW-2, y+14, "end", "bold", row.meanText)
	s.text(svgW-2, y+26, "end", "", row.nText)
	if row.contested {
		s.text(svgW-2, y+38, "end", "accent", row.contestedText)
	}
}

func (h *htmlOut) grid(g gridChart) {
	cols := []column{{title: g.siteHead}}
	for _, is := range g.issues {
		cols = append(cols, column{title: is, align: "C"})
	}
	caption, capClass := h.caption(g.caption)
	capID := h.id("t")
	wide := len(cols) >= wideTable
	if wide {
		h.w(`<div class="scroll" role="region" tabindex="0" aria-labelledby="`, capID, `">`+"\n")
	}
	h.w(`<table class="grid">`+"\n", `<caption id="`, capID, `"`, capClass, ">", esc(caption), "</caption>\n<thead><tr>")
	for _, c := range cols {
		h.w(`<th scope="col">`, esc(c.title), "</th>")
	}
	h.w("</tr></thead>\n<tbody>\n")
	for _, row := range g.rows {
		h.w(`<tr><th scope="row">`, esc(row.site), "</th>")
		for _, c := range row.cells {
			switch {
			case c.none:
				h.w("<td></td>")
			case !c.shown:
				h.w(`<td class="why">`, esc(c.why), "</td>")
			default:
				h.w(`<td class="band-`, string(c.band), `"><strong class="big">`, esc(c.mean), "</strong><br>", esc(c.sub), "</td>")
			}
		}
		h.w("</tr>\n")
	}
	h.w("</tbody>\n</table>\n")
	if wide {
		h.w("</div>\n")
	}
}

func (h *htmlOut) spreadChart(c spreadChart) {
	caption := h.figureTitle()
	height := svgHeadH + float64(len(c.rows))*svgRowH
	var s svg
	h.openSVG(&s, height, caption, c.alt)
	axis := func(sc plotScale) scaleAxis { return plotAxis(svgSiteW+6, svgW-4, sc) }
	s.header(axis(c.rows[0].scale), c.head, "", 2, svgW-2)
	for i, row := range c.rows {
		y := svgHeadH + float64(i)*svgRowH
		a := axis(row.scale)
		s.shade(a, y, svgRowH)
		lines := splitName(row.site, svgSiteW-4)
		for j, l := range lines {
			s.text(2, y+svgRowH/2+4+(float64(j)-float64(len(lines)-1)/2)*13, "start", "", l)
		}
		if row.none {
			continue
		}
		mid := y + svgRowH/2
		for _, g := range []struct {
			v       spreadValue
			y       float64
			insider bool
		}{{row.ins, mid - 7, true}, {row.outs, mid + 7, false}} {
			if !g.v.shown {
				s.text(a.bandX(1)+4, g.y+4, "start", "italic", svgFit(g.v.why, a.bandX(float64(a.points))-a.bandX(1)-8))
				continue
			}
			if g.v.sd > 0 {
				lo, hi := a.x(g.v.mean-g.v.sd), a.x(g.v.mean+g.v.sd)
				s.line(lo, g.y, hi, g.y, ink, 1.2)
				s.line(lo, g.y-3, lo, g.y+3, ink, 1.2)
				s.line(hi, g.y-3, hi, g.y+3, ink, 1.2)
			}
			if g.insider {
				s.insider(a.x(g.v.mean), g.y)
			} else {
				s.outsider(a.x(g.v.mean), g.y)
			}
		}
	}
	s.f("</svg></div>")
	h.w(`<div class="chart">`+"\n", s.b.String(), "\n")
	rows := make([]tableRow, 0, len(c.rows))
	cell := func(v spreadValue, none bool) string {
		switch {
		case none:
			return "–"
		case !v.shown:
			return v.why + "\n" + v.nText
		}
		return v.meanText + "\n" + v.bandText + "\n" + v.nText + "\n" + v.sdText
	}
	for _, row := range c.rows {
		rows = append(rows, tableRow{cells: []string{row.site, cell(row.ins, row.none), cell(row.outs, row.none)}})
	}
	h.table(table{caption: h.hl.FiguresOf(caption), cols: []column{
		{title: c.head}, {title: c.insiders, align: "R"}, {title: c.outsiders, align: "R"},
	}, rows: rows})
	h.w("</div>\n")
}

// splitName sets a name on at most two lines of about w units, shortening
// what does not fit.
func splitName(s string, w float64) []string {
	s = textsafe.Line(stripLang(s))
	most := int(w / (svgFont * 0.56))
	if len([]rune(s)) <= most {
		return []string{s}
	}
	words := strings.Fields(s)
	first := ""
	for len(words) > 0 && len([]rune(strings.TrimSpace(first+" "+words[0]))) <= most {
		first = strings.TrimSpace(first + " " + words[0])
		words = words[1:]
	}
	if first == "" {
		return []string{svgFit(s, w)}
	}
	return []string{first, svgFit(strings.Join(words, " "), w)}
}
