package report

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/engage-toolkit/engage/internal/analysis"
	"github.com/engage-toolkit/engage/internal/workbook"
)

// cover writes the first page: who, what, when, and who took part.
func (r *report) cover() {
	d, data := r.out, r.data
	org := r.clean.line(data.Site.Organisation)
	if data.Site.Area != "" {
		org += " · " + r.clean.line(data.Site.Area)
	}
	t := titleBlock{kicker: r.l.CoverKicker, title: r.l.ReportTitle, site: r.clean.line(data.Site.Name), org: org}
	if data.Assessment.Completed == "" {
		t.draft = r.l.Draft
	}
	d.title(t)

	rows := []tableRow{
		{cells: []string{r.l.PartnershipAssessed, r.partnershipTitle()}},
	}
	if data.Assessment.Title != "" {
		rows = append(rows, tableRow{cells: []string{r.l.Assessment, r.clean.line(data.Assessment.Title)}})
	}
	rows = append(rows,
		tableRow{cells: []string{r.l.Started, r.l.isoDate(data.Assessment.Started)}},
		tableRow{cells: []string{r.l.Completed, r.completed()}},
		tableRow{cells: []string{r.l.Questionnaire, r.questionnaireName(data)}},
		tableRow{cells: []string{r.l.DataAsOf, r.l.dateTime(r.asOf)}},
	)
	d.table(table{cols: []column{{w: 52, style: "B"}, {}}, rows: rows, size: sizeBody, noHead: true, caption: r.hl.AboutReport})
	r.record()

	d.heading(h3, r.l.WhoTookPart, 30)
	r.participation()
	if data.Site.Context != "" {
		d.heading(h3, r.l.AboutSite, 12)
		d.para(r.said(r.clean.block(data.Site.Context)), small)
	}
	d.gap(2)
	if r.opts.Names {
		d.para(r.l.NamesShown, note)
	} else {
		d.para(r.l.AnonymityNote, note)
	}
}

// completed is the completion date, or that the assessment is in progress.
func (r *report) completed() string {
	if r.data.Assessment.Completed == "" {
		return r.l.InProgress
	}
	return r.l.isoDate(r.data.Assessment.Completed)
}

// questionnaireName is a questionnaire's title, version and short hash.
func (r *report) questionnaireName(d *workbook.AssessmentData) string {
	q := d.Questionnaire
	h := q.Hash
	if len(h) > 12 {
		h = h[:12]
	}
	return fmt.Sprintf("%s, %s %s (%s)", r.txt(q.Title), r.l.Version, r.clean.line(q.Version), h)
}

// participation writes the table of who took part by role level, and
// their names when asked for.
func (r *report) participation() {
	d := r.out
	var rows []tableRow
	for _, role := range workbook.Roles {
		ins, outs := r.people.took[workbook.Insider][role], r.people.took[workbook.Outsider][role]
		if ins+outs == 0 {
			continue
		}
		rows = append(rows, tableRow{cells: []string{r.l.role(role), count(ins), count(outs), count(ins + outs)}})
	}
	ins, outs := r.people.total[workbook.Insider], r.people.total[workbook.Outsider]
	if ins+outs == 0 {
		d.para(r.l.NobodyYet(len(r.data.Participants)), body)
		return
	}
	rows = append(rows, tableRow{cells: []string{r.l.Total, count(ins), count(outs), count(ins + outs)}, bold: true})
	d.table(table{cols: []column{
		{title: r.l.RoleLevel},
		{title: r.l.Insiders, w: 28, align: "R"},
		{title: r.l.Outsiders, w: 28, align: "R"},
		{title: r.l.Total, w: 28, align: "R"},
	}, rows: rows, size: sizeBody})
	if !r.opts.Names {
		return
	}
	var names []tableRow
	for _, p := range r.data.Participants {
		if p.Name == "" {
			continue
		}
		names = append(names, tableRow{cells: []string{r.clean.line(p.Name), r.l.group(p.Group), r.l.role(p.Role), r.clean.line(p.Organisation)}})
	}
	if len(names) > 0 {
		d.heading(h3, r.l.Names, 12)
		d.table(table{cols: []column{{title: r.l.Name}, {title: r.l.Group, w: 25}, {title: r.l.RoleLevel, w: 30}, {title: r.l.Organisation, w: 50}}, rows: names})
	}
}

