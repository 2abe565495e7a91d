package report

import (
	"strconv"
	"strings"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/compare"
)

// issueLabel is a compared key issue's number and title.
func (cr *comparison) issueLabel(k int) string {
	return strconv.Itoa(k+1) + " " + cr.qText(cr.clean.line(cr.c.Issues[k].Title))
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
	d := cr.out
	d.heading(h1, cr.cl.KeyIssues, 40)
	if len(cr.c.Issues) == 0 {
		d.para(cr.cl.NoIssues, body)
		return
	}
	d.heading(h2, cr.cl.Grid, 30)
	d.para(cr.cl.ReadGrid, note)
	cr.grid()
	// The heading keeps with its note, the legend and the first chart.
	key := d.keyHeight(cr.l.Insiders, cr.l.Outsiders, cr.cl.Legend)
	d.heading(h2, cr.cl.MeansSpread, d.paraHeight(cr.cl.ReadSpread, note)+key+12+d.spreadKeep(cr.names))
	d.para(cr.cl.ReadSpread, note)
	d.spreadLegend(cr.l.Insiders, cr.l.Outsiders, cr.cl.Legend)
	for k := range cr.c.Issues {
		d.heading(h3, cr.issueLabel(k), d.spreadKeep(cr.names))
		cr.spreadChart(k)
	}
}

// grid writes the sites-by-key-issues grid: each cell the headline score
// (everyone's, or the insiders' where the outsiders are too few to pool),
// its band (shaded and named), whose it is and n.
func (cr *comparison) grid() {
	g := gridChart{siteHead: cr.cl.Site, caption: cr.cl.Grid}
	for k := range cr.c.Issues {
		g.issues = append(g.issues, cr.issueLabel(k))
	}
	for i := range cr.c.Sites {
		site := &cr.c.Sites[i]
		row := gridRow{site: cr.names[i]}
		for _, is := range cr.c.Issues {
			fig, _ := site.Current().Issue(is.ID)
			row.cells = append(row.cells, cr.gridCell(site, fig))
		}
		g.rows = append(g.rows, row)
	}
	cr.out.grid(g)
}

// gridCell is one site's figures for one key issue.
func (cr *comparison) gridCell(site *compare.Site, fig *compare.IssueFigures) gridCell {
	if fig == nil {
		return gridCell{none: true}
	}
	pop, s := fig.Headline()
	if pop == analysis.PopNone || !s.Shown() {
		return gridCell{why: cr.why(s) + " (" + cr.l.nShort(s.Respondents) + ")"}
	}
	return gridCell{shown: true, mean: cr.mean(site, s.Mean, 2), band: s.Band,
		sub: cr.bandShort(s.Band) + " · " + cr.l.pop(pop) + " " + cr.l.nShort(s.Respondents)}
}

// scale is the plot scale of a site's questionnaire.
func (cr *comparison) scale(s *compare.Site) plotScale {
	q := s.Current().Questionnaire
	return cr.l.plotScale(q.Scale.Points, q.Bands.Improve, q.Bands.Good)
}

// spreadChart draws compared key issue k: a row per site with the
// insiders' and outsiders' means, each with a line one standard deviation
// either side, on the site's own bands.
func (cr *comparison) spreadChart(k int) {
	id := cr.c.Issues[k].ID
	c := spreadChart{
		head: cr.cl.Site, figHead: cr.cl.Mean + " · " + cr.cl.Spread, insiders: cr.l.Insiders, outsiders: cr.l.Outsiders,
		caption: cr.issueLabel(k), meanHead: cr.cl.Mean, nHead: cr.l.N, sdHead: cr.l.SD, bandHead: cr.l.Band,
		alt: cr.hl.ChartSpread(k+1) + " " + cr.hl.bandsSaid(cr.scale(&cr.c.Sites[0])),
	}
	for i := range cr.c.Sites {
		s := &cr.c.Sites[i]
		fig, _ := s.Current().Issue(id)
		row := spreadRow{site: cr.names[i], scale: cr.scale(s), none: fig == nil}
		if fig != nil {
			row.ins = cr.spreadValue(s, fig.Insiders, cr.cl.InShort)
			row.outs = cr.spreadValue(s, fig.Outsiders, cr.cl.OutShort)
		}
		c.rows = append(c.rows, row)
	}
	cr.out.spreadChart(c)
}

// spreadValue is one group's mean with its spread, as printed, or why it
// is not shown.
func (cr *comparison) spreadValue(site *compare.Site, s compare.Score, group string) spreadValue {
	v := spreadValue{group: group, nText: cr.l.nShort(s.Respondents)}
	if !s.Shown() {
		v.figs, v.why = group+" "+v.nText, cr.why(s)
		return v
	}
	v.shown, v.mean, v.sd = true, s.Mean, s.SD
	v.meanText, v.sdText, v.bandText = cr.mean(site, s.Mean, 2), cr.cl.SD(cr.num(s.SD, 2)), cr.bandShort(s.Band)
	v.figs = group + " " + v.meanText + " · " + v.nText + " · " + v.sdText
	return v
}

// verification writes the second theme: the key-issue gaps and each
// site's blind spots.
func (cr *comparison) verification() {
	d, l, cl := cr.out, cr.l, cr.cl
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
		d.table(table{cols: cols, rows: rows, size: sizeTiny, caption: cl.GapsByIssue})
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
					it.Number + " " + cr.qText(cr.clean.line(it.Text)) + cr.reversedMark(it.Reverse),
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
	d, l, cl := cr.out, cr.l, cr.cl
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
		stmt := b.Number + " " + cr.qText(cr.clean.line(b.Text)) + cr.reversedMark(b.Reverse)
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
	}, rows: rows, size: sizeSmall, caption: cl.SharedBarriers})
}
