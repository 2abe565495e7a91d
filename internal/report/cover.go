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
	d, data := r.d, r.data
	d.addPage()
	p := d.pdf
	d.fillColor(blue)
	p.Rect(0, 0, d.w, 9, "F")
	d.setY(34)
	d.font("B", sizeSmall)
	d.textColor(blue)
	d.text(d.left(), d.y(), d.width(), 5, strings.ToUpper(r.l.CoverKicker), "L")
	d.setY(d.y() + 7)
	p.Bookmark(r.l.Cover, 0, 0)
	for _, s := range d.wrap(r.l.ReportTitle, d.width(), "B", 26) {
		d.font("B", 26)
		d.textColor(ink)
		d.text(d.left(), d.y(), d.width(), 11, s, "L")
		d.setY(d.y() + 11)
	}
	d.setY(d.y() + 3)
	site := r.clean.line(data.Site.Name)
	d.para(site, style{font: "B", size: 16, line: 7.5, color: blue})
	org := r.clean.line(data.Site.Organisation)
	if data.Site.Area != "" {
		org += " · " + r.clean.line(data.Site.Area)
	}
	d.para(org, style{size: 12, line: 6, color: grey, after: 8})

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
	d.table(table{cols: []column{{w: 52, style: "B"}, {}}, rows: rows, size: sizeBody, noHead: true})

	d.heading(h3, r.l.WhoTookPart, 30)
	r.participation()
	if data.Site.Context != "" {
		d.heading(h3, r.l.AboutSite, 12)
		d.para(r.clean.block(data.Site.Context), small)
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
	d := r.d
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
	d := r.d
	d.heading(h1, r.l.Summary, 20)
	if !r.hasScores() {
		r.missing = append(r.missing, r.l.MissingScores)
		d.para(r.l.SummaryNoScores(len(r.data.Participants)), body)
	} else {
		d.para(r.l.SummaryTookPart(r.res.Insiders, r.res.Outsiders, len(r.data.Questionnaire.Statements())), body)
		r.summaryIssues()
		r.summaryBarriers()
		r.summaryGaps()
	}
	r.summaryPlan()
	if r.earlier != nil {
		d.para(r.l.SummaryChanged(r.l.isoDate(r.earlier.Assessment.Started)), body)
	}
}

// summaryIssues names the strongest and weakest key issues.
func (r *report) summaryIssues() {
	var shown []analysis.IssueResult
	for _, is := range r.res.Issues {
		if !is.All.Suppressed && is.All.Items > 0 {
			shown = append(shown, is)
		}
	}
	if len(shown) == 0 {
		r.d.para(r.l.SummaryNoIssue, body)
		return
	}
	// Stable: ties keep workbook order.
	slices.SortStableFunc(shown, func(a, b analysis.IssueResult) int { return cmp.Compare(b.All.Mean, a.All.Mean) })
	best, worst := shown[0], shown[len(shown)-1]
	desc := func(is analysis.IssueResult) (string, string, string) {
		return r.txt(is.KeyIssue.Title), r.num(is.All.Mean, 1), r.l.band(is.All.Band)
	}
	bt, bm, bb := desc(best)
	if len(shown) == 1 {
		r.d.para(r.l.SummaryOneIssue(bt, bm, bb), body)
		return
	}
	wt, wm, wb := desc(worst)
	r.d.para(r.l.SummaryIssues(bt, bm, bb, wt, wm, wb), body)
}

// summaryBarriers names the barriers the scores show and those the group
// confirmed.
func (r *report) summaryBarriers() {
	d := r.d
	if n := len(r.res.Barriers); n > 0 {
		low := r.res.Barriers[0]
		d.para(r.l.SummaryBarrierBand(n, r.num(r.data.Questionnaire.Bands.Improve, 1), r.statementQuote(low.Statement.ID), r.num(low.All.Mean, 1)), body)
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

// summaryGaps names the biggest blind spots and unrecognised strengths.
func (r *report) summaryGaps() {
	var blind, strengths []analysis.ItemResult
	for _, it := range r.res.Items {
		switch it.Gap.Kind {
		case analysis.GapBlindSpot:
			blind = append(blind, it)
		case analysis.GapUnrecognisedStrength:
			strengths = append(strengths, it)
		}
	}
	if len(blind) == 0 {
		r.d.para(r.l.SummaryNoBlindSpots, body)
	} else {
		r.bullets(r.l.SummaryBlindSpots(len(blind), min(3, len(blind))), r.gapLines(blind))
		r.d.gap(1)
	}
	if len(strengths) > 0 {
		r.bullets(r.l.SummaryStrengths(len(strengths), min(3, len(strengths))), r.gapLines(strengths))
		r.d.gap(1)
	}
}

// gapLines describes the three biggest gaps of items, biggest first.
func (r *report) gapLines(items []analysis.ItemResult) []string {
	items = slices.Clone(items)
	slices.SortStableFunc(items, func(a, b analysis.ItemResult) int {
		return cmp.Compare(math.Abs(b.Gap.Value), math.Abs(a.Gap.Value))
	})
	var out []string
	for _, it := range items[:min(3, len(items))] {
		out = append(out, r.l.GapLine(r.statementQuote(it.Statement.ID), r.l.signed(it.Gap.Value),
			r.num(it.Insiders.Mean, 1), it.Insiders.N, r.num(it.Outsiders.Mean, 1), it.Outsiders.N))
	}
	return out
}

// summaryPlan says what the site plans to do.
func (r *report) summaryPlan() {
	ivs := r.data.Interventions
	if len(ivs) == 0 {
		r.d.para(r.l.SummaryNoPlan, body)
		return
	}
	var items []string
	for _, iv := range ivs[:min(5, len(ivs))] {
		items = append(items, r.interventionLine(iv))
	}
	r.bullets(r.l.SummaryPlan(len(ivs)), items)
	if len(ivs) > 5 {
		r.d.para(r.l.SummaryPlanMore(len(ivs)-5), note)
	}
}

// interventionLine is an action with its owner, due date and status.
func (r *report) interventionLine(iv workbook.Intervention) string {
	s := r.clean.line(iv.Action)
	var parts []string
	if iv.Owner != "" {
		parts = append(parts, r.clean.line(iv.Owner))
	}
	if iv.Due != "" {
		parts = append(parts, r.l.By+" "+r.l.isoDate(iv.Due))
	}
	parts = append(parts, r.l.status(iv.Status))
	return s + " (" + strings.Join(parts, ", ") + ")"
}

// bullets writes a list under an optional head (in bold), keeping the
// head with the first item and the last two items together.
func (r *report) bullets(head string, items []string) {
	d := r.d
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