func count(n int) string { return fmt.Sprint(n) }

// summary writes the plain-language summary.
func (r *report) summary() {
	d := r.out
	d.heading(h1, r.l.Summary, 20)
	if !r.hasScores() {
		r.missing = append(r.missing, r.l.MissingScores)
		d.para(r.l.SummaryNoScores(len(r.data.Participants)), body)
	} else {
		r.summaryTookPart()
		r.summaryIssues()
		r.summaryBarriers()
		r.summaryGaps()
	}
	r.summaryPlan()
	if r.earlier != nil {
		d.para(r.l.SummaryChanged(r.l.isoDate(r.earlier.Assessment.Started)), body)
	}
}

// summaryTookPart says who scored what: the insiders the workbook's
// statements, the outsiders the verification statements.
func (r *report) summaryTookPart() {
	q := r.data.Questionnaire
	insScored, outsScored := 0, 0
	for _, it := range r.res.Items {
		if it.Insiders.N > 0 {
			insScored++
		}
		if it.Outsiders.N > 0 {
			outsScored++
		}
	}
	r.out.para(r.l.SummaryTookPart(r.res.Insiders, insScored, len(q.Statements()),
		r.res.Outsiders, outsScored, len(q.VerificationStatements())), body)
}

// summaryIssues names the strongest and weakest key issues by one stated
// group's scores, the insiders' (whose self-assessment it is) when any may
// be shown, else the outsiders'; the other group's score is beside each.
func (r *report) summaryIssues() {
	pop := analysis.PopInsiders
	group := func(is analysis.IssueResult) (analysis.IssueScore, analysis.IssueScore) {
		return is.Insiders, is.Outsiders
	}
	shown := func(s analysis.IssueScore) bool { return !s.Suppressed && s.Items > 0 }
	var list []analysis.IssueResult
	for _, is := range r.res.Issues {
		if own, _ := group(is); shown(own) {
			list = append(list, is)
		}
	}
	if len(list) == 0 {
		pop = analysis.PopOutsiders
		group = func(is analysis.IssueResult) (analysis.IssueScore, analysis.IssueScore) {
			return is.Outsiders, is.Insiders
		}
		for _, is := range r.res.Issues {
			if own, _ := group(is); shown(own) {
				list = append(list, is)
			}
		}
	}
	if len(list) == 0 {
		r.out.para(r.l.SummaryNoIssue, body)
		return
	}
	// Stable: ties keep workbook order.
	slices.SortStableFunc(list, func(a, b analysis.IssueResult) int {
		x, _ := group(a)
		y, _ := group(b)
		return cmp.Compare(y.Mean, x.Mean)
	})
	name, otherName := r.l.Insiders, r.l.Outsiders
	if pop == analysis.PopOutsiders {
		name, otherName = otherName, name
	}
	fig := func(is analysis.IssueResult) string {
		own, other := group(is)
		otherMean := ""
		if shown(other) {
			otherMean = r.mean(other.Mean, 2)
		}
		return r.l.IssueFig(strings.ToLower(name), r.mean(own.Mean, 2), r.l.band(own.Band),
			strings.ToLower(otherName), otherMean, other.Respondents)
	}
	best, worst := list[0], list[len(list)-1]
	if len(list) == 1 {
		r.out.para(r.l.SummaryOneIssue(r.l.whoseOf(pop), r.txt(best.KeyIssue.Title), fig(best)), body)
		return
	}
	r.out.para(r.l.SummaryIssues(r.l.whoseOf(pop), r.txt(best.KeyIssue.Title), fig(best), r.txt(worst.KeyIssue.Title), fig(worst)), body)
}

