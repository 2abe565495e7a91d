package report

import (
	"math"
	"strconv"
	"strings"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/compare"
)

// Measures of the comparison's grids and charts, in millimetres.
const (
	cmpSiteW   = 44.0 // the column of site names
	cmpFigW    = 40.0 // the column of figures beside a chart
	cmpRowMinH = 11.0 // the least height of a grid or chart row
)

// issueLabel is a compared key issue's number and title.
func (cr *comparison) issueLabel(k int) string {
	return strconv.Itoa(k+1) + " " + cr.clean.line(cr.c.Issues[k].Title)
}

// bandTint is the shading of a band; white for none.
func bandTint(b analysis.Band) rgb {
	switch b {
	case analysis.BandBarrier:
		return tintBarrier
	case analysis.BandImprove:
		return tintImprove
	case analysis.BandGood:
		return tintGood
	}
	return white
}

// bandShort is a band's name in a cell.
func (cr *comparison) bandShort(b analysis.Band) string { return cr.l.bandShort(b) }

// why says why a score is not shown.
func (cr *comparison) why(s compare.Score) string {
	switch {
	case s.Complementary:
		return cr.l.Withheld
	case s.Suppressed:
		return cr.l.FewerThan3
	}
	return cr.l.NoScores
}

// gapNum is a known gap as printed: the difference of its two means as
// printed ([analysis.ShownGapFigures]).
func (cr *comparison) gapNum(site *compare.Site, g analysis.Gap) string {
	v, _, _ := analysis.ShownGapFigures(site.Current().Questionnaire.Bands, g, 2)
	return cr.l.signed(v)
}

// reversedMark marks a reversed statement wherever it is named.
func (cr *comparison) reversedMark(reverse bool) string {
	if reverse {
		return " " + cr.l.ReversedMark
	}
	return ""
}

// mean formats a site's mean with prec decimals, never across an edge of
// its questionnaire's bands.
func (cr *comparison) mean(site *compare.Site, v float64, prec int) string {
	return cr.num(analysis.ShownMean(site.Current().Questionnaire.Bands, v, prec), prec)
}

// keyIssues writes the first theme: the grid of key-issue means shaded by
// band, then each key issue's insiders and outsiders with their spread.
func (cr *comparison) keyIssues() {
	d := cr.d
	d.heading(h1, cr.cl.KeyIssues, 40)
	if len(cr.c.Issues) == 0 {
		d.para(cr.cl.NoIssues, body)
		return
	}
	d.heading(h2, cr.cl.Grid, 30)
	d.para(cr.cl.ReadGrid, note)
	cr.grid()
	// The heading keeps with its note, the legend and the first chart.
	_, key := legendText(d, cr.l.Insiders, cr.l.Outsiders, cr.cl.Legend)
	d.heading(h2, cr.cl.MeansSpread, d.paraHeight(cr.cl.ReadSpread, note)+legendHeight(len(key))+12+cr.spreadKeep())
	d.para(cr.cl.ReadSpread, note)
	cr.legend()
	for k := range cr.c.Issues {
		d.heading(h3, cr.issueLabel(k), cr.spreadKeep())
		cr.spreadChart(k)
	}
}

