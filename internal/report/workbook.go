package report

import (
	"fmt"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// chartKeep is the room a heading keeps below it for a chart: the legend,
// the chart's header and a first row of two lines.
const chartKeep = legendH + axisH + 22

// workbook writes steps 3 and 4: for each key issue the insiders' and
// outsiders' means, and every statement's scores as dots.
func (r *report) workbook() {
	d := r.out
	d.heading(h1, r.l.Step34, 40)
	d.para(r.l.WorkbookIntro(r.num(r.data.Questionnaire.Bands.Improve, 1), r.num(r.data.Questionnaire.Bands.Good, 1)), body)

	d.heading(h2, r.l.AtAGlance, d.paraHeight(r.l.IssueMeanNote, note)+chartKeep)
	d.para(r.l.IssueMeanNote, note)
	var rows []compareRow
	for i, is := range r.res.Issues {
		ins, outs := r.issueGroup(is.Insiders), r.issueGroup(is.Outsiders)
		rows = append(rows, compareRow{
			label: r.issueLabel(r.data.Questionnaire.KeyIssues[i].ID),
			short: fmt.Sprint(i + 1),
			bold:  true,
			ins:   ins,
			outs:  outs,
		})
	}
	r.compareChart(r.l.KeyIssue, r.hl.ChartIssueMeans(r.data.Questionnaire.Scale.Points), rows)
	r.issueTable()

	notes := map[string]string{}
	for _, n := range r.data.IssueNotes {
		notes[n.KeyIssueID] = n.Notes
	}
	for _, ki := range r.data.Questionnaire.KeyIssues {
		// The heading keeps with its description, the next heading, the
		// legend, the chart's header and its first row.
		desc := r.txt(ki.Description)
		descH := 0.0
		if desc != "" {
			descH = d.paraHeight(desc, note)
		}
		d.heading(h2, r.issueHeading(ki.ID), descH+chartKeep+10)
		if desc != "" {
			d.para(desc, note)
		}
		var rows []compareRow
		var dots []dotRow
		for _, it := range r.res.Items {
			if it.KeyIssueID != ki.ID {
				continue
			}
			label := r.statementLabel(it.Statement.ID)
			number, _, _ := r.statementNumber(it.Statement.ID)
			rows = append(rows, compareRow{
				label: label,
				short: number,
				ins:   r.itemGroup(it, it.Insiders, false),
				outs:  r.itemGroup(it, it.Outsiders, true),
			})
			dots = append(dots, r.dotRowOf(label, number, it))
		}
		issue := r.issueNumber(ki.ID)
		d.heading(h3, r.l.MeansByGroup, chartKeep)
		r.compareChart(r.l.Statement, r.hl.ChartStatementMeans(issue, r.data.Questionnaire.Scale.Points), rows)
		d.heading(h3, r.l.Spread, d.paraHeight(r.l.SpreadNote, note)+chartKeep-legendH)
		d.para(r.l.SpreadNote, note)
		r.dotChart(r.hl.ChartDots(issue, r.data.Questionnaire.Scale.Points), dots)
		if n := notes[ki.ID]; n != "" {
			d.heading(h3, r.l.VerificationNotes, 12)
			d.para(r.said(r.clean.block(n)), small)
		}
	}
}

// issueTable writes each key issue's scores for everyone and each group,
// with the band of its headline score (the one the comparison of sites
// shows), so that every key-issue figure printed elsewhere can be found
// here.
func (r *report) issueTable() {
	d := r.out
	d.para(r.l.IssueTableNote, note)
	var rows []tableRow
	for _, is := range r.res.Issues {
		pop, h := is.Headline()
		band := "–"
		if pop != analysis.PopNone && h.Items > 0 {
			band = r.l.bandShort(h.Band) + "\n" + r.l.pop(pop)
		}
		rows = append(rows, tableRow{cells: []string{
			r.issueLabel(is.KeyIssue.ID), r.meanCell(r.issueGroup(is.All)), r.meanCell(r.issueGroup(is.Insiders)),
			r.meanCell(r.issueGroup(is.Outsiders)), band,
		}})
	}
	d.table(table{cols: []column{
		{title: r.l.KeyIssue},
		{title: r.l.Everyone + "\n" + r.l.MeanN, w: 22, align: "R"},
		{title: r.l.Insiders + "\n" + r.l.MeanN, w: 22, align: "R"},
		{title: r.l.Outsiders + "\n" + r.l.MeanN, w: 22, align: "R"},
		{title: r.l.Band, w: 26},
	}, rows: rows, caption: r.hl.IssueTable})
}

// dotRowOf is the dot-plot row of one statement: the scores of its
// headline population ([analysis.ItemResult.Headline]), everyone's when
// both groups may be shown (the outsiders' drawn apart from the
// insiders'), else the one group that may be.
func (r *report) dotRowOf(label, short string, it analysis.ItemResult) dotRow {
	pop, s := it.Headline()
	row := dotRow{label: label, short: short, scores: s.Scores, mean: s.Mean, n: s.N, whose: r.l.pop(pop), shown: true, contested: s.Contested}
	switch {
	case pop == analysis.PopNone && s.N > 0:
		row.shown, row.why = false, r.l.FewerThan3
	case pop == analysis.PopNone:
		row.shown, row.why = false, r.l.NoScores
	case pop == analysis.PopEveryone || pop == analysis.PopOutsiders:
		row.outsiders = make([]int, r.data.Questionnaire.Scale.Points+1)
		for _, v := range it.Outsiders.Scores {
			row.outsiders[v]++
		}
	}
	row.nText, row.contestedText = r.l.nShort(row.n), r.l.Contested
	if row.shown {
		row.meanText, row.bandText = r.mean(row.mean, 1), r.l.bandShort(s.Band)
	}
	return row
}

// verification writes the table of verification gaps: key issues and
// statements, with n for each group, and why a gap is not worked out.
func (r *report) verification() {
	d := r.out
	intro := r.l.GapsIntro(r.num(analysis.GapThreshold, 1))
	d.heading(h2, r.l.Gaps, d.paraHeight(intro, body)+20)
	d.para(intro, body)
	var rows []tableRow
	for i, is := range r.res.Issues {
		ki := r.data.Questionnaire.KeyIssues[i]
		// A key issue's row shows the two means its gap is the
		// difference of: over the statements both groups scored, not
		// the groups' key-issue scores (which are over different
		// statements).
		ins, outs := r.issueGroup(is.Insiders), r.issueGroup(is.Outsiders)
		label, reading := r.issueLabel(ki.ID), r.gapReading(is.Gap, ins, outs)
		if g := is.Gap; g.Known {
			ins = groupValue{mean: g.InsidersMean, n: g.Insiders, shown: true}
			outs = groupValue{mean: g.OutsidersMean, n: g.Outsiders, shown: true}
			label += "\n" + r.l.GapOver(g.Compared)
		} else {
			// No statement compared: the groups' key-issue scores are
			// over different statements and say nothing of a gap, so
			// only their n is shown.
			ins.shown, outs.shown = false, false
		}
		rows = append(rows, tableRow{bold: true, cells: []string{
			label, r.meanCell(ins), r.meanCell(outs), r.gapValue(is.Gap), reading,
		}})
		for _, it := range r.res.Items {
			if it.KeyIssueID != ki.ID || !r.verify[it.Statement.ID] {
				continue
			}
			ins, outs := r.itemGroup(it, it.Insiders, false), r.itemGroup(it, it.Outsiders, true)
			row := tableRow{cells: []string{
				r.statementLabel(it.Statement.ID), r.meanCell(ins), r.meanCell(outs),
				r.gapValue(it.Gap), r.gapReading(it.Gap, ins, outs),
			}}
			if it.Gap.Kind != analysis.GapNone {
				row.em = 5
			}
			rows = append(rows, row)
		}
	}
	d.table(table{cols: []column{
		{title: r.l.Statement},
		{title: r.l.Insiders + "\n" + r.l.MeanN, w: 22, align: "R"},
		{title: r.l.Outsiders + "\n" + r.l.MeanN, w: 22, align: "R"},
		{title: r.l.Gap, w: 14, align: "R"},
		{title: r.l.Reading, w: 38},
	}, rows: rows})
}

// meanCell is a group's mean over its n, or a dash over n when the mean is
// not shown (the table says why elsewhere).
func (r *report) meanCell(v groupValue) string {
	if !v.shown {
		return "–\n" + r.l.nShort(v.n)
	}
	return r.mean(v.mean, 2) + "\n" + r.l.nShort(v.n)
}

// issueCell is a group's key-issue mean with n.
func (r *report) issueCell(s analysis.IssueScore) string { return r.meanCell(r.issueGroup(s)) }

func (r *report) gapValue(g analysis.Gap) string {
	if !g.Known {
		return "–"
	}
	gap, _, _ := r.gapFigures(g)
	return gap
}

// gapReading says what a gap shows, or why it is not worked out.
func (r *report) gapReading(g analysis.Gap, ins, outs groupValue) string {
	switch {
	case g.Known && g.Kind == analysis.GapBlindSpot:
		return r.l.BlindSpot
	case g.Known && g.Kind == analysis.GapUnrecognisedStrength:
		return r.l.UnrecognisedStrength
	case g.Known:
		return r.l.NoGap
	}
	var few, none []string
	for _, x := range []struct {
		v     groupValue
		group workbook.Group
	}{{ins, workbook.Insider}, {outs, workbook.Outsider}} {
		switch {
		case x.v.n == 0:
			none = append(none, r.l.group(x.group))
		case x.v.n < analysis.MinRespondents:
			few = append(few, r.l.group(x.group))
		}
	}
	return r.l.NotComparedWhy(few, none)
}

// noScores stands in for steps 3 and 4 when nobody has scored anything.
func (r *report) noScores() {
	d := r.out
	d.heading(h1, r.l.Step34, 30)
	ins, outs := 0, 0
	for _, p := range r.data.Participants {
		switch p.Group {
		case workbook.Insider:
			ins++
		case workbook.Outsider:
			outs++
		}
	}
	d.para(r.l.NoScoresYet(ins, outs), body)
	d.para(r.l.NoScoresNext, body)
}