// summaryBarriers names the barriers the scores show and those the group
// confirmed.
func (r *report) summaryBarriers() {
	d := r.out
	if n := len(r.res.Barriers); n > 0 {
		low := r.res.Barriers[0]
		pop, s := low.Headline()
		d.para(r.l.SummaryBarrierBand(n, r.num(r.data.Questionnaire.Bands.Improve, 1), r.statementQuote(low.Statement.ID),
			r.l.whoseOf(pop), r.mean(s.Mean, 2), s.N), body)
	} else {
		d.para(r.l.SummaryNoBarrierBand(r.num(r.data.Questionnaire.Bands.Improve, 1)), body)
	}
	confirmed := r.findings(workbook.FindingBarrier)
	if len(confirmed) == 0 {
		d.para(r.l.SummaryNoConfirmed, body)
		return
	}
	var items []string
	for _, f := range confirmed {
		items = append(items, r.findingText(f))
	}
	r.bullets(r.l.SummaryConfirmed, items)
	d.gap(1)
}

// summaryGaps names the biggest blind spots and unrecognised strengths,
// or says that nothing could be compared and why.
func (r *report) summaryGaps() {
	var blind, strengths []analysis.ItemResult
	compared := 0
	for _, it := range r.res.Items {
		if it.Gap.Known {
			compared++
		}
		switch it.Gap.Kind {
		case analysis.GapBlindSpot:
			blind = append(blind, it)
		case analysis.GapUnrecognisedStrength:
			strengths = append(strengths, it)
		}
	}
	switch {
	case compared == 0:
		r.out.para(r.l.SummaryNoneCompared(r.res.Outsiders), body)
		return
	case len(blind) == 0:
		r.out.para(r.l.SummaryNoBlindSpots(compared), body)
	default:
		r.bullets(r.l.SummaryBlindSpots(len(blind), min(3, len(blind))), r.gapLines(blind))
		r.out.gap(1)
	}
	if len(strengths) > 0 {
		r.bullets(r.l.SummaryStrengths(len(strengths), min(3, len(strengths))), r.gapLines(strengths))
		r.out.gap(1)
	}
}

// gapLines describes the three biggest gaps of items, biggest first, each
// with the two means it is the difference of.
func (r *report) gapLines(items []analysis.ItemResult) []string {
	items = slices.Clone(items)
	slices.SortStableFunc(items, func(a, b analysis.ItemResult) int {
		return cmp.Compare(math.Abs(b.Gap.Value), math.Abs(a.Gap.Value))
	})
	var out []string
	for _, it := range items[:min(3, len(items))] {
		g := it.Gap
		gap, ins, outs := r.gapFigures(g)
		out = append(out, r.l.GapLine(r.statementQuote(it.Statement.ID), gap, ins, g.Insiders, outs, g.Outsiders))
	}
	return out
}

// summaryPlan says what the site plans to do.
func (r *report) summaryPlan() {
	ivs := r.data.Interventions
	if len(ivs) == 0 {
		r.out.para(r.l.SummaryNoPlan, body)
		return
	}
	var items []string
	for _, iv := range ivs[:min(5, len(ivs))] {
		items = append(items, r.interventionLine(iv))
	}
	r.bullets(r.l.SummaryPlan(len(ivs)), items)
	if len(ivs) > 5 {
		r.out.para(r.l.SummaryPlanMore(len(ivs)-5), note)
	}
}

// interventionLine is an action with its owner, due date and status.
func (r *report) interventionLine(iv workbook.Intervention) string {
	s := r.said(r.clean.line(iv.Action))
	var parts []string
	if iv.Owner != "" {
		parts = append(parts, r.clean.line(iv.Owner))
	}
	if iv.Due != "" {
		parts = append(parts, r.l.By+" "+r.l.isoDate(iv.Due))
	}
	parts = append(parts, r.l.status(iv.Status))
	if iv.Overdue(r.planDay()) {
		parts = append(parts, r.l.lang.T("report.plan.overdue"))
	}
	return s + " (" + strings.Join(parts, ", ") + ")"
}

// bullets writes a list under an optional head.
func (r *report) bullets(head string, items []string) { r.out.bullets(head, items) }