// grid draws the sites-by-key-issues grid: each cell the everyone mean,
// its band (shaded and named) and n.
func (cr *comparison) grid() {
	d, issues := cr.d, cr.c.Issues
	colW := (d.width() - cmpSiteW) / float64(len(issues))
	heads := make([][]string, len(issues))
	lines := 1
	for k := range issues {
		heads[k] = d.wrap(cr.issueLabel(k), colW-2*cellPad, "B", sizeTiny)
		lines = max(lines, len(heads[k]))
	}
	headH := float64(lines)*lineTiny + 2*cellPad
	header := func(y float64) float64 {
		d.fill(d.left(), y, d.width(), headH, paleGrey)
		d.font("B", sizeTiny)
		d.textColor(ink)
		d.text(d.left()+cellPad, y+cellPad, cmpSiteW-2*cellPad, lineTiny, cr.cl.Site, "L")
		for k, ls := range heads {
			x := d.left() + cmpSiteW + float64(k)*colW
			for j, s := range ls {
				d.text(x+cellPad, y+cellPad+float64(j)*lineTiny, colW-2*cellPad, lineTiny, s, "C")
			}
		}
		return headH
	}
	items := make([]rowItem, 0, len(cr.c.Sites))
	for i := range cr.c.Sites {
		a := cr.c.Sites[i].Current()
		name := d.wrap(cr.names[i], cmpSiteW-2*cellPad, "B", sizeSmall)
		h := math.Max(float64(len(name))*lineSmall+2*cellPad, cmpRowMinH)
		figs := make([]*compare.IssueFigures, len(issues))
		for k, is := range issues {
			figs[k], _ = a.Issue(is.ID)
			h = math.Max(h, cr.gridCellHeight(&cr.c.Sites[i], figs[k], colW))
		}
		items = append(items, rowItem{h: h, draw: func(y float64) {
			d.font("B", sizeSmall)
			d.textColor(ink)
			for j, s := range name {
				d.text(d.left()+cellPad, y+cellPad+float64(j)*lineSmall, cmpSiteW-2*cellPad, lineSmall, s, "L")
			}
			for k := range issues {
				x := d.left() + cmpSiteW + float64(k)*colW
				cr.gridCell(&cr.c.Sites[i], figs[k], x, y, colW, h)
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
func (cr *comparison) gridCell(site *compare.Site, fig *compare.IssueFigures, x, y, w, h float64) {
	d := cr.d
	if fig == nil {
		return
	}
	pop, s := fig.Headline()
	mean, lines := cr.gridCellText(site, fig, w)
	ty := y + (h-cr.gridCellHeight(site, fig, w))/2 + cellPad
	if pop == analysis.PopNone || !s.Shown() {
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
	d.fill(x+0.3, y+0.3, w-0.6, h-0.6, bandTint(s.Band))
	d.font("B", sizeBody)
	d.textColor(ink)
	d.text(x, ty, w, lineBody, mean, "C")
	d.font("", sizeTiny)
	for j, line := range lines {
		d.text(x+cellPad, ty+lineBody+float64(j)*lineTiny, w-2*cellPad, lineTiny, line, "C")
	}
}

// gridCellText is what a grid cell of width w says: the mean (empty when
// it is not shown) and the lines under it, its band and whose it is with
// n, or why it is not shown.
func (cr *comparison) gridCellText(site *compare.Site, fig *compare.IssueFigures, w float64) (mean string, lines []string) {
	d := cr.d
	pop, s := fig.Headline()
	if pop == analysis.PopNone || !s.Shown() {
		return "", d.wrap(cr.why(s)+" ("+cr.l.nShort(s.Respondents)+")", w-2*cellPad, "I", sizeTiny)
	}
	lines = d.wrap(cr.bandShort(s.Band)+" · "+cr.l.pop(pop)+" "+cr.l.nShort(s.Respondents), w-2*cellPad, "", sizeTiny)
	return cr.mean(site, s.Mean, 2), lines
}

// gridCellHeight is the height a grid cell's text takes with its padding.
func (cr *comparison) gridCellHeight(site *compare.Site, fig *compare.IssueFigures, w float64) float64 {
	if fig == nil {
		return 0
	}
	mean, lines := cr.gridCellText(site, fig, w)
	h := float64(len(lines))*lineTiny + 2*cellPad
	if mean != "" {
		h += lineBody
	}
	return h
}

// legend draws the key of the spread charts at the cursor.
func (cr *comparison) legend() {
	d := cr.d
	_, key := legendText(d, cr.l.Insiders, cr.l.Outsiders, cr.cl.Legend)
	d.ensure(legendHeight(len(key)))
	legend(d, cr.sh.insiderMark, cr.sh.outsiderMark, cr.l.Insiders, cr.l.Outsiders, cr.cl.Legend)
}

// chartAxis is the plot of a spread chart for a site's questionnaire.
func (cr *comparison) chartAxis(s *compare.Site) scaleAxis {
	d := cr.d
	q := s.Current().Questionnaire
	return scaleAxis{
		x0: d.left() + cmpSiteW + 4, x1: d.left() + d.width() - cmpFigW - 4,
		points: q.Scale.Points, improve: q.Bands.Improve, good: q.Bands.Good,
	}
}

// chartHeader draws the band names and scale points over a spread chart
// and returns its height.
func (cr *comparison) chartHeader(a scaleAxis, y float64) float64 {
	d := cr.d
	const h = axisH
	low := y + bandH + 0.4 // the line of the scale's numbers and the column titles
	names := []struct {
		from, to float64
		name     string
		tint     rgb
	}{
		{1, a.improve, cr.l.BandBarrier, tintBarrier},
		{a.improve, a.good, cr.l.BandImprove, tintImprove},
		{a.good, float64(a.points), cr.l.BandGood, tintGood},
	}
	for _, b := range names {
		if b.to <= b.from {
			continue
		}
		d.fill(a.x(b.from), y, a.x(b.to)-a.x(b.from), bandH, b.tint)
		d.font("B", sizeTiny)
		d.textColor(ink)
		d.text(a.x(b.from), y+0.45, a.x(b.to)-a.x(b.from), lineTiny, cr.sh.fitText(b.name, a.x(b.to)-a.x(b.from)-1, "B", sizeTiny), "C")
	}
	d.font("", sizeTick)
	d.textColor(muted)
	for v := 1; v <= a.points; v++ {
		d.text(a.x(float64(v))-4, low, 8, lineTiny, strconv.Itoa(v), "C")
	}
	d.font("B", sizeTiny)
	d.textColor(ink)
	d.text(d.left(), low, cmpSiteW, lineTiny, cr.cl.Site, "L")
	d.text(d.left()+d.width()-cmpFigW, low, cmpFigW, lineTiny, cr.cl.Mean+" · "+cr.cl.Spread, "R")
	d.drawColor(grey)
	d.pdf.SetLineWidth(0.2)
	d.pdf.Line(d.left(), y+h-0.3, d.left()+d.width(), y+h-0.3)
	return h
}

// spreadChart draws compared key issue k: a row per site with the
// insiders' and outsiders' means, each with a line one standard deviation
// either side, on the site's own bands.
func (cr *comparison) spreadChart(k int) {
	d := cr.d
	id := cr.c.Issues[k].ID
	first := cr.chartAxis(&cr.c.Sites[0])
	items := make([]rowItem, 0, len(cr.c.Sites))
	for i := range cr.c.Sites {
		s := &cr.c.Sites[i]
		a := cr.chartAxis(s)
		fig, _ := s.Current().Issue(id)
		name := d.wrap(cr.names[i], cmpSiteW, "", sizeSmall)
		h := cr.spreadRowHeight(i)
		items = append(items, rowItem{h: h, draw: func(y float64) {
			cr.sh.shadeBands(a, y, h)
			d.font("", sizeSmall)
			d.textColor(ink)
			for j, s := range name {
				d.text(d.left(), y+1+float64(j)*lineSmall, cmpSiteW, lineSmall, s, "L")
			}
			if fig != nil {
				mid := y + h/2
				cr.spreadValue(s, a, fig.Insiders, cr.cl.InShort, mid-2.4, cr.sh.insiderMark)
				cr.spreadValue(s, a, fig.Outsiders, cr.cl.OutShort, mid+2.4, cr.sh.outsiderMark)
			}
			d.drawColor(rule)
			d.pdf.SetLineWidth(0.15)
			d.pdf.Line(d.left(), y+h, d.left()+d.width(), y+h)
		}})
	}
	d.rows(func(y float64) float64 { return cr.chartHeader(first, y) }, axisH, items)
	d.setY(d.y() + paraSpacing)
}

// spreadRowHeight is the height of site i's row in a spread chart.
func (cr *comparison) spreadRowHeight(i int) float64 {
	return math.Max(float64(len(cr.d.wrap(cr.names[i], cmpSiteW, "", sizeSmall)))*lineSmall+2, cmpRowMinH)
}

// spreadKeep is the room a spread chart's heading keeps below it: the
// whole chart when it takes less than half a page, so that a short chart
// is never split, else its header and first two rows.
func (cr *comparison) spreadKeep() float64 {
	all, first := axisH, axisH
	for i := range cr.c.Sites {
		h := cr.spreadRowHeight(i)
		all += h
		if i < leadRows(len(cr.c.Sites)) {
			first += h
		}
	}
	if all <= 0.5*(cr.d.bottom()-marginTop) {
		return all
	}
	return first
}

// spreadValue draws one group's mean with its spread on the line at y, and
// its figures on the right; or why it is not shown.
func (cr *comparison) spreadValue(site *compare.Site, a scaleAxis, s compare.Score, group string, y float64, mark func(x, y float64)) {
	d := cr.d
	figX := d.left() + d.width() - cmpFigW
	d.font("", sizeTiny)
	d.textColor(muted)
	if !s.Shown() {
		d.text(figX, y-lineTiny/2, cmpFigW, lineTiny, group+" "+cr.l.nShort(s.Respondents), "R")
		d.font("I", sizeTiny)
		d.text(a.x0+1, y-lineTiny/2, a.x1-a.x0-2, lineTiny, cr.sh.fitText(cr.why(s), a.x1-a.x0-2, "I", sizeTiny), "L")
		d.textColor(ink)
		return
	}
	figs := group + " " + cr.mean(site, s.Mean, 2) + " · " + cr.l.nShort(s.Respondents) + " · " + cr.cl.SD(cr.num(s.SD, 2))
	d.textColor(ink)
	d.text(figX, y-lineTiny/2, cmpFigW, lineTiny, figs, "R")
	if s.SD > 0 {
		d.drawColor(ink)
		d.pdf.SetLineWidth(0.35)
		lo, hi := a.x(s.Mean-s.SD), a.x(s.Mean+s.SD)
		d.pdf.Line(lo, y, hi, y)
		d.pdf.Line(lo, y-0.8, lo, y+0.8)
		d.pdf.Line(hi, y-0.8, hi, y+0.8)
	}
	mark(a.x(s.Mean), y)
}

// verification writes the second theme: the key-issue gaps and each
// site's blind spots.
func (cr *comparison) verification() {
	d, l, cl := cr.d, cr.l, cr.cl
	d.heading(h1, cl.Verification, 40)
	d.para(cl.VerificationIntro, body)
	if len(cr.c.Issues) > 0 {
		d.heading(h2, cl.GapsByIssue, 30)
		cols := []column{{title: cl.Site, w: cmpSiteW, style: "B"}}
		for k := range cr.c.Issues {
			cols = append(cols, column{title: cr.issueLabel(k), align: "C"})
		}
		rows := make([]tableRow, 0, len(cr.c.Sites))
		for i := range cr.c.Sites {
			a := cr.c.Sites[i].Current()
			cells := []string{cr.names[i]}
			for _, is := range cr.c.Issues {
				fig, _ := a.Issue(is.ID)
				cells = append(cells, cr.gapText(&cr.c.Sites[i], fig.Gap))
			}
			rows = append(rows, tableRow{cells: cells})
		}
		d.table(table{cols: cols, rows: rows, size: sizeTiny})
		d.para(cl.GapUnknown, note)
	}
	for i := range cr.c.Sites {
		s := &cr.c.Sites[i]
		a := s.Current()
		d.heading(h3, cr.names[i], 14)
		switch {
		case a.Insiders+a.Outsiders == 0:
			d.para(cl.NoOne, note)
			continue
		case s.Compared == 0:
			d.para(cl.NotVerified, note)
			continue
		case len(s.BlindSpots)+len(s.Strengths) == 0:
			d.para(cl.NoGaps(s.Compared), note)
			continue
		}
		rows := make([]tableRow, 0, len(s.BlindSpots)+len(s.Strengths))
		for _, list := range []struct {
			items   []compare.Item
			reading string
		}{{s.BlindSpots, l.BlindSpot}, {s.Strengths, l.UnrecognisedStrength}} {
			for _, it := range list.items {
				gap, ins, outs := analysis.ShownGapFigures(a.Questionnaire.Bands, it.Gap, 2)
				rows = append(rows, tableRow{cells: []string{
					it.Number + " " + cr.clean.line(it.Text) + cr.reversedMark(it.Reverse),
					cr.num(ins, 2) + " (" + l.nShort(it.Insiders.N) + ")",
					cr.num(outs, 2) + " (" + l.nShort(it.Outsiders.N) + ")",
					l.signed(gap) + "\n" + list.reading,
				}})
			}
		}
		d.table(table{cols: []column{
			{title: l.Statement},
			{title: l.Insiders, w: 24, align: "R"},
			{title: l.Outsiders, w: 24, align: "R"},
			{title: l.Gap, w: 28, align: "R"},
		}, rows: rows, size: sizeSmall})
	}
}

// gapText is a key-issue gap in a cell, with the two means it is the
// difference of (over the statements both groups scored, as many as it
// says) and what it shows in words.
func (cr *comparison) gapText(site *compare.Site, g analysis.Gap) string {
	if !g.Known {
		return "–"
	}
	s := cr.gapNum(site, g) + "\n" + cr.cl.InShort + " " + cr.mean(site, g.InsidersMean, 2) + " − " +
		cr.cl.OutShort + " " + cr.mean(site, g.OutsidersMean, 2) + "\n" + cr.cl.OverStatements(g.Compared)
	switch g.Kind {
	case analysis.GapBlindSpot:
		s += "\n" + cr.l.BlindSpot
	case analysis.GapUnrecognisedStrength:
		s += "\n" + cr.l.UnrecognisedStrength
	}
	return s
}

// maxListed is the most sites a shared barrier lists one per line, in a
// table; with more, each statement is a paragraph of its own, so that a
// long list flows over pages.
const maxListed = 15

// sharedBarriers writes the third theme: the statements in the barrier
// band at two or more sites.
func (cr *comparison) sharedBarriers() {
	d, l, cl := cr.d, cr.l, cr.cl
	d.heading(h1, cl.SharedBarriers, 40)
	d.para(cl.SharedIntro, body)
	if cr.c.Basis.Mixed() {
		d.para(cl.OnlySameQ, note)
	}
	if len(cr.c.SharedBarriers) == 0 {
		d.para(cl.NoShared, body)
		return
	}
	most := 0
	for _, b := range cr.c.SharedBarriers {
		most = max(most, len(b.Sites))
	}
	rows := make([]tableRow, 0, len(cr.c.SharedBarriers))
	for _, b := range cr.c.SharedBarriers {
		stmt := b.Number + " " + cr.clean.line(b.Text) + cr.reversedMark(b.Reverse)
		if cr.c.Basis.Mixed() {
			stmt += " (" + cr.clean.line(b.Questionnaire) + ")"
		}
		var where []string
		for _, at := range b.Sites {
			s := cr.names[at.Site] + " " + cr.mean(&cr.c.Sites[at.Site], at.Mean, 2) + " (" + l.nShort(at.N) + ")"
			if at.Pop != analysis.PopEveryone {
				s += " " + strings.ToLower(l.pop(at.Pop))
			}
			if at.Contested {
				s += ", " + l.Contested
			}
			where = append(where, s)
		}
		if most > maxListed {
			d.heading(h3, stmt, 2*lineSmall)
			d.para(cl.AtSites+" "+cl.BarrierAt(len(b.Sites), b.Of)+": "+strings.Join(where, "; ")+".", small)
			continue
		}
		rows = append(rows, tableRow{cells: []string{stmt, strings.Join(where, "\n"), cl.BarrierAt(len(b.Sites), b.Of)}})
	}
	if len(rows) == 0 {
		return
	}
	d.table(table{cols: []column{
		{title: l.Statement},
		{title: cl.Where, w: 72},
		{title: cl.AtSites, w: 14, align: "R"},
	}, rows: rows, size: sizeSmall})
}
