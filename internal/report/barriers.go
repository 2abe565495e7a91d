package report

import (
	"fmt"

	"github.com/engage-toolkit/engage/internal/workbook"
)

// barriers writes step 5: the ranked barriers, the findings written up and
// the action plan.
func (r *report) barriers() {
	d := r.out
	d.heading(h1, r.l.Step5, 30)
	if r.hasScores() {
		d.heading(h2, r.l.Ranked, 25)
		r.ranked()
	}
	for _, k := range workbook.FindingKinds {
		d.heading(h2, r.l.findingKind(k), 15)
		fs := r.findings(k)
		if len(fs) == 0 {
			d.para(r.l.NoFindings, note)
			continue
		}
		var items []string
		for _, f := range fs {
			items = append(items, r.findingText(f))
		}
		r.bullets("", items)
		d.gap(2)
	}
	d.heading(h2, r.l.ActionPlan, 25)
	r.actionPlan(r.data.Interventions, false)
	r.suggestions()
}

// ranked writes the statements in the barrier band, lowest mean first,
// each with whose mean it is.
func (r *report) ranked() {
	if len(r.res.Barriers) == 0 {
		r.out.para(r.l.SummaryNoBarrierBand(r.num(r.data.Questionnaire.Bands.Improve, 1)), body)
		return
	}
	var rows []tableRow
	for i, it := range r.res.Barriers {
		pop, s := it.Headline()
		contested := ""
		if s.Contested {
			contested = r.l.Contested
		}
		rows = append(rows, tableRow{cells: []string{
			fmt.Sprint(i + 1), r.statementLabel(it.Statement.ID), r.l.pop(pop), r.mean(s.Mean, 2), count(s.N), contested,
		}})
	}
	r.out.table(table{cols: []column{
		{title: r.l.Rank, w: 12, align: "R"},
		{title: r.l.Statement},
		{title: r.l.ScoresOf, w: 24},
		{title: r.l.Mean, w: 16, align: "R"},
		{title: r.l.N, w: 10, align: "R"},
		{title: "", w: 22},
	}, rows: rows, rowHeader: 2})
}

// findings returns the findings of one kind, in the order written.
func (r *report) findings(k workbook.FindingKind) []workbook.Finding {
	var out []workbook.Finding
	for _, f := range r.data.Findings {
		if f.Kind == k {
			out = append(out, f)
		}
	}
	return out
}

// findingText is a finding's text with the statement or key issue it is
// about: a statement by its number and its words, so that a reader of
// the summary need not look it up.
func (r *report) findingText(f workbook.Finding) string {
	text := r.said(r.clean.block(f.Text))
	var about string
	switch {
	case f.StatementID != "":
		about = r.l.StatementRef(r.statementQuote(f.StatementID))
	case f.KeyIssueID != "":
		if n := r.issueNumber(f.KeyIssueID); n > 0 {
			about = r.l.KeyIssueRef(n)
		} else {
			about = r.l.KeyIssue + " " + r.clean.line(f.KeyIssueID)
		}
	}
	switch {
	case text == "":
		return about
	case about == "":
		return text
	}
	return text + " (" + about + ")"
}

// actionPlan writes a table of interventions.
func (r *report) actionPlan(ivs []workbook.Intervention, earlier bool) {
	if len(ivs) == 0 {
		r.out.para(r.l.NoPlan, note)
		return
	}
	var rows []tableRow
	for _, cells := range r.planCells(ivs) {
		rows = append(rows, tableRow{cells: cells})
	}
	status := r.l.Status
	if earlier {
		status = r.l.StatusNow
	}
	r.out.table(table{cols: []column{
		{title: r.l.Action},
		{title: r.l.Owner, w: 36},
		{title: r.l.Due, w: 26},
		{title: status, w: 22},
	}, rows: rows})
	r.planNote(ivs)
}

// suggestions lists the interventions the questionnaire suggests for the
// ranked barriers.
func (r *report) suggestions() {
	type sugg struct{ label, text string }
	var all []sugg
	for _, it := range r.res.Barriers {
		for _, t := range it.Statement.Interventions {
			all = append(all, sugg{r.statementLabel(it.Statement.ID), r.txt(t)})
		}
	}
	if len(all) == 0 {
		return
	}
	d := r.out
	d.heading(h2, r.l.Suggested, d.paraHeight(r.l.SuggestedNote, note)+3*lineBody)
	d.para(r.l.SuggestedNote, note)
	for len(all) > 0 {
		n := 1
		for n < len(all) && all[n].label == all[0].label {
			n++
		}
		items := make([]string, n)
		for i, s := range all[:n] {
			items[i] = s.text
		}
		d.gap(1)
		r.bullets(all[0].label, items)
		all = all[n:]
	}
}
