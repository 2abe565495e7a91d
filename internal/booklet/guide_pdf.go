package booklet

import (
	"io"

	"github.com/engage-toolkit/engage/internal/pdffont"
)

// GuidePDF writes the facilitator's guide to the session of in.Group as a
// PDF (in.Booklets is not needed).
func GuidePDF(w io.Writer, in Input, opts Options) (Result, error) {
	d, err := guidePDF(in, opts)
	if err != nil {
		return Result{}, err
	}
	return d.output(w)
}

func guidePDF(in Input, opts Options) (*doc, error) {
	l, d, err := newPDF(in, &opts)
	if err != nil {
		return nil, err
	}
	sz := d.sz
	g := newGuide(in, opts, l)
	d.pdf.AliasNbPages(pdffont.PagesAlias)
	header := d.clean.Line(g.title + " · " + g.header)
	d.pdf.SetHeaderFunc(func() {
		if d.pdf.PageNo() == 1 {
			return
		}
		d.cell(d.left(), sz.top-line(sz.furniture)-6, d.width(), d.fit(header, d.width(), "", sz.furniture), "", sz.furniture, muted, "L")
	})
	d.pdf.SetFooterFunc(func() {
		y := d.h - sz.bottom + 6
		d.drawColor(rule)
		d.pdf.SetLineWidth(0.2)
		d.pdf.Line(d.left(), y-1.5, d.left()+d.width(), y-1.5)
		d.cell(d.left(), y, d.width(), l.T("booklet.page", "Page", d.pdf.PageNo(), "Pages", pdffont.PagesAlias), "", sz.furniture, muted, "R")
	})
	d.meta(docDate(in.Data, opts), header, d.clean.Line(in.Data.Site.Name), d.clean.Line(in.Data.Site.Organisation), g.langTag)
	for _, page := range paginate(guideGroups(d, g), sz.top, d.bottom()) {
		d.pdf.AddPage()
		for _, p := range page {
			p.draw(p.y)
		}
	}
	return d, nil
}

// guideGroups lays the guide's blocks out as groups of parts.
func guideGroups(d *doc, g *guide) []group {
	sz := d.sz
	x, w := d.left(), d.width()
	var gs []group
	paraPart := func(p para) part { return part{h: p.height(), draw: func(y float64) { d.drawPara(p, y) }} }
	for _, b := range g.blocks {
		switch b.kind {
		case blockH1:
			gs = append(gs, group{parts: []part{paraPart(d.newPara(d.clean.Line(b.text), x, w, "B", sz.h1, ink, 3))}, keepNext: true})
		case blockH2:
			p := d.newPara(d.clean.Line(b.text), x, w, "B", sz.h2, accent, 2)
			gs = append(gs, group{parts: []part{{h: 4, draw: func(float64) {}}, paraPart(p)}, keepNext: true})
		case blockH3:
			p := d.newPara(d.clean.Line(b.text), x, w, "B", sz.body+1, accent, 1.5)
			gs = append(gs, group{parts: []part{{h: 2, draw: func(float64) {}}, paraPart(p)}, keepNext: true})
		case blockPara:
			style, after := "", 2.5
			if b.strong {
				style, after = "B", 1.5
			}
			gs = append(gs, group{parts: []part{paraPart(d.newPara(d.clean.Block(b.text), x, w, style, sz.body, ink, after))}, keepNext: b.keepNext})
		case blockNote:
			gs = append(gs, group{parts: []part{paraPart(d.newPara(d.clean.Block(b.text), x, w, "I", sz.help, muted, 2.5))}})
		case blockBullets:
			var parts []part
			for _, it := range b.items {
				parts = append(parts, paraPart(d.newBullet(d.clean.Block(it), x, w, sz.body, 1.5)))
			}
			parts = append(parts, part{h: 1.5, draw: func(float64) {}})
			gs = append(gs, group{parts: parts})
		case blockTable:
			gs = append(gs, tableGroups(d, b)...)
		}
	}
	return gs
}

// tableGroups lays a table out: the head kept with the first row, each
// row a group of its own with a rule under it.
func tableGroups(d *doc, b block) []group {
	sz := d.sz
	x, w := d.left(), d.width()
	row := func(cells []string, style string, fill bool) group {
		var ps []para
		h := 0.0
		cx := x
		for i, s := range cells {
			cw := w * b.widths[i]
			p := d.newPara(d.clean.Block(s), cx+1.5, cw-3, style, sz.body, ink, 0)
			ps = append(ps, p)
			h = max(h, p.height())
			cx += cw
		}
		h += 3
		return group{parts: []part{{h: h, draw: func(y float64) {
			if fill {
				d.fillColor(pale)
				d.pdf.Rect(x, y, w, h, "F")
			}
			for _, p := range ps {
				d.drawPara(p, y+1.5)
			}
			d.drawColor(rule)
			d.pdf.SetLineWidth(0.2)
			d.pdf.Line(x, y+h, x+w, y+h)
		}}}}
	}
	head := row(b.head, "B", true)
	head.keepNext = true
	gs := []group{head}
	for _, r := range b.rows {
		gs = append(gs, row(r, "", false))
	}
	gs[len(gs)-1].parts = append(gs[len(gs)-1].parts, part{h: 3, draw: func(float64) {}})
	return gs
}
